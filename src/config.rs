//! `content/site.yaml` → a typed, validated [`Config`]: the brand and the domains.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{column_of, value_column, Code, Diagnostic};
use crate::ids::DomainId;
use crate::policy::{self, RawHtml};
use crate::read::{Kind, ReadError, Reader};
use crate::yaml;

pub mod deploy;
mod docs;

pub use deploy::{Deploy, Redirect, Target};
use docs::edit_url_problem;
pub use docs::DocsSettings;
mod commerce;

pub use commerce::{Band, Contact, PolicySeverity, PricePolicy, Support};

/// The whole site: brand plus one entry per published domain.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Company name and tagline.
    pub brand: Brand,
    /// The domains, in the order they are listed (the first is the default).
    pub domains: Vec<Domain>,
    /// How Markdown pages are read.
    #[serde(default)]
    pub markdown: MarkdownSettings,
    /// How decision records are read.
    #[serde(default)]
    pub decisions: DecisionSettings,
    /// Which sections are documentation (sidebar, previous/next, last updated, edit link).
    #[serde(default)]
    pub docs: DocsSettings,
    /// Facts about support that hold for every plan (what "business hours" means).
    #[serde(default)]
    pub support: Support,
    /// Price policy per currency: the band and endings its list prices keep against another currency.
    #[serde(default)]
    pub prices: BTreeMap<String, PricePolicy>,
    /// The text it was parsed from, for locating later diagnostics.
    #[serde(skip)]
    pub text: String,
}

/// The brand shared by every domain.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Company name.
    pub name: String,
    /// One-line tagline.
    pub tagline: String,
    /// A sentence or two about the company.
    #[serde(default)]
    pub description: String,
}

/// How Markdown pages are read (`markdown:` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    /// What raw HTML in pages may do: `safe` (the default) removes what can run a script
    /// or embed another document, with a warning; `trusted` publishes it as written;
    /// `escape` shows it as text.
    #[serde(default)]
    pub raw_html: RawHtml,
}

/// How decision records are read (`decisions:` in `site.yaml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionSettings {
    /// A folder's own status words and the status each stands for
    /// (`"on hold": proposed`): `proposed`, `accepted`, `rejected`, `deprecated` or
    /// `superseded`.
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
}

impl DecisionSettings {
    /// A status word mapped to something that is not a status (E057).
    fn unknown_targets(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let unknown =
            self.statuses.iter().filter(|(_, to)| !STATUSES.contains(&to.trim().to_ascii_lowercase().as_str()));
        unknown
            .map(|(word, to)| {
                let line = find_line(text, word);
                let message = format!("status word `{word}` is mapped to `{to}`, which is not a status");
                Diagnostic::error(path, line, value_column(text, line, word), message)
                    .with_code(Code::E057)
                    .with_source(text)
                    .with_hint(format!("map it to one of {}", STATUSES.join(", ")))
            })
            .collect()
    }
}

/// The statuses a [`DecisionSettings::statuses`] word may stand for.
pub const STATUSES: [&str; 5] = ["proposed", "accepted", "rejected", "deprecated", "superseded"];

/// Text direction of a domain's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Hebrew).
    Rtl,
}

/// How a domain shows tax on prices.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tax {
    /// VAT rate in percent (18 for Israel).
    #[serde(default)]
    pub rate: f64,
    /// Whether displayed prices include it.
    #[serde(default)]
    pub included: bool,
}

/// A labelled link from `site.yaml` (navigation, calls to action). `url` may be an
/// internal `@/path.md` link, resolved per domain.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    /// Visible text.
    pub label: String,
    /// Root-relative URL, absolute URL or `@/content/path.md`.
    pub url: String,
}

