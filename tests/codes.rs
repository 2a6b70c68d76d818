//! The diagnostic codes, kept true: the README's table lists exactly [`Code::ALL`], in
//! order, each with the text [`Code::summary`] returns, and every code is emitted
//! somewhere in `src/` (no dead codes).

mod common;

use std::path::Path;

use site::diagnostics::Code;

/// `(code, meaning)` for each row of the README table headed `| code | meaning |`.
fn readme_rows() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).expect("README.md");
    let lines = readme.lines().skip_while(|l| l.trim() != "| code | meaning |").skip(2);
    let mut rows = Vec::new();
    for line in lines.take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells.len(), 2, "a README code row has two cells: {line}");
        rows.push((cells[0].to_owned(), cells[1].to_owned()));
    }
    assert!(!rows.is_empty(), "README.md has no `| code | meaning |` table");
    rows
}

#[test]
fn the_readme_table_lists_every_code_with_its_summary() {
    let rows = readme_rows();
    let listed: Vec<&str> = rows.iter().map(|(code, _)| code.as_str()).collect();
    let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, known, "README.md's code table and `Code::ALL` differ (order included)");
    for (code, (_, meaning)) in Code::ALL.iter().zip(&rows) {
        assert_eq!(meaning, code.summary(), "README.md's row for {code} differs from `Code::{code}.summary()`");
    }
}

#[test]
fn codes_are_sorted_and_unique() {
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    assert!(Code::ALL.iter().all(|c| c.summary().lines().count() == 1), "every summary is one line");
}

/// Source text of every `.rs` file under `dir`, without the code table itself and
/// without `#[cfg(test)]` modules (a code only a test names is not emitted).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("read src/").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("diagnostics/codes.rs") {
            let text = std::fs::read_to_string(&path).expect("read a source file");
            let shipped = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
            out.push((path.display().to_string(), shipped));
        }
    }
}

#[test]
fn every_code_is_emitted_somewhere() {
    let mut files = Vec::new();
    sources(&common::repo().join("src"), &mut files);
    let used = |code: &Code| {
        let name = format!("Code::{code}");
        files.iter().any(|(_, text)| {
            text.match_indices(&name)
                .any(|(at, _)| !text[at + name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        })
    };
    let dead: Vec<&str> = Code::ALL.iter().filter(|c| !used(c)).map(|c| c.as_str()).collect();
    assert!(dead.is_empty(), "codes no file in src/ emits (remove them, and their README rows): {dead:?}");
}
