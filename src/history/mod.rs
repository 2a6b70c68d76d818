//! Before stage 3: when each file under `content/` last changed, from the git
//! repository the content lives in. One walk over history (newest commit first, each
//! compared with its parents, only the `content/` subtree), bounded by
//! [`MAX_COMMITS`], stopped as soon as every file has a date. Nothing here can fail a
//! build: no repository, a shallow clone or a broken one only means fewer dates.

mod diff;

use std::collections::HashMap;
use std::path::Path;

use gix::ObjectId;

/// The most commits one walk reads: a huge history costs at most this many.
pub const MAX_COMMITS: usize = 20_000;

/// Content-relative path (`docs/guide.md`) → the UTC day of the last commit that
/// changed it (`2026-01-31`).
pub type LastChanged = HashMap<String, String>;

/// The repository holding a site's content, opened.
pub struct Repo {
    repo: gix::Repository,
    head: ObjectId,
    /// The content folder's path inside the repository (`content`, `site/content`).
    prefix: String,
}

impl Repo {
    /// The repository `root/content` is in, when there is one with a commit checked out.
    pub fn open(root: &Path) -> Option<Repo> {
        let content = root.join("content").canonicalize().ok()?;
        let mut repo = gix::discover(&content).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let inside = content.strip_prefix(&workdir).ok()?;
        let mut parts = Vec::new();
        for part in inside.components() {
            parts.push(part.as_os_str().to_str()?.to_owned());
        }
        let head = repo.head_id().ok()?.detach();
        repo.object_cache_size(Some(8 * 1024 * 1024));
        Some(Repo { repo, head, prefix: parts.join("/") })
    }

    /// What the dates depend on: the commit checked out and where the content is.
    pub fn key(&self) -> String {
        format!("{}:{}", self.head, self.prefix)
    }

    /// The last-change day of every file under the content folder at `HEAD` that the
    /// walk found within [`MAX_COMMITS`] commits.
    pub fn last_changed(&self) -> LastChanged {
        self.last_changed_within(MAX_COMMITS)
    }

    /// The same, reading at most `cap` commits (newest first).
    pub fn last_changed_within(&self, cap: usize) -> LastChanged {
        self.walk(cap).unwrap_or_default()
    }

    fn walk(&self, cap: usize) -> Option<LastChanged> {
        let mut trees = diff::Trees::new(&self.repo, &self.prefix);
        let top = trees.content_tree(self.head)?;
        let mut remaining = trees.files(top)?;
        let mut found = LastChanged::new();
        let sorting = gix::revision::walk::Sorting::ByCommitTime(Default::default());
        let walk = self.repo.rev_walk([self.head]).sorting(sorting).all().ok()?;
        for info in walk.take(cap) {
            if remaining.is_empty() {
                break;
            }
            // A commit that cannot be read ends the walk with what was found so far.
            let Ok(info) = info else { break };
            let Some(changed) = self.changed_by(&mut trees, info.id, &info.parent_ids) else {
                continue;
            };
            let Some(day) = self.day_of(info.id, info.commit_time) else { continue };
            for path in changed {
                if remaining.remove(&path) {
                    found.insert(path, day.clone());
                }
            }
        }
        Some(found)
    }

    /// Files under the content folder that `commit` changed: those that differ from
    /// every parent (a merge is credited only with what none of its parents had).
    /// `None` when that cannot be known: a shallow clone's boundary commit, whose
    /// parents are missing, or an unreadable object.
    fn changed_by(&self, trees: &mut diff::Trees<'_>, commit: ObjectId, parents: &[ObjectId]) -> Option<Vec<String>> {
        let object = self.repo.find_commit(commit).ok()?;
        if parents.is_empty() && object.parent_ids().next().is_some() {
            return None;
        }
        let tree = trees.content_tree(commit);
        let mut changed: Option<Vec<String>> = None;
        for parent in parents {
            let old = trees.content_tree(*parent);
            let against = trees.changed(tree, old)?;
            changed = Some(match changed {
                None => against,
                Some(so_far) => so_far.into_iter().filter(|p| against.contains(p)).collect(),
            });
        }
        match changed {
            Some(changed) => Some(changed),
            None => trees.changed(tree, None),
        }
    }

    fn day_of(&self, commit: ObjectId, known: Option<i64>) -> Option<String> {
        let seconds = match known {
            Some(seconds) => seconds,
            None => self.repo.find_commit(commit).ok()?.time().ok()?.seconds,
        };
        Some(crate::dates::from_unix(seconds))
    }
}

/// The last-change days of the files under `root/content`, or none when the content is
/// not in a readable git repository.
pub fn last_changed(root: &Path) -> LastChanged {
    Repo::open(root).map(|r| r.last_changed()).unwrap_or_default()
}
