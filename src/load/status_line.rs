//! Status lines of plain ADR files: `Accepted`, `✅ **Accepted** on 2020-01-01`,
//! `Superseded by [2. Title](0002-title.md)` (and adr-tools' `Superceded by`),
//! `Supersedes [1. …](0001-….md)`, MADR's `superseded by ADR-0005`, adr-tools' typed
//! links (`Amends [1. …](0001-….md)`, `Clarified by [3. …](0003-….md)`), and the record
//! ids they name. Shared by the importer and by `site new decision --supersedes`.

use std::collections::BTreeMap;

use super::Status;

/// Words other tools and teams write for our five statuses (README, "Decision log").
/// A site adds its own with `decisions: { statuses: { … } }` in `site.yaml`.
pub const ALIASES: [(&str, Status); 18] = [
    ("proposed", Status::Proposed),
    ("draft", Status::Proposed),
    ("on hold", Status::Proposed),
    ("pending", Status::Proposed),
    ("in review", Status::Proposed),
    ("accepted", Status::Accepted),
    ("approved", Status::Accepted),
    ("adopted", Status::Accepted),
    ("agreed", Status::Accepted),
    ("rejected", Status::Rejected),
    ("declined", Status::Rejected),
    ("withdrawn", Status::Rejected),
    ("deprecated", Status::Deprecated),
    ("obsolete", Status::Deprecated),
    ("retired", Status::Deprecated),
    ("superseded", Status::Superseded),
    ("superceded", Status::Superseded),
    ("replaced", Status::Superseded),
];

/// The status words a folder may use: the built-in [`ALIASES`] plus the site's own.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The site's own words (lowercase) and the status each stands for.
    own: Vec<(String, Status)>,
}

impl Vocabulary {
    /// The built-in words plus `own` (`"on hold" → "proposed"`); entries whose target
    /// is not a status are left out (the configuration check reports them).
    pub fn new(own: &BTreeMap<String, String>) -> Vocabulary {
        let own = own.iter().filter_map(|(word, target)| Some((normalise(word), Status::from_word(target)?))).collect();
        Vocabulary { own }
    }

    /// The status `word` opens with, the longest match first, and what follows it.
    fn lookup<'a>(&self, lower: &'a str) -> Option<(Status, &'a str)> {
        let own = self.own.iter().map(|(w, s)| (w.as_str(), *s));
        own.chain(ALIASES.iter().copied())
            .filter(|(word, _)| {
                lower.starts_with(word) && !lower[word.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .max_by_key(|(word, _)| word.len())
            .map(|(word, status)| (status, &lower[word.len()..]))
    }

    /// Every word this vocabulary knows, for "unknown status" hints.
    pub fn words(&self) -> Vec<String> {
        let mut words: Vec<String> = ALIASES.iter().map(|(w, _)| (*w).to_owned()).collect();
        words.extend(self.own.iter().map(|(w, _)| w.clone()));
        words.dedup();
        words
    }
}

/// A status, read from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The status.
    pub status: Status,
    /// The records named after "Superseded by".
    pub by: Vec<String>,
    /// The date written with it (`Accepted on 2020-01-01`).
    pub date: Option<String>,
    /// The explanation written after it (`proposed. This ADR did not reach consensus`).
    pub note: Option<String>,
}

/// What one line of a status (a `## Status` section, `status:`, `* Status:`) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusLine {
    /// A status.
    Status(Parsed),
    /// "Supersedes [1. Title](0001-title.md)" (or adr-tools' "Supercedes").
    Supersedes(Vec<String>),
    /// A typed link adr-tools writes with `adr link`: "Amends [1. …](0001-….md)".
    Relation(String, Vec<String>),
    /// Anything else.
    Other,
}

/// Reads one status line with the built-in words only.
pub fn parse_status(line: &str) -> StatusLine {
    parse_status_with(line, &Vocabulary::default())
}

/// Reads one status line: `Accepted`, `✅ **Accepted** on 2020-01-01`,
/// `superseded by ADR-0005`, `Superseded by [2. Use X](0002-use-x.md)`,
/// `Supersedes [1. …](0001-….md)`, `Amended by [3. …](0003-….md)`.
pub fn parse_status_with(line: &str, words: &Vocabulary) -> StatusLine {
    let value = undecorate(line);
    let lower = normalise(&value);
    for verb in ["supersedes", "supercedes"] {
        if let Some(rest) = lower.strip_prefix(verb).filter(|r| !r.starts_with(char::is_alphanumeric)) {
            return StatusLine::Supersedes(refs_in(&value[value.len() - rest.len()..]));
        }
    }
    let Some((status, rest)) = words.lookup(&lower) else {
        return relation(&value).unwrap_or(StatusLine::Other);
    };
    let rest = &value[value.len() - rest.len()..];
    let mut parsed = Parsed { status, by: Vec::new(), date: None, note: None };
    let tail = rest.trim_start();
    if status == Status::Superseded && normalise(tail).starts_with("by") {
        parsed.by = refs_in(&tail[2..]);
        return StatusLine::Status(parsed);
    }
    let tail = tail.trim_start_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace() || c == '—');
    let dated = tail.strip_prefix("on ").unwrap_or(tail).trim_start();
    if let Some(date) = dated.get(..10).filter(|d| super::frontmatter::is_iso_date(d)) {
        parsed.date = Some(date.to_owned());
        let after = dated[10..].trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
        parsed.note = (!after.is_empty()).then(|| after.to_owned());
    } else if !tail.is_empty() {
        parsed.note = Some(tail.to_owned());
    }
    StatusLine::Status(parsed)
}

