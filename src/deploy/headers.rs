//! The default headers: security for every response, caching by kind of file. A file
//! is immutable only when its name carries the content hash the theme gives its
//! assets (`/assets/style.341b17430b.css`); everything else is revalidated.

/// The default Content-Security-Policy. Every page the theme renders loads its
/// scripts and styles from files of its own origin (no inline code, no `style=`);
/// JSON-LD is a data block, which `script-src` does not govern.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// Two years of HTTPS only, subdomains included (browsers ignore it over plain HTTP).
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

/// `Cache-Control` of a content-hashed file: a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of everything else: stored, but revalidated on every request.
pub const REVALIDATE: &str = "no-cache";

/// The headers every response gets, `Cache-Control` last.
pub fn security() -> Vec<(String, String)> {
    [
        ("Content-Security-Policy", CSP),
        ("Strict-Transport-Security", HSTS),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cache-Control", REVALIDATE),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v.to_owned()))
    .collect()
}

/// Whether the file name at the end of `path` carries a theme content hash: a
/// 10-digit lowercase hex part between dots (`style.341b17430b.css`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 2
        && parts[1..]
            .iter()
            .any(|p| p.len() == 10 && p.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// `headers` with `extra` applied: a name already there (any case) is replaced in
/// place, a new one added before `Cache-Control`.
pub fn merged(mut headers: Vec<(String, String)>, extra: &[(String, String)]) -> Vec<(String, String)> {
    for (name, value) in extra {
        match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(slot) => slot.1.clone_from(value),
            None => {
                let at = headers.iter().position(|(n, _)| n == "Cache-Control").unwrap_or(headers.len());
                headers.insert(at, (name.clone(), value.clone()));
            }
        }
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_theme_hashes_count() {
        assert!(is_hashed("/assets/style.341b17430b.css"));
        assert!(is_hashed("/assets/img/x.0123456789"));
        assert!(!is_hashed("/assets/style.css"));
        assert!(!is_hashed("/images/photo-2024.png"));
        assert!(!is_hashed("/assets/a.0123456789abcdef.css"));
        assert!(!is_hashed("/assets/a.ABCDEF0123.css"));
    }

    #[test]
    fn extra_headers_replace_or_add() {
        let extra = [("content-security-policy".to_owned(), "default-src 'none'".to_owned())];
        let h = merged(security(), &extra);
        assert_eq!(h[0], ("Content-Security-Policy".to_owned(), "default-src 'none'".to_owned()));
        let h = merged(security(), &[("X-Robots-Tag".into(), "noindex".into())]);
        assert_eq!(h[h.len() - 2].0, "X-Robots-Tag");
        assert_eq!(h[h.len() - 1].0, "Cache-Control");
    }
}
