//! The tiny_http shell: a fixed pool of workers takes requests, asks [`route`] what
//! to answer and sends it. Event streams are handed to the [`Hub`] at once, so open
//! tabs never hold a worker and page loads are never starved.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::reload::Hub;
use super::route::{route, Reply, Routed};
use super::state::{snapshot, Shared};

/// Requests are answered by this many threads.
pub const WORKERS: usize = 8;

/// How often idle workers look at the stop flag.
const POLL: Duration = Duration::from_millis(100);

/// What every worker shares.
pub struct Context {
    /// The served site.
    pub state: Shared,
    /// The live-reload broadcaster.
    pub hub: Hub,
    /// Set to stop the workers.
    pub stop: Arc<AtomicBool>,
}

/// Binds `addr`; port 0 picks a free port. Returns the server and the bound address.
pub fn bind(addr: &str) -> io::Result<(Arc<Server>, SocketAddr)> {
    let server = Server::http(addr).map_err(io::Error::other)?;
    let bound = server.server_addr().to_ip().ok_or_else(|| io::Error::other("not an IP address"))?;
    Ok((Arc::new(server), bound))
}

/// Starts the workers.
pub fn spawn(server: &Arc<Server>, context: &Arc<Context>) -> io::Result<Vec<JoinHandle<()>>> {
    (0..WORKERS)
        .map(|i| {
            let (server, context) = (Arc::clone(server), Arc::clone(context));
            thread::Builder::new().name(format!("site-http-{i}")).spawn(move || work(&server, &context))
        })
        .collect()
}

fn work(server: &Server, context: &Context) {
    while !context.stop.load(Ordering::Relaxed) {
        match server.recv_timeout(POLL) {
            Ok(Some(request)) => handle(request, context),
            Ok(None) => {}
            Err(_) => break,
        }
    }
}

fn handle(request: Request, context: &Context) {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_owned());
    let state = snapshot(&context.state);
    match route(request.method().as_str(), request.url(), host.as_deref(), &state) {
        Routed::Events => context.hub.join(request.into_writer()),
        Routed::Reply(reply) => {
            // The client may have gone; nothing to do about it.
            let _ = request.respond(response(reply));
        }
    }
}

fn response(reply: Reply) -> Response<io::Cursor<Vec<u8>>> {
    let mut headers = vec![
        header("Content-Type", reply.content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ];
    if reply.status == 405 {
        headers.push(header("Allow", "GET, HEAD"));
    }
    if let Some(location) = &reply.location {
        headers.push(header("Location", location));
    }
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    for h in headers.into_iter().flatten() {
        response.add_header(h);
    }
    response
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}
