//! Comparing two versions of the content folder's tree: which files differ. Subtrees
//! with the same id are skipped unread, so a commit that touched one page reads only
//! the trees on that page's path.

use std::collections::{HashMap, HashSet};

use gix::ObjectId;

/// The most files one content tree may list: a tree bigger than this gives no dates.
const MAX_FILES: usize = 200_000;

/// An entry of a tree: its name, id and whether it is a subtree.
struct Item {
    name: String,
    id: ObjectId,
    is_tree: bool,
}

/// Reads trees, remembering each commit's content subtree.
pub struct Trees<'r> {
    repo: &'r gix::Repository,
    prefix: Vec<String>,
    by_commit: HashMap<ObjectId, Option<ObjectId>>,
}

impl<'r> Trees<'r> {
    /// Trees of `repo`, the content folder being at `prefix` (`a/b`, or empty).
    pub fn new(repo: &'r gix::Repository, prefix: &str) -> Self {
        let prefix = prefix.split('/').filter(|p| !p.is_empty()).map(str::to_owned).collect();
        Trees { repo, prefix, by_commit: HashMap::new() }
    }

    /// The id of the content folder's tree in `commit`, `None` when it has none (or it
    /// cannot be read).
    pub fn content_tree(&mut self, commit: ObjectId) -> Option<ObjectId> {
        if let Some(known) = self.by_commit.get(&commit) {
            return *known;
        }
        let found = self.find_content_tree(commit);
        self.by_commit.insert(commit, found);
        found
    }

    fn find_content_tree(&self, commit: ObjectId) -> Option<ObjectId> {
        let mut tree = self.repo.find_commit(commit).ok()?.tree_id().ok()?.detach();
        for part in &self.prefix {
            let item = self.items(tree)?.into_iter().find(|i| i.is_tree && i.name == *part)?;
            tree = item.id;
        }
        Some(tree)
    }

    /// Every file under `tree`, by path relative to it; `None` past [`MAX_FILES`].
    pub fn files(&self, tree: ObjectId) -> Option<HashSet<String>> {
        let mut out = HashSet::new();
        let mut stack = vec![(tree, String::new())];
        while let Some((id, base)) = stack.pop() {
            for item in self.items(id)? {
                let path = format!("{base}{}", item.name);
                if item.is_tree {
                    stack.push((item.id, format!("{path}/")));
                } else {
                    out.insert(path);
                }
            }
            if out.len() > MAX_FILES {
                return None;
            }
        }
        Some(out)
    }

    /// Files under `new` that are not the same under `old` (added or changed), by path
    /// relative to the content folder. `None` when a tree cannot be read.
    pub fn changed(&self, new: Option<ObjectId>, old: Option<ObjectId>) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let Some(new) = new else { return Some(out) };
        let mut stack = vec![(new, old, String::new())];
        while let Some((new, old, base)) = stack.pop() {
            if Some(new) == old {
                continue;
            }
            let before: HashMap<String, Item> = match old {
                Some(old) => self.items(old)?.into_iter().map(|i| (i.name.clone(), i)).collect(),
                None => HashMap::new(),
            };
            for item in self.items(new)? {
                let was = before.get(&item.name).filter(|b| b.is_tree == item.is_tree);
                if was.is_some_and(|b| b.id == item.id) {
                    continue;
                }
                let path = format!("{base}{}", item.name);
                if item.is_tree {
                    stack.push((item.id, was.map(|b| b.id), format!("{path}/")));
                } else {
                    out.push(path);
                }
            }
            if out.len() > MAX_FILES {
                return None;
            }
        }
        Some(out)
    }

    /// The entries of tree `id` (files, links and subtrees; submodules are skipped).
    fn items(&self, id: ObjectId) -> Option<Vec<Item>> {
        let tree = self.repo.find_object(id).ok()?.try_into_tree().ok()?;
        let decoded = tree.decode().ok()?;
        let items = decoded
            .entries
            .iter()
            .filter(|e| !e.mode.is_commit())
            .filter_map(|e| {
                let name = std::str::from_utf8(e.filename.as_ref()).ok()?.to_owned();
                Some(Item { name, id: e.oid.to_owned(), is_tree: e.mode.is_tree() })
            })
            .collect();
        Some(items)
    }
}