/// One published website.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Short key: `ai`, `io`, `dev`, `il`.
    pub key: String,
    /// Host name, also the output folder name.
    pub host: String,
    /// `https://host`, no trailing slash.
    pub base_url: String,
    /// Language code (`en`, `he`).
    pub language: String,
    /// Text direction.
    pub direction: Direction,
    /// ISO 4217 currency code prices are shown in.
    pub currency: String,
    /// Tax display.
    #[serde(default)]
    pub tax: Tax,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Site title used in `<title>` and the home page.
    pub title: String,
    /// Site description.
    #[serde(default)]
    pub description: String,
    /// What this domain offers its visitors, in a few words (shown on the home page and in the footer).
    #[serde(default)]
    pub role: String,
    /// Content-relative path of the home page (default `_index.md` inside `content_dir`).
    #[serde(default)]
    pub home: Option<String>,
    /// A content folder whose pages belong to this domain only, mounted at `/`.
    #[serde(default)]
    pub content_dir: Option<String>,
    /// Key of the domain whose pages this one translates (`il` translates `ai`).
    #[serde(default)]
    pub twin: Option<String>,
    /// Top-level sections (folders, or root file stems) this domain publishes.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Header navigation.
    #[serde(default)]
    pub nav: Vec<NavLink>,
    /// Calls to action on the home page.
    #[serde(default)]
    pub cta: Vec<NavLink>,
    /// Where the domain is published, and the headers and redirects it adds.
    #[serde(default)]
    pub deploy: Deploy,
    /// "Edit this page" on documentation pages: an http(s) URL template where `{path}`
    /// stands for the page's path under `content/`
    /// (`https://github.com/org/repo/edit/main/content/{path}`).
    #[serde(default)]
    pub edit_url: Option<String>,
    /// Where a buyer on this domain writes (sales, support, … and an optional form endpoint).
    #[serde(default)]
    pub contact: Option<Contact>,
}

fn default_theme() -> String {
    "default".into()
}

impl Domain {
    /// Content-relative path of this domain's home page.
    pub fn home_path(&self) -> String {
        match (&self.home, &self.content_dir) {
            (Some(home), _) => home.clone(),
            (None, Some(dir)) => format!("{}/_index.md", dir.trim_end_matches('/')),
            (None, None) => "_index.md".into(),
        }
    }

    /// Absolute URL of a root-relative path on this domain.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// Relative path of the config file inside the site root.
pub const CONFIG_PATH: &str = "content/site.yaml";

impl Config {
    /// The language of the page at content path `rel`: `lang` when it sets one, else that
    /// of the domain that owns its folder (or its home page), else the first domain's.
    pub fn language_of<'a>(&'a self, rel: &crate::content_path::ContentPath, lang: Option<&'a str>) -> &'a str {
        if let Some(lang) = lang {
            return lang;
        }
        let owner = self.domains.iter().find(|d| {
            d.content_dir.as_deref().is_some_and(|dir| rel.is_within(dir)) || d.home.as_deref() == Some(rel.as_str())
        });
        owner.or(self.domains.first()).map_or("en", |d| d.language.as_str())
    }

    /// Parses `site.yaml` text; `path` is only used to locate diagnostics.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
        let mut config: Config = yaml::parse(text).map_err(|e| {
            let d = Diagnostic::error(path, e.line, e.column, e.message).with_code(e.code).with_source(text);
            match e.hint {
                Some(h) => d.with_hint(h),
                None => d,
            }
        })?;
        config.text = text.to_owned();
        for domain in &mut config.domains {
            domain.base_url = domain.base_url.trim_end_matches('/').to_owned();
        }
        Ok(config)
    }

