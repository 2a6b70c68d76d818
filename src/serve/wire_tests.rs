use super::*;

fn parsed(text: &str) -> Result<Head, Bad> {
    let bytes = text.as_bytes();
    let end = head_end(bytes).expect("a complete head");
    parse(&bytes[..end])
}

#[test]
fn heads_end_at_the_first_blank_line() {
    assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next"), Some(27));
    assert_eq!(head_end(b"GET / HTTP/1.1\nHost: a\n\nrest"), Some(24));
    assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
    assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r"), None);
    assert_eq!(head_end(b""), None);
    assert_eq!(leading_blank(b"\r\n\r\nGET"), 4);
    assert_eq!(too_large(b"GET /aaaa"), Bad::TargetTooLong);
    assert_eq!(too_large(b"GET / HTTP/1.1\r\nX: aaaa"), Bad::HeadTooLarge);
}

#[test]
fn a_plain_request() {
    let head = parsed("GET /docs/?x=1 HTTP/1.1\r\nHost: ai.localhost:1111\r\nAccept: */*\r\n\r\n").unwrap();
    assert_eq!(
        head,
        Head {
            method: "GET".into(),
            target: "/docs/?x=1".into(),
            host: Some("ai.localhost:1111".into()),
            keep_alive: true,
            body: false
        }
    );
}

#[test]
fn connection_and_body() {
    let close = parsed("GET / HTTP/1.1\r\nhost: a\r\nConnection: Keep-Alive, close\r\n\r\n").unwrap();
    assert!(!close.keep_alive);
    let old = parsed("GET / HTTP/1.0\r\n\r\n").unwrap();
    assert!(!old.keep_alive && old.host.is_none(), "HTTP/1.0 may omit Host and closes by default");
    assert!(parsed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap().keep_alive);
    assert!(!parsed("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 000\r\n\r\n").unwrap().body);
    assert!(parsed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n").unwrap().body);
    assert!(parsed("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap().body);
}

#[test]
fn ambiguous_or_malformed_heads_are_refused() {
    for (text, expected) in [
        ("GET / HTTP/1.1\r\n\r\n", Bad::Malformed("no Host header")),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Bad::Malformed("more than one Host header")),
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", Bad::Malformed("folded header line")),
        ("GET / HTTP/1.1\r\nHost: a\r\nno colon\r\n\r\n", Bad::Malformed("a header line without `:`")),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", Bad::Malformed("a header name is not a token")),
        ("GET / HTTP/1.1\r\nHost: a\x01b\r\n\r\n", Bad::Malformed("a control character in a header value")),
        (
            "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            Bad::Malformed("two different Content-Length headers"),
        ),
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", Bad::Malformed("Content-Length is not a number")),
        ("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", Bad::Malformed("the request line is not `METHOD TARGET HTTP/1.1`")),
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", Bad::Malformed("the request line is not `METHOD TARGET HTTP/1.1`")),
        ("GET /\r\n\r\n", Bad::Malformed("the request line is not `METHOD TARGET HTTP/1.1`")),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", Bad::Malformed("the method is not a token")),
        ("GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n", Bad::Malformed("the target has spaces, controls or non-ASCII bytes")),
        ("GET /é HTTP/1.1\r\nHost: a\r\n\r\n", Bad::Malformed("the target has spaces, controls or non-ASCII bytes")),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", Bad::Version),
        ("GET / FTP/1.1\r\nHost: a\r\n\r\n", Bad::Malformed("the request line is not `METHOD TARGET HTTP/1.1`")),
    ] {
        assert_eq!(parsed(text), Err(expected), "{text:?}");
    }
    assert_eq!(parse(b"GET / HTTP/1.1\r\nHost: \xff\r\n\r\n"), Err(Bad::Malformed("the request head is not UTF-8")));
}

#[test]
fn responses() {
    let reply = Reply::text(200, "hello");
    let text = String::from_utf8(response(&reply, false, true)).unwrap();
    assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n"));
    assert!(text.contains("\r\nConnection: keep-alive\r\n") && text.ends_with("\r\n\r\nhello"), "{text}");
    let head = String::from_utf8(response(&reply, true, false)).unwrap();
    assert!(head.contains("Content-Length: 5\r\n") && head.contains("Connection: close") && head.ends_with("\r\n\r\n"));
    let mut moved = Reply::text(301, "moved\n");
    moved.location = Some("/docs/?q=1".into());
    assert!(String::from_utf8(response(&moved, false, true)).unwrap().contains("\r\nLocation: /docs/?q=1\r\n"));
    moved.location = Some("/x\r\nSet-Cookie: a=b".into());
    assert!(!String::from_utf8(response(&moved, false, true)).unwrap().contains("Set-Cookie"));
    let not_allowed = String::from_utf8(response(&Reply::text(405, ""), false, true)).unwrap();
    assert!(not_allowed.contains("\r\nAllow: GET, HEAD\r\n"));
    let statuses = [Bad::Malformed("x"), Bad::TargetTooLong, Bad::HeadTooLarge, Bad::Version].map(|b| b.reply().status);
    assert_eq!(statuses, [400, 414, 431, 505]);
}
