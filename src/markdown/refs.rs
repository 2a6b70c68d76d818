//! Which link destinations the site resolves rather than keeps as written: a page's
//! every reference into `content/` (pages, files beside it, folders), data prose's
//! `@/` and `.md` links only (it has no folder of its own).

/// Which links a rendering resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refs {
    /// A page's: every content reference, files and folders too.
    Page,
    /// Data prose's: `@/` and `.md` links only.
    Prose,
}

impl Refs {
    /// True when a link's destination is resolved by the site rather than kept as written.
    pub fn resolves(self, dest: &str) -> bool {
        match self {
            Refs::Page => is_content_ref(dest),
            Refs::Prose => is_internal(dest),
        }
    }

    /// True when an image's source is a file under `content/`, resolved like a link.
    pub fn resolves_image(self, src: &str) -> bool {
        self == Refs::Page && is_content_ref(src) && !src.starts_with('#')
    }
}

/// True when `dest` points at another content page rather than the web.
pub fn is_internal(dest: &str) -> bool {
    if dest.starts_with("@/") || dest.starts_with('#') {
        return true;
    }
    if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with("tel:") || dest.starts_with('/') {
        return false;
    }
    let path = dest.split('#').next().unwrap_or(dest);
    path.ends_with(".md")
}

/// True when a page's `dest` names something under `content/`: an `@/` path, an anchor,
/// or any relative reference (`flow.png`, `../LICENSE`, `../docs/`) — not a URL with a
/// scheme, a root-relative path (`/pricing/`) or a query alone.
pub fn is_content_ref(dest: &str) -> bool {
    if dest.starts_with("@/") || dest.starts_with('#') {
        return true;
    }
    !(dest.is_empty() || dest.starts_with('/') || dest.starts_with('\\') || dest.starts_with('?') || has_scheme(dest))
}

/// True when `dest` starts with a URL scheme (`https:`, `mailto:`, `c:`).
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else { return false };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}
