//! Request targets → keys of the in-memory output, and MIME types. Pure.
//!
//! Files are served from a map keyed by normalised paths that the build produced, so
//! nothing outside a domain's output can be named at all; this module additionally
//! refuses any target that tries (`..`, `%2e%2e`, `%2f`, `%5c`, `\`, NUL, controls).

/// Why a request target names no file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Malformed or trying to leave the domain's root: 400.
    BadRequest,
}

/// A normalised request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Segments joined by `/`, decoded, without a leading `/` (`docs/guide`); empty for `/`.
    pub path: String,
    /// True when the target ended with `/` (or was `/`).
    pub dir: bool,
}

impl Target {
    /// The output key it names: `docs/guide/index.html` for a folder, else the path.
    pub fn key(&self) -> String {
        match (self.dir, self.path.is_empty()) {
            (_, true) => "index.html".into(),
            (true, false) => format!("{}/index.html", self.path),
            (false, false) => self.path.clone(),
        }
    }
}

/// Normalises an origin-form request target (`/docs/guide/?x=1`).
pub fn normalise(target: &str) -> Result<Target, Refused> {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let raw = &target[..end];
    let rest = raw.strip_prefix('/').ok_or(Refused::BadRequest)?;
    if rest.is_empty() {
        return Ok(Target { path: String::new(), dir: true });
    }
    let dir = rest.ends_with('/');
    let body = rest.strip_suffix('/').unwrap_or(rest);
    let mut segments = Vec::new();
    for raw_segment in body.split('/') {
        segments.push(segment(raw_segment)?);
    }
    Ok(Target { path: segments.join("/"), dir })
}

/// One decoded path segment, or a refusal when it is empty, a dot segment, or hides a
/// separator or a control character.
fn segment(raw: &str) -> Result<String, Refused> {
    let decoded = percent_decode(raw).ok_or(Refused::BadRequest)?;
    let bad = decoded.is_empty()
        || decoded == "."
        || decoded == ".."
        || decoded.chars().any(|c| c == '/' || c == '\\' || c.is_control());
    if bad {
        Err(Refused::BadRequest)
    } else {
        Ok(decoded)
    }
}

/// `%XX` decoding; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// True for types whose text may carry absolute URLs of the domains.
pub fn is_text(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/xml")
        || content_type == "image/svg+xml"
        || content_type == "application/json"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(target: &str) -> Result<String, Refused> {
        normalise(target).map(|t| t.key())
    }

    #[test]
    fn folders_and_files() {
        assert_eq!(key("/"), Ok("index.html".into()));
        assert_eq!(key("/?reload=1"), Ok("index.html".into()));
        assert_eq!(key("/docs/"), Ok("docs/index.html".into()));
        assert_eq!(key("/docs/guide/#install"), Ok("docs/guide/index.html".into()));
        assert_eq!(key("/docs"), Ok("docs".into()));
        assert_eq!(key("/assets/style.0123456789.css"), Ok("assets/style.0123456789.css".into()));
        assert_eq!(key("/caf%C3%A9/"), Ok("café/index.html".into()));
        assert_eq!(key("/a%20b.txt"), Ok("a b.txt".into()));
        assert!(normalise("/docs").is_ok_and(|t| !t.dir && t.path == "docs"));
    }

    #[test]
    fn traversal_and_tricks_are_refused() {
        for target in [
            "",
            "docs/",
            "*",
            "http://evil.example/etc/passwd",
            "//etc/passwd",
            "/../etc/passwd",
            "/docs/../../etc/passwd",
            "/docs/..",
            "/docs/./guide/",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/.%2e/etc/passwd",
            "/%2e./etc/passwd",
            "/docs/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/..%2fetc%2fpasswd",
            "/..%2Fetc/passwd",
            "/..%5c..%5cetc%5cpasswd",
            "/..%5Cwindows",
            "/..\\..\\etc\\passwd",
            "/docs\\..\\..\\x",
            "/index.html%00.css",
            "/%00",
            "/a%0ab",
            "/a\0b",
            "/docs//guide/",
            "/%",
            "/%2",
            "/%zz",
            "/%ff%fe",
            "/%c0%ae%c0%ae/etc/passwd",
        ] {
            assert_eq!(normalise(target), Err(Refused::BadRequest), "{target:?}");
        }
    }

    #[test]
    fn mime_types() {
        for (path, ty) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.abc.css", "text/css; charset=utf-8"),
            ("__site/live.js", "text/javascript; charset=utf-8"),
            ("assets/favicon.abc.svg", "image/svg+xml"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("pricing.json", "application/json"),
            ("fonts/x.woff2", "font/woff2"),
            ("img/logo.PNG", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("file", "application/octet-stream"),
            ("archive.tar.gz", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), ty, "{path}");
        }
        assert!(is_text(content_type("a.html")) && is_text(content_type("a.xml")) && is_text(content_type("a.json")));
        assert!(!is_text(content_type("a.png")) && !is_text(content_type("a.woff2")));
    }
}
