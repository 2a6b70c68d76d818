//! The decision log as data: every record with its status, and supersession edges
//! derived from both sides.
//!
//! `supersedes` on the newer record and `superseded_by` on the older one are two ways
//! of writing the same edge. Either side is enough (MADR writes only the older side,
//! adr-tools both); the other is derived here, so every page shows the chain both
//! ways. Where both sides are written they must agree (see [`super::rules`]).

use std::collections::{BTreeSet, HashMap};

use crate::ids::PageId;
use crate::load::{PageKind, Pages, Relation, Status};

/// One decision record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its page.
    pub page: PageId,
    /// `BDR-0001`.
    pub id: String,
    /// Its number, when the id has one.
    pub number: Option<u32>,
    /// Current status (`proposed` when the record names none).
    pub status: Status,
    /// Ids this record replaces, from both sides, sorted.
    pub supersedes: Vec<String>,
    /// Ids that replace this record, from both sides, sorted.
    pub superseded_by: Vec<String>,
    /// Typed links written in an imported record's status section (adr-tools'
    /// `adr link`: "Amends", "Clarified by", …), each resolved to a record id, in the
    /// order written. Both sides are listed as written; `reverse` marks the passive one.
    pub relations: Vec<Relation>,
}

/// Every decision record of the site, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Records, sorted by id then file.
    pub records: Vec<Record>,
    index: HashMap<String, usize>,
    pages: HashMap<PageId, usize>,
}

/// One step of a record's status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// ISO date, when known.
    pub date: Option<String>,
    /// The status the record entered.
    pub status: Status,
    /// The record that caused it (for `superseded`).
    pub by: Option<String>,
}

/// `BDR-0012` → 12.
pub fn id_number(id: &str) -> Option<u32> {
    let digits = id.strip_prefix("BDR-")?;
    (digits.len() >= 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
}

impl Log {
    /// The log of every decision page in `pages`.
    pub fn new(pages: &Pages) -> Log {
        let mut records: Vec<Record> = pages
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Decision)
            .filter_map(|(page, p)| {
                let id = p.decision_id()?;
                Some(Record {
                    page,
                    number: id_number(&id),
                    status: p.front.status.unwrap_or(Status::Proposed),
                    supersedes: p.front.supersedes.clone(),
                    superseded_by: p.front.superseded_by.clone(),
                    relations: p.front.imported.as_ref().map(|m| m.relations.clone()).unwrap_or_default(),
                    id,
                })
            })
            .collect();
        records.sort_by(|a, b| (&a.id, &pages[a.page].rel).cmp(&(&b.id, &pages[b.page].rel)));
        let mut index = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(i);
        }
        let page_index = records.iter().enumerate().map(|(i, r)| (r.page, i)).collect();
        let mut log = Log { records, index, pages: page_index };
        log.derive();
        for r in &mut log.records {
            // An imported record replaced by a newer one that says so is superseded,
            // even when its own status line was not updated (a warning, W011).
            if pages[r.page].front.imported.is_some() && !r.superseded_by.is_empty() {
                r.status = Status::Superseded;
            }
        }
        log
    }

    /// Completes both sides of every supersession edge.
    fn derive(&mut self) {
        let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
        for r in &self.records {
            edges.extend(r.supersedes.iter().map(|old| (r.id.clone(), old.clone())));
            edges.extend(r.superseded_by.iter().map(|new| (new.clone(), r.id.clone())));
        }
        for (new, old) in edges.into_iter().filter(|(new, old)| new != old) {
            if let Some(&i) = self.index.get(&old) {
                push_unique(&mut self.records[i].superseded_by, &new);
            }
            if let Some(&i) = self.index.get(&new) {
                push_unique(&mut self.records[i].supersedes, &old);
            }
        }
        for r in &mut self.records {
            r.supersedes.retain(|id| *id != r.id);
            r.superseded_by.retain(|id| *id != r.id);
            r.supersedes.sort();
            r.superseded_by.sort();
        }
    }

    /// The record with `id`.
    pub fn get(&self, id: &str) -> Option<&Record> {
        self.index.get(id).map(|&i| &self.records[i])
    }

    /// Index into `records` of the record with `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The record made from page `page`.
    pub fn by_page(&self, page: PageId) -> Option<&Record> {
        self.pages.get(&page).map(|&i| &self.records[i])
    }

    /// Every record connected to `id` by supersession, in either direction and
    /// transitively, including `id` itself, sorted by id. Cycle-safe.
    pub fn chain(&self, id: &str) -> Vec<&Record> {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for newer in [false, true] {
            let mut stack = vec![id];
            while let Some(at) = stack.pop() {
                if !seen.insert(at) && at != id {
                    continue;
                }
                if let Some(r) = self.get(at) {
                    let next = if newer { &r.superseded_by } else { &r.supersedes };
                    stack.extend(next.iter().map(String::as_str).filter(|n| !seen.contains(n)));
                }
            }
        }
        seen.into_iter().filter_map(|i| self.get(i)).collect()
    }

    /// The status history of `record`, oldest first, derived from its dates and the
    /// records that supersede it: a superseded or deprecated record was accepted first.
    pub fn history(&self, pages: &Pages, record: &Record) -> Vec<Event> {
        let front = &pages[record.page].front;
        let first = match record.status {
            Status::Superseded | Status::Deprecated => Status::Accepted,
            other => other,
        };
        let mut events = vec![Event { date: front.date.clone(), status: first, by: None }];
        match record.status {
            Status::Superseded => events.extend(record.superseded_by.iter().map(|by| Event {
                date: self.get(by).and_then(|r| pages[r.page].front.date.clone()),
                status: Status::Superseded,
                by: Some(by.clone()),
            })),
            Status::Deprecated => {
                events.push(Event { date: front.updated.clone(), status: Status::Deprecated, by: None })
            }
            _ => {}
        }
        events
    }
}

