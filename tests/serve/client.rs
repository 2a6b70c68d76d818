//! A raw HTTP/1.1 and Server-Sent Events client over loopback sockets, so request
//! targets reach the server exactly as written (no client-side normalisation).

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// How long any single wait may take before a test fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A parsed response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends `method target` with `Host: host` and reads the whole response.
pub fn request(addr: SocketAddr, method: &str, target: &str, host: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    parse(&raw, method == "HEAD")
}

/// GET with a Host header.
pub fn get(addr: SocketAddr, host: &str, target: &str) -> Response {
    request(addr, "GET", target, host)
}

fn parse(raw: &[u8], head: bool) -> Response {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head_text = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head_text.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    let body = if head { Vec::new() } else { raw[end + 4..].to_vec() };
    Response { status, headers, body }
}

/// An open `/__site/events` stream.
pub struct Events {
    reader: BufReader<TcpStream>,
    line: String,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub name: String,
    pub data: String,
}

impl Events {
    /// Opens the stream and reads the response head and the `hello` event.
    pub fn open(addr: SocketAddr, host: &str) -> (Events, Event) {
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        write!(stream, "GET /__site/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let mut events = Events { reader: BufReader::new(stream), line: String::new() };
        let status = events.read_line(PATIENCE).expect("status line");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        loop {
            let header = events.read_line(PATIENCE).expect("header");
            if header.trim().is_empty() {
                break;
            }
            if header.to_ascii_lowercase().starts_with("content-type") {
                assert!(header.contains("text/event-stream"), "{header}");
            }
        }
        let hello = events.next(PATIENCE).expect("hello");
        assert_eq!(hello.name, "hello");
        (events, hello)
    }

    fn read_line(&mut self, within: Duration) -> Option<String> {
        let deadline = Instant::now() + within;
        loop {
            match self.reader.read_line(&mut self.line) {
                Ok(0) => return None,
                Ok(_) if self.line.ends_with('\n') => return Some(std::mem::take(&mut self.line)),
                Ok(_) => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(_) => return None,
            }
            if Instant::now() >= deadline {
                return None;
            }
        }
    }

    /// The next event within `within`, skipping comments.
    pub fn next(&mut self, within: Duration) -> Option<Event> {
        let deadline = Instant::now() + within;
        let (mut name, mut data) = (String::new(), Vec::new());
        loop {
            let line = self.read_line(deadline.saturating_duration_since(Instant::now()))?;
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() {
                    return Some(Event { name, data: data.join("\n") });
                }
            } else if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_owned();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data.push(v.to_owned());
            }
        }
    }

    /// Waits for an event named `name`, failing the test after [`PATIENCE`].
    pub fn expect(&mut self, name: &str) -> Event {
        let deadline = Instant::now() + PATIENCE;
        while let Some(event) = self.next(deadline.saturating_duration_since(Instant::now())) {
            if event.name == name {
                return event;
            }
        }
        panic!("no `{name}` event within {PATIENCE:?}");
    }

    /// Asserts that nothing but comments arrive for `quiet`.
    pub fn expect_silence(&mut self, quiet: Duration) {
        if let Some(event) = self.next(quiet) {
            panic!("unexpected event {event:?}");
        }
    }
}
