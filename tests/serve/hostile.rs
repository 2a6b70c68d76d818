//! Hostile clients: foreign `Host` headers (DNS rebinding), oversized and slow request
//! heads, clients that pipeline and never read, too many connections. Each case checks
//! the exact answer and that well-behaved clients are still served within a bound.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use site::serve::http::Limits;
use site::serve::{self, ServeOptions, Server};

use super::client::{get, request, PATIENCE};
use super::common::Fixture;
use super::{host, start};

/// Sends raw bytes and reads the whole answer (the server closes after a refusal).
fn raw(addr: SocketAddr, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    stream.write_all(bytes).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read answer");
    String::from_utf8_lossy(&answer).into_owned()
}

fn status_line(answer: &str) -> &str {
    answer.split("\r\n").next().unwrap_or_default()
}

fn start_with(f: &Fixture, limits: Limits) -> Server {
    let options =
        ServeOptions { root: f.root().to_path_buf(), bind: "127.0.0.1".into(), port: 0, drafts: true, quiet: true };
    serve::start_with(&options, limits).expect("server starts")
}

/// A page must come back within this long while the server is under attack.
const PROMPT: Duration = Duration::from_secs(3);

fn served_promptly(server: &Server) {
    let started = Instant::now();
    let r = get(server.addr(), &host(server, "a"), "/docs/guide/");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(started.elapsed() < PROMPT, "a normal client waited {:?}", started.elapsed());
}

