//! Links and debris in `content/` while serving: a link leading outside the site root
//! is never served, and an error caused by a file that is then removed goes away
//! without another edit. Unix only (symbolic links).
#![cfg(unix)]

use std::os::unix::fs::symlink;

use super::client::{get, Event, Events, PATIENCE};
use super::common::Fixture;
use super::{host, page, start};

const SECRET: &str = "TOP SECRET FROM OUTSIDE";

/// A folder outside the site with a secret file in it.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("secret.txt"), SECRET).expect("write secret");
    dir
}

/// The next event named one of `names`.
fn next_of(events: &mut Events, names: &[&str]) -> Event {
    let deadline = std::time::Instant::now() + PATIENCE;
    while let Some(event) = events.next(deadline.saturating_duration_since(std::time::Instant::now())) {
        if names.contains(&event.name.as_str()) {
            return event;
        }
    }
    panic!("none of {names:?} within {PATIENCE:?}");
}

fn landing(server: &site::serve::Server) -> String {
    get(server.addr(), &format!("127.0.0.1:{}", server.addr().port()), "/").text()
}

#[test]
fn a_link_out_of_the_site_at_start_is_not_served_and_removing_it_recovers() {
    let f = Fixture::new("basic");
    let out = outside();
    let link = f.root().join("content/docs/passwd.txt");
    symlink(out.path().join("secret.txt"), &link).expect("symlink");
    let server = start(&f);
    let r = get(server.addr(), &host(&server, "a"), "/docs/passwd.txt");
    assert_ne!(r.status, 200);
    assert!(!r.text().contains(SECRET), "{}", r.text());
    assert!(landing(&server).contains("content/docs/passwd.txt"), "{}", landing(&server));
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    std::fs::remove_file(&link).expect("remove link");
    events.expect("reload");
    assert!(page(&server, "a", "/docs/guide/").contains("<h1"));
    assert!(!landing(&server).contains("passwd.txt"));
}

#[test]
fn a_link_out_of_the_site_added_while_serving_is_not_served() {
    let f = Fixture::new("basic");
    let out = outside();
    let server = start(&f);
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    for (name, target) in
        [("content/docs/ext", out.path().to_path_buf()), ("content/docs/x.txt", out.path().join("secret.txt"))]
    {
        let link = f.root().join(name);
        symlink(&target, &link).expect("symlink");
        let failed = events.expect("build-error");
        assert!(failed.data.contains(name), "{}", failed.data);
        for target in ["/docs/ext/secret.txt", "/docs/x.txt"] {
            let r = get(server.addr(), &host(&server, "a"), target);
            assert_eq!(r.status, 404, "{target}");
            assert!(!r.text().contains(SECRET), "{target}");
        }
        std::fs::remove_file(&link).expect("remove link");
        events.expect("reload");
    }
}

#[test]
fn an_error_caused_by_a_removed_lock_file_goes_away() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    // Emacs's lock file: a dangling link, ignored as content but possibly fatal to loading.
    let lock = f.root().join("content/docs/.#guide.md");
    symlink("someone@host.1234:1700000000", &lock).expect("symlink");
    let guide = std::fs::read_to_string(f.root().join("content/docs/guide.md")).expect("read");
    f.write("content/docs/guide.md", &guide.replace("Run this:", "Edited beside a lock:"));
    let first = next_of(&mut events, &["reload", "build-error"]);
    std::fs::remove_file(&lock).expect("remove lock");
    if first.name == "build-error" {
        // Removing the lock is the only change: it must be enough.
        events.expect("reload");
    }
    assert!(page(&server, "a", "/docs/guide/").contains("Edited beside a lock:"));
    assert!(!landing(&server).contains("The last build failed"), "{}", landing(&server));
}
