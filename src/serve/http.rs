//! The HTTP shell on `std::net`: one thread accepts connections and gives each its own
//! thread ([`conn`]), up to [`Limits::connections`] at once; more get 503 at once. Each
//! connection reads and writes under deadlines, so a client that sends slowly, never
//! reads, or pipelines without end holds only its own thread, and only for a bounded
//! time: it can never starve the others. Event streams are handed to the [`Hub`], so
//! open tabs hold no connection thread either.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::conn;
pub use super::conn::Limits;
use super::reload::Hub;
use super::route::Reply;
use super::state::Shared;
use super::wire;

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
    active: AtomicUsize,
}

impl Context {
    /// A context with no connection open yet.
    pub fn new(state: Shared, hub: Hub, stop: Arc<AtomicBool>, bound: SocketAddr, limits: Limits) -> Context {
        Context { state, hub, stop, bound, limits, active: AtomicUsize::new(0) }
    }
}

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

/// Counts a connection for as long as it lives.
struct Slot(Arc<Context>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::Relaxed);
    }
}

fn open(stream: TcpStream, context: &Arc<Context>) {
    if context.active.fetch_add(1, Ordering::Relaxed) >= context.limits.connections {
        context.active.fetch_sub(1, Ordering::Relaxed);
        return busy(stream);
    }
    let slot = Slot(Arc::clone(context));
    // If the thread cannot start, dropping the closure closes the connection.
    let _ = thread::Builder::new().name("site-http-conn".into()).spawn(move || conn::serve(stream, &slot.0));
}

/// Tells a connection over the limit to come back, without reading from it.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let reply = Reply::text(503, "too many connections; try again\n");
    let _ = stream.write_all(&wire::response(&reply, false, false));
    let _ = stream.shutdown(Shutdown::Both);
}