#[test]
fn foreign_hosts_get_403_and_loopback_names_are_served() {
    let f = Fixture::new("basic");
    f.write("content/docs/secret-draft.md", "---\ntitle: Secret draft\ndraft: true\n---\nUnreleased plans.\n");
    let server = start_with(&f, Limits::default());
    let (addr, port) = (server.addr(), server.addr().port());
    for foreign in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("a.localhost.evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("10.0.0.1:{port}"),
        "".to_owned(),
        format!("evil.example:{port}:{port}"),
    ] {
        for target in ["/", "/docs/secret-draft/", "/__site/events", "/__site/live.js"] {
            let r = get(addr, &foreign, target);
            assert_eq!(r.status, 403, "Host: {foreign:?} {target}");
            assert!(r.text().starts_with("forbidden: "), "{}", r.text());
            assert!(!r.text().contains("Unreleased") && !r.text().contains("localhost:"), "{}", r.text());
        }
    }
    assert!(get(addr, &host(&server, "a"), "/docs/secret-draft/").text().contains("Unreleased plans."));
    for landing in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_owned(),
        format!("LOCALHOST.:{port}"),
    ] {
        let r = get(addr, &landing, "/");
        assert_eq!(r.status, 200, "Host: {landing}");
        assert!(r.text().contains(&format!("http://a.localhost:{port}/")), "{landing}: {}", r.text());
    }
    for key in ["a", "b", "c"] {
        assert_eq!(get(addr, &format!("{key}.localhost:{port}"), "/").status, 200, "{key}");
    }
    // Two Host headers could be read two ways: refused.
    let twice = raw(addr, format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\n\r\n").as_bytes());
    assert_eq!(status_line(&twice), "HTTP/1.1 400 Bad Request", "{twice}");
    let none = raw(addr, b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(status_line(&none), "HTTP/1.1 400 Bad Request", "{none}");
}

#[test]
fn an_oversized_head_gets_431_and_a_huge_target_414() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let addr = server.addr();
    let mut big = format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Flood: ", host(&server, "a")).into_bytes();
    big.resize(big.len() + 256 * 1024, b'a');
    big.extend_from_slice(b"\r\n\r\n");
    let answer = raw(addr, &big);
    assert_eq!(status_line(&answer), "HTTP/1.1 431 Request Header Fields Too Large", "{answer}");
    assert!(answer.contains("\r\nConnection: close\r\n"), "{answer}");
    // Many small headers add up the same way.
    let mut many = format!("GET / HTTP/1.1\r\nHost: {}\r\n", host(&server, "a"));
    for i in 0..4000 {
        many.push_str(&format!("X-{i}: 0123456789\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(status_line(&raw(addr, many.as_bytes())), "HTTP/1.1 431 Request Header Fields Too Large");
    let mut long = b"GET /".to_vec();
    long.resize(100 * 1024, b'x');
    assert_eq!(status_line(&raw(addr, &long)), "HTTP/1.1 414 URI Too Long");
    // A head just under the limit is fine.
    let mut fits = format!("GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nX-Pad: ", host(&server, "a"));
    fits.push_str(&"p".repeat(30 * 1024));
    fits.push_str("\r\n\r\n");
    assert_eq!(status_line(&raw(addr, fits.as_bytes())), "HTTP/1.1 200 OK");
    served_promptly(&server);
}

#[test]
fn pipelining_non_readers_slow_heads_and_idle_sockets_do_not_starve_others() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (addr, a) = (server.addr(), host(&server, "a"));
    let mut hostile = Vec::new();
    // Pipelined requests that are never read: the answers fill the socket buffers.
    let one = format!("GET /docs/guide/ HTTP/1.1\r\nHost: {a}\r\n\r\n");
    for _ in 0..12 {
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream.set_write_timeout(Some(Duration::from_millis(300))).expect("timeout");
        for _ in 0..50 {
            if stream.write_all(one.repeat(100).as_bytes()).is_err() {
                break;
            }
        }
        hostile.push(stream);
    }
    // Heads that never end, and sockets that never send anything.
    for i in 0..24 {
        let mut stream = TcpStream::connect(addr).expect("connect");
        if i % 2 == 0 {
            stream.write_all(format!("GET / HTTP/1.1\r\nHost: {a}\r\nX-Slow: a").as_bytes()).expect("send");
        }
        hostile.push(stream);
    }
    for _ in 0..5 {
        served_promptly(&server);
    }
    let html = request(addr, "HEAD", "/", &a);
    assert_eq!(html.status, 200);
    drop(hostile);
    served_promptly(&server);
}

#[test]
fn a_head_that_does_not_arrive_in_time_gets_408_and_idle_connections_close() {
    let f = Fixture::new("basic");
    let limits = Limits { head_time: Duration::from_millis(300), ..Limits::default() };
    let server = start_with(&f, limits);
    let addr = server.addr();
    let started = Instant::now();
    let answer = raw(addr, format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: a", host(&server, "a")).as_bytes());
    assert_eq!(status_line(&answer), "HTTP/1.1 408 Request Timeout", "{answer}");
    let idle = raw(addr, b"");
    assert_eq!(idle, "", "an idle connection is closed without an answer");
    // A keep-alive connection left idle is closed too.
    let kept = raw(addr, format!("GET /robots.txt HTTP/1.1\r\nHost: {}\r\n\r\n", host(&server, "a")).as_bytes());
    assert!(kept.starts_with("HTTP/1.1 200 OK") && kept.contains("Connection: keep-alive"), "{kept}");
    assert!(started.elapsed() < PATIENCE, "{:?}", started.elapsed());
}

/// Asks for a page until it is served (503 meanwhile), within [`PATIENCE`].
fn served_eventually(server: &Server) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let r = get(server.addr(), &host(server, "a"), "/docs/guide/");
        if r.status == 200 {
            return;
        }
        assert_eq!((r.status, r.header("Retry-After")), (503, Some("1")), "{}", r.text());
        assert!(Instant::now() < deadline, "never served again");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn connections_over_the_limit_get_503_until_slots_free() {
    let f = Fixture::new("basic");
    let limits = Limits { connections: 4, head_time: Duration::from_secs(1), ..Limits::default() };
    let server = start_with(&f, limits);
    let idle: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(server.addr()).expect("connect")).collect();
    let busy = get(server.addr(), &host(&server, "a"), "/");
    assert_eq!((busy.status, busy.header("Retry-After")), (503, Some("1")), "{}", busy.text());
    assert_eq!(busy.text(), "too many connections; try again\n");
    // The idle sockets stay open on this side, but the server drops them after 1 s.
    served_eventually(&server);
    drop(idle);
}

#[test]
fn a_client_that_never_reads_is_dropped_and_its_slot_freed() {
    let f = Fixture::new("basic");
    let limits = Limits { connections: 1, write_time: Duration::from_millis(300), ..Limits::default() };
    let server = start_with(&f, limits);
    let one = format!("GET /docs/guide/ HTTP/1.1\r\nHost: {}\r\n\r\n", host(&server, "a")).repeat(100);
    let mut hostile = TcpStream::connect(server.addr()).expect("connect");
    hostile.set_write_timeout(Some(Duration::from_millis(300))).expect("timeout");
    for _ in 0..50 {
        if hostile.write_all(one.as_bytes()).is_err() {
            break;
        }
    }
    served_eventually(&server);
    // The server has closed it: reading what was sent ends instead of waiting.
    hostile.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let mut sink = Vec::new();
    if let Err(e) = hostile.read_to_end(&mut sink) {
        assert!(!matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut), "{e}");
    }
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let a = host(&server, "a");
    let answer = raw(
        server.addr(),
        format!(
            "GET /robots.txt HTTP/1.1\r\nHost: {a}\r\n\r\nHEAD / HTTP/1.1\r\nHost: {a}\r\n\r\n\
             GET /nope HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\nHost: {a}\r\n\r\n"
        )
        .as_bytes(),
    );
    let statuses: Vec<&str> = answer.match_indices("HTTP/1.1 ").map(|(i, _)| &answer[i + 9..i + 12]).collect();
    assert_eq!(statuses, ["200", "200", "404"], "{answer}");
    assert!(answer.contains("User-agent: *"), "{answer}");
}
