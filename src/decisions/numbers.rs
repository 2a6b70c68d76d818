//! Record ids against file numbers: a missing or malformed id, an id that is not the
//! file's number (E050), one id on two records (E051). Each hint is computed from the
//! numbers in use: it offers only renames and ids that are free, else the next free number.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::ids::PageId;
use crate::load::numbering::NextFree;
use crate::load::status_line::{leading_number, record_id};
use crate::load::{Page, PageKind, Pages};

use super::located::at;
use super::model::{id_number, Log, Record};

/// The numbers decision records use, by file name and by id.
pub struct Numbers {
    /// (page, number of its file name, number of its id) for each decision record.
    used: Vec<(PageId, Option<u32>, Option<u32>)>,
    /// The folder's next free number.
    next: NextFree,
}

impl Numbers {
    /// The numbers used by the decision records among `pages`.
    pub fn new(pages: &Pages) -> Numbers {
        let records = || pages.enumerate().filter(|(_, p)| p.kind == PageKind::Decision);
        let used = records()
            .map(|(i, p)| (i, leading_number(p.rel.file_name()), p.decision_id().as_deref().and_then(id_number)))
            .collect();
        Numbers { used, next: NextFree::after(records().map(|(_, p)| p.rel.file_name())) }
    }

    /// True when a record other than page `me` has `number` as its file number or id.
    fn taken(&self, me: PageId, number: u32) -> bool {
        self.used.iter().any(|(i, file, id)| *i != me && (*file == Some(number) || *id == Some(number)))
    }

    /// How to give page `me` the `skip`-th next free number: rename it, and set its id
    /// where the id is written rather than read from the file name.
    fn give_next(&self, page: &Page, skip: u32) -> String {
        let renamed = self.next.rename(page.rel.file_name(), skip);
        let id = record_id(self.next.number + skip);
        match page.front.id {
            Some(_) => format!("give it the next free number: rename it to `{renamed}` and set `id: {id}`"),
            None => format!("give it the next free number: rename it to `{renamed}`"),
        }
    }

    /// E050: every record has an id of the form BDR-NNNN that is its file's number.
    pub fn ids(&self, pages: &Pages) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for &(me, file, number) in &self.used {
            let page = &pages[me];
            let Some(id) = page.decision_id() else {
                let hint = format!(
                    "name the file after its number (`{}`) or add `id: {}`",
                    self.next.rename(page.rel.file_name(), 0),
                    record_id(self.next.number)
                );
                out.push(Diagnostic::error(&page.source, 1, 0, "decision record has no id").with_hint(hint));
                continue;
            };
            match (number, file) {
                (None, _) => out.push(at(
                    page,
                    "id",
                    format!("decision id `{id}` is not of the form BDR-NNNN"),
                    format!(
                        "write the id as `BDR-` and at least four digits, e.g. `{}`",
                        record_id(file.unwrap_or(self.next.number))
                    ),
                )),
                (Some(n), Some(f)) if n != f => {
                    let mut fixes = Vec::new();
                    if !self.taken(me, n) {
                        let width = self.next.width;
                        let renamed = NextFree { number: n, width }.rename(page.rel.file_name(), 0);
                        fixes.push(format!("rename the file to `{renamed}`"));
                    }
                    if !self.taken(me, f) {
                        fixes.push(format!("set `id: {}`", record_id(f)));
                    }
                    let hint = if fixes.is_empty() { self.give_next(page, 0) } else { fixes.join(", or ") };
                    out.push(at(
                        page,
                        "id",
                        format!("decision id `{id}` does not match the file's number {f:04}"),
                        hint,
                    ));
                }
                _ => {}
            }
        }
        out
    }

    /// E051: no two records share an id; the later one is told the next free number.
    pub fn duplicates(&self, pages: &Pages, log: &Log) -> Vec<Diagnostic> {
        let mut first: HashMap<&str, &Record> = HashMap::new();
        let mut out = Vec::new();
        for r in &log.records {
            let Some(earlier) = first.get(r.id.as_str()) else {
                first.insert(&r.id, r);
                continue;
            };
            let page = &pages[r.page];
            let file = leading_number(page.rel.file_name());
            // A file whose own number is free only needs its id to say so (E050 says it too).
            let hint = match file.filter(|f| !self.taken(r.page, *f)) {
                Some(f) => format!("set `id: {}`, the file's own number", record_id(f)),
                None => self.give_next(page, out.len() as u32),
            };
            let message = format!("decision id `{}` is also used by {}", r.id, pages[earlier.page].source.display());
            out.push(at(page, "id", message, hint));
        }
        out
    }
}