    /// Checks what serde cannot: unique keys and hosts, URL and code shapes.
    pub fn validate(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |needle: &str, message: String, hint: &str| {
            let line = find_line(text, needle);
            // A `key: value` needle points at the value.
            let column = match (column_of(text, line, needle), needle.split_once(": ")) {
                (column, Some((key, _))) if column > 0 => column + key.chars().count() + 2,
                (column, _) => column,
            };
            Diagnostic::error(path, line, column, message).with_code(Code::E010).with_source(text).with_hint(hint)
        };
        if self.domains.is_empty() {
            out.push(at("domains", "no domains are defined".into(), "add at least one entry under `domains:`"));
        }
        out.extend(self.decisions.unknown_targets(text, path));
        let mut keys = BTreeSet::new();
        let mut hosts = BTreeSet::new();
        for d in &self.domains {
            let key_at = format!("key: {}", d.key);
            if !keys.insert(&d.key) {
                out.push(at(&key_at, format!("domain key `{}` is used twice", d.key), "give each domain a unique key"));
            }
            if !hosts.insert(&d.host) {
                out.push(at(
                    &format!("host: {}", d.host),
                    format!("host `{}` is used twice", d.host),
                    "each domain needs its own host",
                ));
            }
            if d.key.is_empty() || !d.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
                out.push(at(
                    &key_at,
                    format!("domain key `{}` must be lowercase letters and digits", d.key),
                    "use a short key like `ai`",
                ));
            }
            if !(d.base_url.starts_with("https://") || d.base_url.starts_with("http://")) {
                out.push(at(
                    &d.base_url,
                    format!("base_url `{}` must start with https://", d.base_url),
                    "write e.g. `base_url: https://connectsoft.ai`",
                ));
            }
            if d.currency.len() != 3 || !d.currency.chars().all(|c| c.is_ascii_uppercase()) {
                out.push(at(
                    &format!("currency: {}", d.currency),
                    format!("currency `{}` is not an ISO 4217 code", d.currency),
                    "use a code like USD or ILS",
                ));
            }
            if let Some(twin) = d.twin.as_deref().filter(|t| !self.domains.iter().any(|o| o.key == *t)) {
                out.push(at(
                    &format!("twin: {twin}"),
                    format!("twin `{twin}` is not a domain key"),
                    "name the domain this one translates, e.g. `twin: ai`",
                ));
            }
            if d.theme.is_empty() || d.theme.contains(['/', '\\']) || d.theme.starts_with('.') {
                out.push(at(
                    &format!("theme: {}", d.theme),
                    format!("theme `{}` is not a folder name", d.theme),
                    "name a folder under themes/, e.g. `theme: default`",
                ));
            }
            out.extend(self.refused_links(d, text, path));
            out.extend(deploy::validate(&d.deploy, &d.host, text, path));
            out.extend(d.edit_url.as_deref().and_then(|url| edit_url_problem(url, text, path)));
            if d.host.is_empty() || d.host.contains(['/', '\\']) || d.host.starts_with('.') {
                out.push(at(
                    &format!("host: {}", d.host),
                    format!("host `{}` is not a host name", d.host),
                    "write just the name, e.g. `connectsoft.ai`",
                ));
            }
        }
        out
    }

    /// Navigation links and calls to action whose URL the URL policy refuses
    /// (`javascript:`, `data:`, …), each at its line.
    fn refused_links(&self, d: &Domain, text: &str, path: &Path) -> Vec<Diagnostic> {
        let nav = d.nav.iter().map(|n| ("navigation link", n));
        let links = nav.chain(d.cta.iter().map(|n| ("call to action", n)));
        links
            .filter_map(|(what, n)| {
                let refusal = policy::check(&n.url).err()?;
                let (line, column) = match find_line(text, &n.url) {
                    0 => (find_line(text, &n.label), column_of(text, find_line(text, &n.label), &n.label)),
                    line => (line, column_of(text, line, &n.url)),
                };
                let message = format!(
                    "{what} `{}` in domain `{}` goes to `{}`, which {}",
                    n.label,
                    d.key,
                    n.url,
                    refusal.reason()
                );
                Some(
                    Diagnostic::error(path, line, column, message)
                        .with_code(Code::E011)
                        .with_source(text)
                        .with_hint(format!("a link in site.yaml is {}", policy::ALLOWED)),
                )
            })
            .collect()
    }

    /// Reads and validates `content/site.yaml` under `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = PathBuf::from(CONFIG_PATH);
        let text = Reader::new(root).text(&root.join(&path), Kind::Yaml).map_err(|e| {
            let d = e.diagnostic(&path);
            match e {
                ReadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    vec![d.with_hint("create content/site.yaml with `brand:` and `domains:`")]
                }
                _ => vec![d],
            }
        })?;
        let config = Config::parse(&text, &path).map_err(|d| vec![d])?;
        let problems = config.validate(&text, &path);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The domain with this key.
    pub fn domain(&self, key: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.key == key)
    }

    /// The domain `id` names.
    pub fn domain_at(&self, id: DomainId) -> &Domain {
        &self.domains[id.index()]
    }

    /// Every domain with its id, in `site.yaml` order.
    pub fn domain_ids(&self) -> impl Iterator<Item = (DomainId, &Domain)> + '_ {
        self.domains.iter().enumerate().map(|(i, d)| (DomainId::new(i), d))
    }
}

/// 1-based line of the first line containing `needle` (0 if none).
pub fn find_line(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests;
