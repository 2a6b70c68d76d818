//! Dates shown to readers, per language. Front matter keeps ISO dates.

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const HE: [&str; 12] = [
    "בינואר",
    "בפברואר",
    "במרץ",
    "באפריל",
    "במאי",
    "ביוני",
    "ביולי",
    "באוגוסט",
    "בספטמבר",
    "באוקטובר",
    "בנובמבר",
    "בדצמבר",
];

/// `2026-01-01` → `1 January 2026` (en) or `1 בינואר 2026` (he).
pub fn display(iso: &str, lang: &str) -> Option<String> {
    let year = iso.get(0..4)?;
    let month: usize = iso.get(5..7)?.parse().ok()?;
    let day: u32 = iso.get(8..10)?.parse().ok()?;
    let names = if lang == "he" { &HE } else { &EN };
    Some(format!("{day} {} {year}", names.get(month.checked_sub(1)?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_language() {
        assert_eq!(display("2026-01-01", "en").as_deref(), Some("1 January 2026"));
        assert_eq!(display("2026-11-28", "he").as_deref(), Some("28 בנובמבר 2026"));
        assert_eq!(display("2026-13-01", "en"), None);
    }
}