fn push_unique(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|i| i == id) {
        list.push(id.to_owned());
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::{FrontMatter, Page};

    pub fn record(n: u32, status: Status, supersedes: &[&str], superseded_by: &[&str]) -> Page {
        let front = FrontMatter {
            title: format!("Record {n}"),
            status: Some(status),
            date: Some(format!("2026-01-{n:02}")),
            supersedes: supersedes.iter().map(|s| s.to_string()).collect(),
            superseded_by: superseded_by.iter().map(|s| s.to_string()).collect(),
            ..FrontMatter::default()
        };
        let rel = format!("decisions/{n:04}-r.md");
        Page {
            source: format!("content/{rel}").into(),
            rel: rel.into(),
            kind: PageKind::Decision,
            lang: "en".into(),
            front,
            text: String::new(),
            body_offset: 0,
            body_line: 1,
        }
    }

    #[test]
    fn one_side_is_enough() {
        let pages =
            Pages::from(vec![record(1, Status::Superseded, &[], &[]), record(2, Status::Accepted, &["BDR-0001"], &[])]);
        let log = Log::new(&pages);
        assert_eq!(log.get("BDR-0001").unwrap().superseded_by, ["BDR-0002"]);
        let ids: Vec<&str> = log.chain("BDR-0001").iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["BDR-0001", "BDR-0002"]);
    }

    #[test]
    fn chain_follows_both_directions_transitively() {
        let pages = Pages::from(vec![
            record(1, Status::Superseded, &[], &["BDR-0002"]),
            record(2, Status::Superseded, &[], &["BDR-0003"]),
            record(3, Status::Accepted, &[], &[]),
            record(4, Status::Accepted, &[], &[]),
        ]);
        let log = Log::new(&pages);
        let ids: Vec<&str> = log.chain("BDR-0002").iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["BDR-0001", "BDR-0002", "BDR-0003"]);
        let history = log.history(&pages, log.get("BDR-0001").unwrap());
        assert_eq!(history.len(), 2);
        assert_eq!(history[1].by.as_deref(), Some("BDR-0002"));
        assert_eq!(history[1].date.as_deref(), Some("2026-01-02"));
    }

    #[test]
    fn chain_survives_cycles() {
        let pages = Pages::from(vec![
            record(1, Status::Superseded, &["BDR-0002"], &[]),
            record(2, Status::Superseded, &["BDR-0001"], &[]),
        ]);
        assert_eq!(Log::new(&pages).chain("BDR-0001").len(), 2);
    }

    #[test]
    fn imported_relations_reach_the_record() {
        let mut page = record(3, Status::Accepted, &[], &[]);
        let relation = Relation { label: "Amends".into(), target: "BDR-0001".into(), reverse: false };
        page.front.imported = Some(crate::load::ImportedMeta {
            dialect: crate::load::Dialect::Nygard,
            title_html: None,
            status_note: None,
            relations: vec![relation.clone()],
        });
        let log = Log::new(&Pages::from(vec![page]));
        assert_eq!(log.get("BDR-0003").unwrap().relations, [relation]);
    }

    #[test]
    fn ids_have_four_or_more_digits() {
        assert_eq!(id_number("BDR-0012"), Some(12));
        assert_eq!(id_number("BDR-12"), None);
        assert_eq!(id_number("ADR-0012"), None);
    }
}
