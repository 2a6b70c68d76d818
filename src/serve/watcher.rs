//! Watch, the I/O half: notify reports file events on `content/` and `themes/`;
//! [`gather`] debounces them into batches (an editor's atomic save is several events
//! within a few milliseconds), and [`super::watch`] decides what each batch means.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::watch::{classify, may_fix, plan, Change, Plan, Refresh, Scope};

/// What the rebuild thread receives.
pub enum Msg {
    /// A file-system event (or a watcher error).
    Fs(notify::Result<Event>),
    /// Shut down.
    Stop,
}

/// Changes seen together.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Paths that changed (absolute, as notify reports them).
    pub paths: Vec<PathBuf>,
    /// The watcher lost events (queue overflow, error): rebuild everything.
    pub rescan: bool,
    /// Paths removed or renamed away (also in `paths`).
    pub removed: Vec<PathBuf>,
}

impl Batch {
    /// What to do about this batch; `root` is the site root the paths are under, and
    /// `failing` says the last build failed: then removing any file in the site, even
    /// one whose edits are ignored, rebuilds, since it may have caused the error.
    pub fn plan(&self, root: &Path, failing: bool) -> Plan {
        if self.rescan {
            return Plan::Rebuild(Scope::Everything, Refresh::Reload);
        }
        let changes: Vec<Change> =
            self.paths.iter().map(|p| p.strip_prefix(root).map_or(Change::Ignored, classify)).collect();
        match plan(&changes) {
            Plan::Skip if failing && self.removed.iter().any(|p| p.strip_prefix(root).is_ok_and(may_fix)) => {
                Plan::Rebuild(Scope::Everything, Refresh::Reload)
            }
            planned => planned,
        }
    }

    /// Adds an event; false when it changes nothing (a read, a metadata change).
    fn add(&mut self, event: notify::Result<Event>) -> bool {
        match event {
            Ok(event) if event.need_rescan() => self.rescan = true,
            Ok(event) if matters(&event.kind) => {
                if removes(&event.kind) {
                    // A rename's first path is where the file was.
                    self.removed.extend(event.paths.first().cloned());
                }
                self.paths.extend(event.paths);
            }
            Ok(_) => return false,
            Err(_) => self.rescan = true,
        }
        true
    }
}

/// Reads (every rebuild opens every file) and metadata changes change nothing;
/// closing a file after writing does.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// A removal, or a rename (whose first path is gone).
fn removes(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)))
}

/// Waits for an event that changes something, then keeps gathering until `quiet`
/// passes without another or `limit` has passed since the first. `None` when told to stop.
pub fn gather(rx: &Receiver<Msg>, quiet: Duration, limit: Duration) -> Option<Batch> {
    let mut batch = Batch::default();
    loop {
        match rx.recv() {
            Ok(Msg::Fs(event)) => {
                if batch.add(event) {
                    break;
                }
            }
            Ok(Msg::Stop) | Err(_) => return None,
        }
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let left = quiet.saturating_sub(last.elapsed()).min(limit.saturating_sub(first.elapsed()));
        if left.is_zero() {
            return Some(batch);
        }
        match rx.recv_timeout(left) {
            Ok(Msg::Fs(event)) => {
                if batch.add(event) {
                    last = Instant::now();
                }
            }
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => return Some(batch),
        }
    }
}

