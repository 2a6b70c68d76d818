//! Live reload over Server-Sent Events. One broadcaster thread owns every open
//! `/__site/events` stream, so streams never hold an HTTP worker: a worker hands the
//! connection over and goes back to serving pages.
//!
//! Events: `hello` on connect (the current build, so a tab notices a rebuild it
//! missed), `reload`, `css` (new stylesheet URLs, swapped in place), `build-error`
//! (the diagnostics, shown as an overlay until the next good build) and `bye` when the
//! server stops (tiny_http keeps a handed-over connection open, so the tab is told to
//! close it and reconnect to the next server).

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A writer for one client's raw connection.
pub type Stream = Box<dyn Write + Send + 'static>;

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Build `build` is served; reload.
    Reload {
        /// Build number.
        build: u64,
    },
    /// Build `build` changed stylesheets only; swap in these URLs.
    Css {
        /// Build number.
        build: u64,
        /// Root-relative URLs of the new stylesheets.
        urls: Vec<String>,
    },
    /// The last build failed; show `text` over the page.
    Failed {
        /// The diagnostics, as printed in the terminal.
        text: String,
    },
}

/// What the hub knows about the site, told to each client that joins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// The build being served.
    pub build: u64,
    /// Names this server run.
    pub run: String,
    /// The diagnostics of a failed rebuild since.
    pub error: Option<String>,
}

impl Status {
    fn apply(&mut self, event: &Event) {
        match event {
            Event::Reload { build } | Event::Css { build, .. } => {
                self.build = *build;
                self.error = None;
            }
            Event::Failed { text } => self.error = Some(text.clone()),
        }
    }

    /// The messages a client gets on joining.
    pub fn greeting(&self) -> String {
        let mut out = message("hello", &serde_json::json!({ "build": self.build, "run": self.run }).to_string());
        if let Some(text) = &self.error {
            out.push_str(&frame(&Event::Failed { text: text.clone() }));
        }
        out
    }
}

/// One SSE message: `event:` plus one `data:` line per line of `data`.
fn message(event: &str, data: &str) -> String {
    let mut out = format!("event: {event}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.trim_end_matches('\r'));
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The wire form of an event.
pub fn frame(event: &Event) -> String {
    match event {
        Event::Reload { build } => message("reload", &serde_json::json!({ "build": build }).to_string()),
        Event::Css { build, urls } => message("css", &serde_json::json!({ "build": build, "urls": urls }).to_string()),
        Event::Failed { text } => message("build-error", &serde_json::json!({ "text": text }).to_string()),
    }
}

/// The response head of an event stream; the body lasts until either side closes.
const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                    Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n";

/// Sent when the hub is full.
const BUSY: &str = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
                    Cache-Control: no-store\r\nRetry-After: 2\r\nConnection: close\r\nContent-Length: 25\r\n\r\n\
                    too many live-reload tabs";

enum Msg {
    Join(Stream),
    Publish(Event),
    Stop,
}

/// A handle to the broadcaster thread; cheap to clone.
#[derive(Clone)]
pub struct Hub {
    tx: Sender<Msg>,
}

/// How the broadcaster behaves.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open streams at most; more get 503.
    pub max_clients: usize,
    /// A comment is sent this often so dead clients are noticed and dropped.
    pub keepalive: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_clients: 256, keepalive: Duration::from_secs(15) }
    }
}

impl Hub {
    /// Starts the broadcaster with what the site looks like now.
    pub fn start(status: Status, limits: Limits) -> std::io::Result<(Hub, JoinHandle<()>)> {
        let (tx, rx) = mpsc::channel();
        let handle = thread::Builder::new().name("site-reload".into()).spawn(move || run(&rx, status, limits))?;
        Ok((Hub { tx }, handle))
    }

    /// Hands a client's connection to the broadcaster.
    pub fn join(&self, stream: Stream) {
        let _ = self.tx.send(Msg::Join(stream));
    }

