//! `site serve`: all domains live from memory, rebuilt on change, reloaded in the browser.
//!
//! [`start`] builds the site in memory, binds one port for every domain (by `Host`:
//! `http://<key>.localhost:PORT/`), starts the HTTP workers, the live-reload
//! broadcaster and the watcher, and returns a [`Server`] handle; [`serve`] is that plus
//! waiting for Ctrl-C. Modules:
//!
//! - [`watch`]: which kind of change a path is and what a batch asks for (pure);
//!   [`watcher`]: notify and debouncing.
//! - [`affected`]: which pages an edit re-renders (pure); [`rebuild`]: incremental builds.
//! - [`state`]: the served output; [`session`]: the rebuild thread.
//! - [`route`]: request → reply (pure), with [`paths`], [`rewrite`] and [`landing`];
//!   [`host`]: which `Host` headers are answered (pure); [`wire`]: HTTP/1.1 parsing and
//!   formatting (pure); [`http`] and [`conn`]: the socket shell, bounded in size and time.
//! - [`confine`]: nothing read through a link leaving the site root is served.
//! - [`reload`]: Server-Sent Events to the browsers.

pub mod affected;
pub mod confine;
pub mod conn;
pub mod host;
pub mod http;
pub mod landing;
pub mod paths;
pub mod rebuild;
pub mod reload;
pub mod reread;
pub mod rewrite;
pub mod route;
pub mod session;
pub mod state;
pub mod watch;
pub mod watcher;
pub mod wire;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

use crate::{BuildOptions, Error};

use rebuild::Rebuilder;
use reload::{Hub, Limits, Status};
use session::{Log, Session};
use state::{snapshot, Shared};
use watch::{Refresh, Scope};

/// What `site serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to bind (`127.0.0.1`).
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Print only errors.
    pub quiet: bool,
}

/// A running dev server. Dropping it (or [`Server::shutdown`]) stops every thread.
pub struct Server {
    addr: SocketAddr,
    state: Shared,
    stop: Arc<AtomicBool>,
    hub: Hub,
    rebuild_tx: Sender<watcher::Msg>,
    watcher: Option<notify::RecommendedWatcher>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// The bound address (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `(key, local URL)` of every domain, e.g. `("dev", "http://dev.localhost:1111/")`.
    pub fn urls(&self) -> Vec<(String, String)> {
        snapshot(&self.state).hosts.iter().map(|h| (h.key.clone(), format!("{}/", h.local))).collect()
    }

    /// Stops watching, closes every stream and joins every thread.
    pub fn shutdown(self) {}
}

impl Drop for Server {
    fn drop(&mut self) {
        self.watcher = None;
        self.stop.store(true, Ordering::Relaxed);
        http::wake(self.addr);
        let _ = self.rebuild_tx.send(watcher::Msg::Stop);
        self.hub.stop();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

fn io_error(what: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::System { doing: what.to_owned(), source }
}

/// Builds the site, binds, and starts serving and watching; returns once ready.
/// A content error does not stop it: the error is shown until the content is fixed.
pub fn start(options: &ServeOptions) -> Result<Server, Error> {
    start_with(options, http::Limits::default())
}

/// [`start`] with the HTTP shell's sizes and deadlines chosen (tests shorten them).
pub fn start_with(options: &ServeOptions, limits: http::Limits) -> Result<Server, Error> {
    let root = options.root.canonicalize().map_err(io_error(&format!("cannot open {}", options.root.display())))?;
    let log = Log { quiet: options.quiet };
    let host = if options.bind.contains(':') && !options.bind.starts_with('[') {
        format!("[{}]", options.bind)
    } else {
        options.bind.clone()
    };
    let (server, addr) = http::bind(&format!("{host}:{}", options.port))
        .map_err(io_error(&format!("cannot listen on {}:{}", options.bind, options.port)))?;
    // Watch before the first build, so an edit made while it runs is not missed.
    let (rebuild_tx, rebuild_rx) = mpsc::channel();
    let watcher = watcher::watch(&root, rebuild_tx.clone()).map_err(|e| Error::System {
        doing: format!("cannot watch {}", root.display()),
        source: std::io::Error::other(e),
    })?;
    let state = Shared::default();
    state::update(&state, |s| s.run = run_token());
    let build_options = BuildOptions { drafts: options.drafts, ..BuildOptions::new(&root) };
    let mut session = Session {
        root: root.clone(),
        rebuilder: Rebuilder::new(build_options),
        state: state.clone(),
        hub: None,
        log,
        port: addr.port(),
        pending: session::Pending::default(),
    };
    session.rebuild(Scope::Everything, Refresh::Reload, "");
    let now = snapshot(&state);
    let (hub, hub_thread) =
        Hub::start(Status { build: now.build, run: now.run.clone(), error: now.error.clone() }, Limits::default())
            .map_err(io_error("cannot start"))?;
    session.hub = Some(hub.clone());
    let rebuild_thread = thread::Builder::new()
        .name("site-rebuild".into())
        .spawn(move || session.run(&rebuild_rx))
        .map_err(io_error("cannot start"))?;
    let stop = Arc::new(AtomicBool::new(false));
    let context = Arc::new(http::Context::new(state.clone(), hub.clone(), stop.clone(), addr, limits));
    let mut threads = http::spawn(server, &context).map_err(io_error("cannot start"))?;
    threads.extend([hub_thread, rebuild_thread]);
    Ok(Server { addr, state, stop, hub, rebuild_tx, watcher: Some(watcher), threads })
}

/// Runs the dev server until Ctrl-C.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    if !is_loopback(&options.bind) {
        eprintln!(
            "warning: serving on {} makes the preview (drafts included) reachable from the network",
            options.bind
        );
    }
    let (tx, rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .map_err(|e| Error::System { doing: "cannot handle Ctrl-C".into(), source: std::io::Error::other(e) })?;
    let server = start(options)?;
    if !options.quiet {
        print_urls(&server);
    }
    let _ = rx.recv();
    if !options.quiet {
        println!("stopping");
    }
    server.shutdown();
    Ok(())
}

fn print_urls(server: &Server) {
    let addr = server.addr();
    println!("serving every domain on {addr} (Ctrl-C to stop)");
    for (key, url) in server.urls() {
        println!("  {key:<4} {url}");
    }
    let landing = match addr.ip() {
        ip if ip.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        ip => format!("http://{ip}:{}/", addr.port()),
    };
    println!("  all  {landing}");
}

/// A name for this server run: the start time, in hex nanoseconds.
fn run_token() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{:x}", now.as_nanos())
}

/// True for loopback addresses and `localhost`.
pub fn is_loopback(bind: &str) -> bool {
    let bare = bind.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_binds() {
        for bind in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"] {
            assert!(is_loopback(bind), "{bind}");
        }
        for bind in ["0.0.0.0", "::", "192.0.2.1", "example.com"] {
            assert!(!is_loopback(bind), "{bind}");
        }
    }
}