/// `Amends [1. A](0001-a.md)` → ("Amends", [BDR-0001]): a few words, then links to
/// numbered records and nothing else.
fn relation(value: &str) -> Option<StatusLine> {
    let (label, links) = value.split_once('[')?;
    let label = label.trim();
    let words = label.split_whitespace().count();
    if label.is_empty() || words > 4 || !label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') {
        return None;
    }
    let ids = linked_ids(&format!("[{links}"));
    (!ids.is_empty()).then(|| StatusLine::Relation(label.to_owned(), ids))
}

/// The line without list markers, bold, emoji and other symbols in front.
fn undecorate(line: &str) -> String {
    let value = line.trim().trim_start_matches(['*', '-', '+']).trim();
    let value = value.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[');
    let value = unlink(value);
    let mut out = value.replacen("**", "", 2).replacen("__", "", 2);
    if out.starts_with('_') {
        out = out.replacen('_', "", 2);
    }
    out.trim().to_owned()
}

/// A status written as a link (`[Accepted](https://…/pull/1050)`, `[Approved]`): its
/// text, then whatever follows the link.
fn unlink(value: &str) -> String {
    let Some(inner) = value.strip_prefix('[') else { return value.to_owned() };
    let Some(close) = inner.find(']') else { return value.to_owned() };
    let after = &inner[close + 1..];
    let after = match after.strip_prefix('(') {
        Some(url) => url.find(')').map_or("", |end| &url[end + 1..]),
        None => after,
    };
    format!("{}{after}", &inner[..close])
}

/// ASCII lowercase (for matching status words); byte offsets stay those of `text`.
fn normalise(text: &str) -> String {
    text.to_ascii_lowercase()
}

impl Status {
    /// `"accepted"` → `Accepted`: the five status names only.
    pub fn from_word(word: &str) -> Option<Status> {
        [Status::Proposed, Status::Accepted, Status::Rejected, Status::Deprecated, Status::Superseded]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(word.trim()))
    }
}

/// Record ids named in `text`: the number of each linked file (`0002-x.md` →
/// `BDR-0002`), else the first number written (`ADR-0005` → `BDR-0005`).
pub fn refs_in(text: &str) -> Vec<String> {
    let out = linked_ids(text);
    if !out.is_empty() {
        return out;
    }
    let digits: String = text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().ok().map(record_id).into_iter().collect()
}

/// The number of each linked file (`[2. X](0002-x.md)` → `BDR-0002`).
fn linked_ids(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let name = after[..end].rsplit('/').next().unwrap_or_default();
        if let Some(n) = leading_number(name) {
            out.push(record_id(n));
        }
        rest = &after[end..];
    }
    out
}

/// `0002-use-x.md` → 2.
pub fn leading_number(name: &str) -> Option<u32> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// 2 → `BDR-0002`.
pub fn record_id(number: u32) -> String {
    format!("BDR-{number:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(line: &str) -> Parsed {
        match parse_status(line) {
            StatusLine::Status(p) => p,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn decorated_statuses() {
        assert_eq!(status("✅ Accepted").status, Status::Accepted);
        assert_eq!(status("**Accepted**").status, Status::Accepted);
        let dated = status("Accepted on 2020-01-01");
        assert_eq!((dated.status, dated.date.as_deref(), dated.note), (Status::Accepted, Some("2020-01-01"), None));
        assert_eq!(status("On hold").status, Status::Proposed);
        assert_eq!(status("withdrawn").status, Status::Rejected);
        let noted = status("proposed. This ADR did not reach consensus");
        assert_eq!(noted.note.as_deref(), Some("This ADR did not reach consensus"));
        assert_eq!(parse_status("Maybe"), StatusLine::Other);
        assert_eq!(parse_status("Acceptedly"), StatusLine::Other);
    }

    #[test]
    fn statuses_written_as_links() {
        assert_eq!(status("[Approved]").status, Status::Accepted);
        let linked = status("[Deprecated](https://example.com/pull/7) in favour of the new flow");
        assert_eq!((linked.status, linked.note.as_deref()), (Status::Deprecated, Some("in favour of the new flow")));
        assert_eq!(status("* [Accepted](https://example.com/pull/8)").status, Status::Accepted);
    }

    #[test]
    fn both_spellings_of_supersession() {
        assert_eq!(status("Superceded by [2. B](0002-b.md)").by, ["BDR-0002"]);
        assert_eq!(status("superseded by ADR-0005").by, ["BDR-0005"]);
        assert_eq!(parse_status("Supercedes [1. A](0001-a.md)"), StatusLine::Supersedes(vec!["BDR-0001".into()]));
    }

    #[test]
    fn typed_links() {
        assert_eq!(
            parse_status("Amended by [3. C](0003-c.md)"),
            StatusLine::Relation("Amended by".into(), vec!["BDR-0003".into()])
        );
        assert_eq!(
            parse_status("Clarifies [2. B](0002-b.md)"),
            StatusLine::Relation("Clarifies".into(), vec!["BDR-0002".into()])
        );
        assert_eq!(parse_status("See [the docs](https://example.com)"), StatusLine::Other);
    }

    #[test]
    fn a_site_vocabulary() {
        let own = BTreeMap::from([("parked".to_owned(), "deprecated".to_owned())]);
        match parse_status_with("Parked", &Vocabulary::new(&own)) {
            StatusLine::Status(p) => assert_eq!(p.status, Status::Deprecated),
            other => panic!("{other:?}"),
        }
    }
}