    /// Sends an event to every client.
    pub fn publish(&self, event: Event) {
        let _ = self.tx.send(Msg::Publish(event));
    }

    /// Closes every stream and ends the thread.
    pub fn stop(&self) {
        let _ = self.tx.send(Msg::Stop);
    }
}

fn run(rx: &Receiver<Msg>, mut status: Status, limits: Limits) {
    let mut clients: Vec<Stream> = Vec::new();
    loop {
        match rx.recv_timeout(limits.keepalive) {
            Ok(Msg::Join(mut stream)) => {
                if clients.len() >= limits.max_clients {
                    let _ = stream.write_all(BUSY.as_bytes()).and_then(|()| stream.flush());
                } else if send(&mut stream, &format!("{HEAD}{}", status.greeting())) {
                    clients.push(stream);
                }
            }
            Ok(Msg::Publish(event)) => {
                status.apply(&event);
                let text = frame(&event);
                clients.retain_mut(|c| send(c, &text));
            }
            Err(RecvTimeoutError::Timeout) => clients.retain_mut(|c| send(c, ": ping\n\n")),
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    let bye = message("bye", "{}");
    for mut client in clients {
        send(&mut client, &bye);
    }
}

/// Writes and flushes; false when the client is gone.
fn send(stream: &mut Stream, text: &str) -> bool {
    stream.write_all(text.as_bytes()).and_then(|()| stream.flush()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn frames_follow_the_event_stream_format() {
        assert_eq!(frame(&Event::Reload { build: 3 }), "event: reload\ndata: {\"build\":3}\n\n");
        let css = frame(&Event::Css { build: 4, urls: vec!["/assets/style.1.css".into()] });
        assert_eq!(css, "event: css\ndata: {\"build\":4,\"urls\":[\"/assets/style.1.css\"]}\n\n");
        let failed = frame(&Event::Failed { text: "error: a.md:1: bad\n  |\n".into() });
        assert!(failed.starts_with("event: build-error\ndata: {\"text\":\"error: a.md:1: bad\\n  |\\n\"}\n\n"));
        assert_eq!(message("x", "a\nb\r\nc"), "event: x\ndata: a\ndata: b\ndata: c\n\n");
    }

    #[test]
    fn greeting_carries_the_build_and_any_error() {
        let mut status = Status { run: "r1".into(), ..Status::default() };
        status.apply(&Event::Reload { build: 2 });
        assert_eq!(status.greeting(), "event: hello\ndata: {\"build\":2,\"run\":\"r1\"}\n\n");
        status.apply(&Event::Failed { text: "broken".into() });
        assert!(status.greeting().contains("event: build-error") && status.greeting().contains("broken"));
        assert_eq!(status.build, 2, "a failed build keeps the last good one");
        status.apply(&Event::Css { build: 3, urls: vec![] });
        assert_eq!(status, Status { build: 3, run: "r1".into(), error: None });
    }

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().map_err(|_| std::io::ErrorKind::Other)?.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn clients_get_a_greeting_then_events_and_the_hub_has_a_limit() {
        let limits = Limits { max_clients: 2, keepalive: Duration::from_secs(60) };
        let (hub, thread) = Hub::start(Status { build: 1, run: "r".into(), error: None }, limits).unwrap();
        let sinks: Vec<Sink> = (0..3).map(|_| Sink::default()).collect();
        for s in &sinks {
            hub.join(Box::new(s.clone()));
        }
        hub.publish(Event::Reload { build: 2 });
        hub.stop();
        thread.join().unwrap();
        for s in &sinks[..2] {
            let text = s.text();
            assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"), "{text}");
            assert!(text
                .contains("event: hello\ndata: {\"build\":1,\"run\":\"r\"}\n\nevent: reload\ndata: {\"build\":2}\n\n"));
        }
        assert!(sinks[2].text().starts_with("HTTP/1.1 503"), "{}", sinks[2].text());
        assert!(sinks[0].text().ends_with("event: bye\ndata: {}\n\n"), "{}", sinks[0].text());
    }
}
