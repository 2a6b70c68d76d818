//! HTTP/1.1 on the wire, the pure half: where a request head ends, what it says, and
//! the bytes of a response. [`super::conn`] does the reading and writing.
//!
//! Only what a GET/HEAD server needs is understood; anything ambiguous is refused
//! rather than guessed (folded header lines, two `Host` headers, two different
//! `Content-Length`s), so no request can be read two ways.

use super::route::Reply;

/// A request head, as far as the server cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// `GET`.
    pub method: String,
    /// The request target as sent (`/docs/?x=1`).
    pub target: String,
    /// The `Host` header; `None` only for HTTP/1.0.
    pub host: Option<String>,
    /// The client allows another request on this connection.
    pub keep_alive: bool,
    /// A body follows (`Content-Length` above 0 or any `Transfer-Encoding`); it is never
    /// read, so the connection is closed after the answer.
    pub body: bool,
}

/// Why a request head was refused; each is one status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bad {
    /// Malformed: 400.
    Malformed(&'static str),
    /// The request line alone is longer than the head limit: 414.
    TargetTooLong,
    /// The head is longer than the limit: 431.
    HeadTooLarge,
    /// Not HTTP/1.0 or 1.1: 505.
    Version,
}

impl Bad {
    /// The answer to send before closing.
    pub fn reply(self) -> Reply {
        match self {
            Bad::Malformed(why) => Reply::text(400, &format!("bad request: {why}\n")),
            Bad::TargetTooLong => Reply::text(414, "request target too long\n"),
            Bad::HeadTooLarge => Reply::text(431, "request headers too large\n"),
            Bad::Version => Reply::text(505, "only HTTP/1.0 and HTTP/1.1 are served\n"),
        }
    }
}

/// Length of the CR and LF bytes that may precede a request line (left over after a
/// previous request's body); they are skipped.
pub fn leading_blank(buf: &[u8]) -> usize {
    buf.iter().take_while(|b| **b == b'\r' || **b == b'\n').count()
}

/// The length of the head at the start of `buf` (through its blank line), if complete.
/// Lines may end in CRLF or a bare LF.
pub fn head_end(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(at) = buf[i..].iter().position(|b| *b == b'\n') {
        let next = i + at + 1;
        match buf.get(next..) {
            Some([b'\n', ..]) => return Some(next + 1),
            Some([b'\r', b'\n', ..]) => return Some(next + 2),
            _ => i = next,
        }
    }
    None
}

/// What an incomplete head that reached the size limit gets: 414 if even its first
/// line is not complete, else 431.
pub fn too_large(buf: &[u8]) -> Bad {
    if buf.contains(&b'\n') {
        Bad::HeadTooLarge
    } else {
        Bad::TargetTooLong
    }
}

/// Parses a complete head (as delimited by [`head_end`]).
pub fn parse(head: &[u8]) -> Result<Head, Bad> {
    let text = std::str::from_utf8(head).map_err(|_| Bad::Malformed("the request head is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let (method, target, version) = request_line(lines.next().unwrap_or_default())?;
    let http10 = version == "HTTP/1.0";
    let mut head = Head { method, target, host: None, keep_alive: !http10, body: false };
    let mut length: Option<&str> = None;
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = header(line)?;
        match name.to_ascii_lowercase().as_str() {
            "host" if head.host.is_some() => return Err(Bad::Malformed("more than one Host header")),
            "host" => head.host = Some(value.to_owned()),
            "connection" => {
                for token in value.split(',').map(str::trim) {
                    if token.eq_ignore_ascii_case("close") {
                        head.keep_alive = false;
                    } else if token.eq_ignore_ascii_case("keep-alive") && http10 {
                        head.keep_alive = true;
                    }
                }
            }
            "content-length" => {
                if !value.bytes().all(|b| b.is_ascii_digit()) || value.is_empty() {
                    return Err(Bad::Malformed("Content-Length is not a number"));
                }
                if length.is_some_and(|l| l != value) {
                    return Err(Bad::Malformed("two different Content-Length headers"));
                }
                length = Some(value);
                head.body |= value.bytes().any(|b| b != b'0');
            }
            "transfer-encoding" => head.body = true,
            _ => {}
        }
    }
    if head.host.is_none() && !http10 {
        return Err(Bad::Malformed("no Host header"));
    }
    Ok(head)
}

fn request_line(line: &str) -> Result<(String, String, &str), Bad> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Bad::Malformed("the request line is not `METHOD TARGET HTTP/1.1`"));
    };
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err(Bad::Malformed("the method is not a token"));
    }
    if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Bad::Malformed("the target has spaces, controls or non-ASCII bytes"));
    }
    match version {
        "HTTP/1.1" | "HTTP/1.0" => Ok((method.to_owned(), target.to_owned(), version)),
        v if v.starts_with("HTTP/") => Err(Bad::Version),
        _ => Err(Bad::Malformed("the request line is not `METHOD TARGET HTTP/1.1`")),
    }
}

fn header(line: &str) -> Result<(&str, &str), Bad> {
    if line.starts_with([' ', '\t']) {
        return Err(Bad::Malformed("folded header line"));
    }
    let (name, value) = line.split_once(':').ok_or(Bad::Malformed("a header line without `:`"))?;
    if name.is_empty() || !name.bytes().all(is_token) {
        return Err(Bad::Malformed("a header name is not a token"));
    }
    let value = value.trim_matches([' ', '\t']);
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(Bad::Malformed("a control character in a header value"));
    }
    Ok((name, value))
}

fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The bytes of `reply`; without the body for HEAD. `keep_alive` chooses the
/// `Connection` header.
pub fn response(reply: &Reply, head_only: bool, keep_alive: bool) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len(),
        if keep_alive { "keep-alive" } else { "close" },
    );
    // The domain's deploy headers, but serve mode's own `Cache-Control` (never cached)
    // and the headers written above.
    let fixed = ["cache-control", "x-content-type-options", "content-type", "content-length", "connection", "location"];
    for (name, value) in reply.headers.iter().filter(|(n, _)| !fixed.contains(&n.to_ascii_lowercase().as_str())) {
        if value.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if reply.status == 405 {
        out.push_str("Allow: GET, HEAD\r\n");
    }
    if reply.status == 503 {
        out.push_str("Retry-After: 1\r\n");
    }
    // Location comes from the request target, which [`parse`] limited to visible ASCII.
    if let Some(location) = reply.location.as_deref().filter(|l| l.bytes().all(|b| b.is_ascii_graphic())) {
        out.push_str(&format!("Location: {location}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    bytes
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
