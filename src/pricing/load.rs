//! Reading the catalogue: every `content/products/*.yaml` and `content/pricing/*.yaml`,
//! parsed into typed models with located syntax and shape errors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::read::{is_dangling, Kind, Reader};
use crate::yaml;

use super::model::{PriceList, Product};

/// A parsed file together with where it came from, for locating later diagnostics.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the site root (`content/pricing/factory.yaml`).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// The parsed value.
    pub value: T,
}

/// Every product and price list, as read.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Products, sorted by file name.
    pub products: Vec<Source<Product>>,
    /// Price lists, sorted by file name.
    pub prices: Vec<Source<PriceList>>,
    /// Non-fatal findings from validation.
    pub warnings: Vec<Diagnostic>,
}

impl Catalog {
    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Source<Product>> {
        self.products.iter().find(|p| p.value.id == id)
    }

    /// The price list of this product.
    pub fn prices_of(&self, id: &str) -> Option<&Source<PriceList>> {
        self.prices.iter().find(|p| p.value.product == id)
    }
}

/// Reads both folders; all syntax and shape errors are reported, not just the first.
/// `languages` are the site's: a text map with another key is an error (E048).
pub fn read(root: &Path, languages: &BTreeSet<&str>) -> Result<Catalog, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let reader = Reader::new(root);
    let files = Files { reader: &reader, root, languages };
    let products = read_dir::<Product>(&files, "content/products", &mut problems);
    let prices = read_dir::<PriceList>(&files, "content/pricing", &mut problems);
    if problems.is_empty() {
        Ok(Catalog { products, prices, warnings: Vec::new() })
    } else {
        Err(problems)
    }
}

/// What reading one file needs.
struct Files<'a> {
    reader: &'a Reader,
    root: &'a Path,
    languages: &'a BTreeSet<&'a str>,
}

fn read_dir<T: DeserializeOwned>(files: &Files<'_>, rel: &str, problems: &mut Vec<Diagnostic>) -> Vec<Source<T>> {
    let Ok(entries) = std::fs::read_dir(files.root.join(rel)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| !is_dangling(&e.path()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !crate::load::is_ignored(n))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let path = PathBuf::from(rel).join(&name);
        match parse_file(files, &files.root.join(&path), &path) {
            Ok(source) => out.push(source),
            Err(d) => problems.extend(d),
        }
    }
    out
}

fn parse_file<T: DeserializeOwned>(files: &Files<'_>, full: &Path, path: &Path) -> Result<Source<T>, Vec<Diagnostic>> {
    let text = files.reader.text(full, Kind::Yaml).map_err(|e| vec![e.diagnostic(path)])?;
    let strays = super::languages::stray_keys(&text, path, files.languages);
    if !strays.is_empty() {
        return Err(strays);
    }
    let value = parse::<T>(&text, path).map_err(|d| vec![d])?;
    Ok(Source { path: path.to_path_buf(), text, value })
}

/// Parses catalogue YAML text; errors carry `path`, line, column and a hint.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, Diagnostic> {
    yaml::parse(text).map_err(|e| {
        let d = Diagnostic::error(path, e.line, e.column, e.message).with_code(e.code).with_source(text);
        match e.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    })
}