/// Watches `root/content` and `root/themes` (those that exist), sending events to `tx`.
/// New folders are watched as they appear.
pub fn watch(root: &Path, tx: Sender<Msg>) -> notify::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Msg::Fs(event));
    })?;
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, MetadataKind, RemoveKind, RenameMode};
    use std::sync::mpsc;

    fn event(kind: EventKind, path: &str) -> Msg {
        Msg::Fs(Ok(Event::new(kind).add_path(PathBuf::from(path))))
    }

    #[test]
    fn a_burst_is_one_batch() {
        let (tx, rx) = mpsc::channel();
        tx.send(event(EventKind::Create(CreateKind::File), "/site/content/docs/4913")).unwrap();
        tx.send(event(EventKind::Modify(ModifyKind::Name(RenameMode::From)), "/site/content/docs/guide.md")).unwrap();
        tx.send(event(EventKind::Access(AccessKind::Read), "/site/content/docs/other.md")).unwrap();
        tx.send(event(EventKind::Access(AccessKind::Close(AccessMode::Write)), "/site/content/docs/guide.md")).unwrap();
        let batch = gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).unwrap();
        assert_eq!(batch.paths.len(), 3);
        assert_eq!(batch.plan(Path::new("/site"), false), Plan::Rebuild(Scope::Changed, Refresh::Reload));
        tx.send(Msg::Stop).unwrap();
        assert!(gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).is_none());
    }

    #[test]
    fn errors_and_foreign_paths() {
        let batch = Batch { paths: vec![PathBuf::from("/elsewhere/content/a.md")], ..Batch::default() };
        assert_eq!(batch.plan(Path::new("/site"), false), Plan::Skip);
        let mut lost = Batch::default();
        lost.add(Err(notify::Error::generic("queue overflow")));
        assert_eq!(lost.plan(Path::new("/site"), false), Plan::Rebuild(Scope::Everything, Refresh::Reload));
    }

    #[test]
    fn removing_ignored_files_rebuilds_only_after_a_failed_build() {
        let (tx, rx) = mpsc::channel();
        tx.send(event(EventKind::Remove(RemoveKind::File), "/site/content/.#about.md")).unwrap();
        let batch = gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).unwrap();
        assert_eq!(batch.removed, [PathBuf::from("/site/content/.#about.md")]);
        assert_eq!(batch.plan(Path::new("/site"), false), Plan::Skip);
        assert_eq!(batch.plan(Path::new("/site"), true), Plan::Rebuild(Scope::Everything, Refresh::Reload));
        tx.send(event(EventKind::Modify(ModifyKind::Name(RenameMode::From)), "/site/content/docs/x.swp")).unwrap();
        let renamed = gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).unwrap();
        assert_eq!(renamed.plan(Path::new("/site"), true), Plan::Rebuild(Scope::Everything, Refresh::Reload));
        // Creating or writing debris never rebuilds, and neither does removing outsiders.
        tx.send(event(EventKind::Create(CreateKind::File), "/site/content/.#about.md")).unwrap();
        let created = gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).unwrap();
        assert_eq!(created.plan(Path::new("/site"), true), Plan::Skip);
        let outside = Batch { removed: vec![PathBuf::from("/site/public/x")], ..Batch::default() };
        assert_eq!(outside.plan(Path::new("/site"), true), Plan::Skip);
    }

    #[test]
    fn reads_neither_start_nor_stretch_a_batch() {
        let (tx, rx) = mpsc::channel();
        for i in 0..50 {
            tx.send(event(EventKind::Access(AccessKind::Open(AccessMode::Any)), &format!("/site/content/{i}.md")))
                .unwrap();
        }
        tx.send(event(EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)), "/site/content/a.md")).unwrap();
        tx.send(event(EventKind::Modify(ModifyKind::Any), "/site/content/b.md")).unwrap();
        let batch = gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).unwrap();
        assert_eq!(batch.paths, [PathBuf::from("/site/content/b.md")]);
    }

    #[test]
    fn a_stream_of_events_is_cut_at_the_limit() {
        let (tx, rx) = mpsc::channel();
        let writer = std::thread::spawn(move || {
            // Events every 5 ms for up to 10 s: only the limit can end the batch.
            for _ in 0..2000 {
                if tx.send(event(EventKind::Any, "/site/content/a.md")).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        let started = Instant::now();
        let batch = gather(&rx, Duration::from_millis(50), Duration::from_millis(100)).unwrap();
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        assert!(!batch.paths.is_empty());
        drop(rx);
        writer.join().unwrap();
    }

    #[test]
    fn stop_ends_a_burst() {
        let (tx, rx) = mpsc::channel();
        tx.send(event(EventKind::Any, "/site/content/a.md")).unwrap();
        tx.send(Msg::Stop).unwrap();
        assert!(gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).is_none());
    }
}
