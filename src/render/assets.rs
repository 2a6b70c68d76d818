//! Theme assets: static files plus the generated syntax stylesheets, each published
//! under a content-hashed name so browsers can cache them forever.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::is_ignored;
use crate::markdown::highlight;
use crate::read;

/// One published asset.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Root-relative URL with the hash in the name (`/assets/style.1a2b3c4d.css`).
    pub url: String,
    /// File contents.
    pub bytes: Vec<u8>,
}

/// Folder under `static/` whose `*.css` files are appended to `style.css`.
const CSS_PARTS: &str = "css/";

/// A theme's assets by logical name (`style.css`).
pub type Assets = BTreeMap<String, Asset>;

/// Loads `themes/<theme>/static/**` and adds `syntax-light.css` / `syntax-dark.css`.
pub fn load(theme_dir: &Path) -> Result<Assets, Diagnostic> {
    let dir = theme_dir.join("static");
    let mut assets = Assets::new();
    let mut raw: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut parts = Vec::new();
    for entry in WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
    {
        let entry = entry.map_err(|e| {
            Diagnostic::error(&dir, 0, 0, format!("cannot read theme assets: {e}")).with_code(Code::E001)
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        let bytes = read::regular(entry.path(), read::Kind::Static).map_err(|e| e.diagnostic(entry.path()))?;
        if name.starts_with(CSS_PARTS) && name.ends_with(".css") {
            parts.push(bytes);
        } else {
            raw.insert(name, bytes);
        }
    }
    // Stylesheet parts (one per feature: pricing, decisions, ...) ship inside style.css,
    // in file-name order, so every page loads one stylesheet.
    if let Some(style) = raw.get_mut("style.css") {
        for part in parts {
            style.push(b'\n');
            style.extend(part);
        }
    }
    for (name, bytes) in raw {
        assets.insert(name.clone(), hashed(&name, bytes));
    }
    for (name, css) in highlight::stylesheets() {
        assets.insert(name.to_owned(), hashed(name, css.into_bytes()));
    }
    Ok(assets)
}

fn hashed(name: &str, bytes: Vec<u8>) -> Asset {
    let hash = blake3::hash(&bytes).to_hex();
    let short = &hash.as_str()[..10];
    let path = PathBuf::from(name);
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let parent = name.rfind('/').map_or("", |i| &name[..=i]);
    let url = match path.extension() {
        Some(ext) => format!("/assets/{parent}{stem}.{short}.{}", ext.to_string_lossy()),
        None => format!("/assets/{parent}{stem}.{short}"),
    };
    Asset { url, bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_a_content_hash() {
        let a = hashed("style.css", b"a".to_vec());
        let b = hashed("style.css", b"b".to_vec());
        assert!(a.url.starts_with("/assets/style.") && a.url.ends_with(".css"));
        assert_ne!(a.url, b.url);
        assert_eq!(hashed("img/x.svg", vec![]).url.split('.').count(), 3);
    }
}
