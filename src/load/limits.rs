//! Bounded work for bounded input: limits on Markdown that would cost far more to
//! render than its size suggests, checked before the page is parsed.
//!
//! A GFM table pads every row to the header's width, so a 5,000-column header over
//! short rows turns megabytes into millions of cells (2 GB of memory for 7.8 MB of
//! text). The scan below finds tables by their delimiter row (`|---|:--:|`) outside
//! fenced code and counts rows up to the next blank line: an upper bound of what the
//! parser will build.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// Most columns a Markdown table may have.
pub const MAX_TABLE_COLUMNS: usize = 100;

/// Most cells (rows × columns, the header row included) one Markdown table may have.
pub const MAX_TABLE_CELLS: usize = 100_000;

struct Table {
    /// 1-based line of the header row.
    line: usize,
    columns: usize,
    rows: usize,
}

/// Refuses a page whose tables exceed [`MAX_TABLE_COLUMNS`] or [`MAX_TABLE_CELLS`].
pub fn check_markdown(text: &str, source: &Path) -> Result<(), Diagnostic> {
    if !text.contains('|') {
        return Ok(());
    }
    let mut fence: Option<(char, usize)> = None;
    let mut table: Option<Table> = None;
    let mut previous_blank = true;
    for (number, line) in (1..).zip(text.lines()) {
        let blank = line.trim().is_empty();
        if let Some((mark, length)) = fence {
            if fence_of(line).is_some_and(|(m, l)| m == mark && l >= length) {
                fence = None;
            }
            continue;
        }
        if let Some(opened) = fence_of(line) {
            fence = Some(opened);
            table = None;
            continue;
        }
        if let Some(t) = &mut table {
            if blank {
                table = None;
            } else {
                t.rows += 1;
                if t.rows.saturating_mul(t.columns) > MAX_TABLE_CELLS {
                    return Err(too_many_cells(t, text, source));
                }
            }
        } else if let Some(columns) = delimiter_columns(line).filter(|_| !previous_blank) {
            if columns > MAX_TABLE_COLUMNS {
                let message = format!(
                    "table has {} columns; tables are limited to {MAX_TABLE_COLUMNS} columns",
                    grouped(columns)
                );
                return Err(refusal(source, number, message, text));
            }
            table = Some(Table { line: number - 1, columns, rows: 1 });
        }
        previous_blank = blank;
    }
    Ok(())
}

fn too_many_cells(table: &Table, text: &str, source: &Path) -> Diagnostic {
    let message = format!(
        "table has more than {} cells ({} columns, {} rows so far); tables are limited to {} cells",
        grouped(MAX_TABLE_CELLS),
        grouped(table.columns),
        grouped(table.rows),
        grouped(MAX_TABLE_CELLS)
    );
    refusal(source, table.line, message, text)
}

fn refusal(source: &Path, line: usize, message: String, text: &str) -> Diagnostic {
    Diagnostic::error(source, line, 1, message)
        .with_code(Code::E007)
        .with_source(text)
        .with_hint("split the table into smaller ones, or move the data into a YAML file")
}

/// `(mark, length)` of a code fence opening or closing on this line (```` ``` ````, `~~~`).
fn fence_of(line: &str) -> Option<(char, usize)> {
    let rest = strip_container(line);
    let mark = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.chars().take_while(|c| *c == mark).count();
    (length >= 3).then_some((mark, length))
}

/// Block quote markers and indentation in front of a line.
fn strip_container(line: &str) -> &str {
    line.trim_start_matches([' ', '\t', '>'])
}

/// The number of columns if the line is a table's delimiter row (`| --- | :-: |`).
fn delimiter_columns(line: &str) -> Option<usize> {
    let row = strip_container(line).trim_end();
    if !row.contains('|') || !row.contains('-') {
        return None;
    }
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut columns = 0;
    for cell in inner.split('|') {
        let dashes = cell.trim().trim_start_matches(':').trim_end_matches(':');
        if dashes.is_empty() || !dashes.bytes().all(|b| b == b'-') {
            return None;
        }
        columns += 1;
    }
    Some(columns)
}

/// `5000` → `5,000`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), Diagnostic> {
        check_markdown(text, Path::new("a.md"))
    }

    #[test]
    fn delimiter_rows_are_recognised() {
        assert_eq!(delimiter_columns("| --- | :-: |"), Some(2));
        assert_eq!(delimiter_columns("---|---"), Some(2));
        assert_eq!(delimiter_columns("> |-|"), Some(1));
        assert_eq!(delimiter_columns("---"), None);
        assert_eq!(delimiter_columns("| a | b |"), None);
    }

    #[test]
    fn wide_tables_are_refused_at_the_delimiter_row() {
        let header = "|a".repeat(101) + "|";
        let text = format!("---\ntitle: A\n---\n{header}\n{}|\n", "|-".repeat(101));
        let d = check(&text).unwrap_err();
        assert_eq!((d.line, d.column), (5, 1));
        assert_eq!(d.message, "table has 101 columns; tables are limited to 100 columns");
        assert!(check(&format!("{}\n{}|\n", "|a".repeat(100) + "|", "|-".repeat(100))).is_ok());
    }

    #[test]
    fn long_tables_are_refused_at_the_header() {
        let text = format!("intro\n\n|a|b|\n|-|-|\n{}", "x\n".repeat(MAX_TABLE_CELLS / 2));
        let d = check(&text).unwrap_err();
        assert_eq!(d.line, 3);
        assert!(d.message.starts_with("table has more than 100,000 cells (2 columns"), "{}", d.message);
    }

    #[test]
    fn tables_in_code_fences_are_not_tables() {
        let wide = format!("{}\n{}|\n", "|a".repeat(200) + "|", "|-".repeat(200));
        assert!(check(&format!("```\n{wide}```\n")).is_ok());
        assert!(check(&format!("~~~~md\n{wide}~~~\n~~~~\n")).is_ok());
        assert!(check(&format!("\n{wide}")).is_err());
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(5), "5");
        assert_eq!(grouped(5000), "5,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
