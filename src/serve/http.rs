//! The HTTP shell on `std::net`: one thread accepts connections and gives each its own
//! thread ([`conn`]), up to [`Limits::connections`] at once; more get 503 at once (as
//! many again; beyond that they are closed unanswered). Each
//! connection reads and writes under deadlines, so a client that sends slowly, never
//! reads, or pipelines without end holds only its own thread, and only for a bounded
//! time: it can never starve the others. Event streams are handed to the [`Hub`](super::reload::Hub), so
//! open tabs hold no connection thread either.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::conn;
pub use super::conn::{Context, Limits};
use super::route::Reply;

/// Binds `addr`; port 0 picks a free port. Returns the listener and the bound address.
pub fn bind(addr: &str) -> io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(addr)?;
    let bound = listener.local_addr()?;
    Ok((listener, bound))
}

/// Starts the accepting thread; it ends once [`Context::stop`] is set and [`wake`] called.
pub fn spawn(listener: TcpListener, context: &Arc<Context>) -> io::Result<Vec<JoinHandle<()>>> {
    let context = Arc::clone(context);
    let accept = thread::Builder::new().name("site-http".into()).spawn(move || accept(&listener, &context))?;
    Ok(vec![accept])
}

/// Unblocks the accepting thread (after [`Context::stop`] is set) by connecting to it.
pub fn wake(bound: SocketAddr) {
    let ip = match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, bound.port()), Duration::from_secs(1));
}

fn accept(listener: &TcpListener, context: &Arc<Context>) {
    for stream in listener.incoming() {
        if context.stop.load(Ordering::Relaxed) {
            break;
        }
        match stream {
            Ok(stream) => open(stream, context),
            // Out of file descriptors, say: let connections finish before trying again.
            Err(_) => thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Counts a connection (or a refused one being told so) for as long as it lives.
struct Slot {
    context: Arc<Context>,
    refused: bool,
}

impl Slot {
    fn counter(&self) -> &AtomicUsize {
        if self.refused {
            &self.context.refusing
        } else {
            &self.context.active
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.counter().fetch_sub(1, Ordering::Relaxed);
    }
}

/// Takes a slot of the kind asked for, if one is free.
fn slot(context: &Arc<Context>, refused: bool) -> Option<Slot> {
    let slot = Slot { context: Arc::clone(context), refused };
    // On failure the slot's drop gives the count back.
    (slot.counter().fetch_add(1, Ordering::Relaxed) < context.limits.connections).then_some(slot)
}

fn open(stream: TcpStream, context: &Arc<Context>) {
    // If a thread cannot start, dropping the closure closes the connection.
    if let Some(slot) = slot(context, false) {
        let _ = thread::Builder::new().name("site-http-conn".into()).spawn(move || conn::serve(stream, &slot.context));
    } else if let Some(slot) = slot(context, true) {
        // Over the limit: told so on a thread of its own, since the answer is only read
        // reliably if the request is read too (see [`conn::refuse`]).
        let reply = Reply::text(503, "too many connections; try again\n");
        let _ = thread::Builder::new()
            .name("site-http-busy".into())
            .spawn(move || conn::refuse(stream, &reply, &slot.context.limits));
    }
}
