//! One connection, on its own thread: read a request head within a size limit and a
//! deadline, refuse foreign `Host`s, answer through [`route`], write within a deadline,
//! and again for pipelined or keep-alive requests up to a count. Event streams are
//! handed to the hub. Nothing a client does holds this thread longer than the deadlines.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::host;
use super::reload::Hub;
use super::route::{route, Reply, Routed};
use super::state::{snapshot, Shared};
use super::wire::{self, head_end, leading_blank, too_large};

/// What every connection shares.
pub struct Context {
    /// The served site.
    pub state: Shared,
    /// The live-reload broadcaster.
    pub hub: Hub,
    /// Set to stop accepting (see [`wake`]).
    pub stop: Arc<AtomicBool>,
    /// The bound address: `Host` headers naming it are answered.
    pub bound: SocketAddr,
    /// Sizes and deadlines.
    pub limits: Limits,
    /// Connections being served now.
    pub(super) active: AtomicUsize,
    /// Connections over the limit being told so (at most as many again; more are closed).
    pub(super) refusing: AtomicUsize,
}

impl Context {
    /// A context with no connection open yet.
    pub fn new(state: Shared, hub: Hub, stop: Arc<AtomicBool>, bound: SocketAddr, limits: Limits) -> Context {
        Context { state, hub, stop, bound, limits, active: AtomicUsize::new(0), refusing: AtomicUsize::new(0) }
    }
}

/// Sizes and deadlines of the HTTP shell.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest request head, request line included: longer gets 431 (or 414).
    pub head_bytes: usize,
    /// A request head must arrive whole within this long (also the keep-alive idle time).
    pub head_time: Duration,
    /// Writing one response may take this long; a client that does not read is dropped.
    pub write_time: Duration,
    /// Requests answered on one connection at most.
    pub requests: usize,
    /// Connections served at once (event streams not counted); more get 503.
    pub connections: usize,
    /// A write to an event stream may block this long before the tab is dropped.
    pub stream_write: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            head_bytes: 32 * 1024,
            head_time: Duration::from_secs(10),
            write_time: Duration::from_secs(10),
            requests: 100,
            connections: 128,
            stream_write: Duration::from_secs(2),
        }
    }
}

/// After a refusal, unread input is drained this long (at most [`LINGER_BYTES`]) before
/// closing, so the client reads the answer instead of a connection reset.
const LINGER: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1024 * 1024;

/// What reading a head gave.
enum Next {
    /// A complete head.
    Head(Vec<u8>),
    /// The client closed, or was idle past the deadline without starting a request.
    Gone,
    /// Send this, then close.
    Refuse(Reply),
}

/// Serves one connection until it closes, misbehaves, or has had its requests.
pub fn serve(mut stream: TcpStream, context: &Context) {
    let limits = context.limits;
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    for count in 1..=limits.requests {
        let head = match read_head(&mut stream, &mut buf, &limits) {
            Next::Head(head) => head,
            Next::Gone => return,
            Next::Refuse(reply) => return refuse(stream, &reply, &limits),
        };
        let head = match wire::parse(&head) {
            Ok(head) => head,
            Err(bad) => return refuse(stream, &bad.reply(), &limits),
        };
        if head.host.as_deref().is_some_and(|h| !host::allowed(h, context.bound.ip())) {
            return refuse(stream, &forbidden(), &limits);
        }
        let state = snapshot(&context.state);
        let reply = match route(&head.method, &head.target, head.host.as_deref(), &state) {
            Routed::Events => {
                let _ = stream.set_write_timeout(Some(limits.stream_write));
                return context.hub.join(Box::new(stream));
            }
            Routed::Reply(reply) => reply,
        };
        let keep = head.keep_alive && !head.body && count < limits.requests && !context.stop.load(Ordering::Relaxed);
        let bytes = wire::response(&reply, head.method == "HEAD", keep);
        if write_by(&mut stream, &bytes, Instant::now() + limits.write_time).is_err() {
            return;
        }
        if !keep {
            return linger(stream);
        }
    }
}

fn forbidden() -> Reply {
    Reply::text(
        403,
        "forbidden: this development server answers only localhost, <key>.localhost and its own address \
         (a foreign Host header is how DNS rebinding reaches it)\n",
    )
}

/// Reads until `buf` starts with a complete head, which is taken out of it; what
/// follows (a pipelined request) stays in `buf`.
fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>, limits: &Limits) -> Next {
    let deadline = Instant::now() + limits.head_time;
    let mut chunk = [0u8; 4096];
    // Where the search for the blank line resumes: a line end is at most 3 bytes.
    let mut scanned: usize = 0;
    loop {
        let blank = leading_blank(buf);
        if blank > 0 {
            buf.drain(..blank);
            scanned = 0;
        }
        let from = scanned.saturating_sub(3);
        if let Some(end) = head_end(&buf[from..]) {
            return Next::Head(buf.drain(..from + end).collect());
        }
        scanned = buf.len();
        if buf.len() >= limits.head_bytes {
            return Next::Refuse(too_large(buf).reply());
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return if buf.is_empty() {
                Next::Gone
            } else {
                Next::Refuse(Reply::text(408, "the request head did not arrive in time\n"))
            };
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Next::Gone;
        }
        let room = (limits.head_bytes - buf.len()).min(chunk.len());
        match stream.read(&mut chunk[..room]) {
            Ok(0) => return Next::Gone,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted) => {}
            Err(_) => return Next::Gone,
        }
    }
}

/// Writes all of `bytes` by `deadline`, however slowly the client reads.
fn write_by(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    stream.flush()
}

/// Answers and closes.
pub fn refuse(mut stream: TcpStream, reply: &Reply, limits: &Limits) {
    let bytes = wire::response(reply, false, false);
    if write_by(&mut stream, &bytes, Instant::now() + limits.write_time).is_ok() {
        linger(stream);
    }
}

/// Closes after the answer: stop sending, then read and drop what the client still
/// sends for a moment, since closing with unread input would reset the connection and
/// could destroy the answer before the client reads it.
fn linger(mut stream: TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let (mut chunk, mut drained) = ([0u8; 4096], 0);
    while drained < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}
