//! Dates: the ISO dates front matter keeps (checked to be real days), and how they are
//! shown to readers, per language.

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

/// Seconds since 1970-01-01 UTC → the ISO date of that day in UTC (`2026-01-01`).
pub fn from_unix(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm, proleptic Gregorian.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-01-01` → `1 January 2026` (en) or `1 בינואר 2026` (he).
pub fn display(iso: &str, lang: &str) -> Option<String> {
    let year = iso.get(0..4)?;
    let month: usize = iso.get(5..7)?.parse().ok()?;
    let day: u32 = iso.get(8..10)?.parse().ok()?;
    let names = if lang == "he" { &HE } else { &EN };
    Some(format!("{day} {} {year}", names.get(month.checked_sub(1)?)?))
}

/// Why `value` is not a real ISO date, or `None` when it is one.
pub fn problem(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| value.get(r).filter(|d| d.bytes().all(|c| c.is_ascii_digit()));
    let parts = (digits(0..4), digits(5..7), digits(8..10));
    let (Some(year), Some(month), Some(day)) = parts else {
        return Some(format!("`{value}` is not an ISO date (YYYY-MM-DD)"));
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Some(format!("`{value}` is not an ISO date (YYYY-MM-DD)"));
    }
    let (year, month, day): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if !(1..=12).contains(&month) {
        return Some(format!("`{value}` has no month {month}"));
    }
    let last = days_in_month(year, month);
    if !(1..=last).contains(&day) {
        return Some(format!("`{value}` is not a real date: {} {year} has {last} days", EN[month as usize - 1]));
    }
    None
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_to_utc_days() {
        assert_eq!(from_unix(0), "1970-01-01");
        assert_eq!(from_unix(86_399), "1970-01-01");
        assert_eq!(from_unix(951_782_400), "2000-02-29");
        assert_eq!(from_unix(1_767_225_599), "2025-12-31");
        assert_eq!(from_unix(1_767_225_600), "2026-01-01");
        assert_eq!(from_unix(-1), "1969-12-31");
    }

    #[test]
    fn real_dates_only() {
        for ok in ["2026-01-31", "2024-02-29", "2000-02-29", "2026-12-01"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        assert_eq!(
            problem("2026-02-30").as_deref(),
            Some("`2026-02-30` is not a real date: February 2026 has 28 days")
        );
        assert_eq!(
            problem("1900-02-29").as_deref(),
            Some("`1900-02-29` is not a real date: February 1900 has 28 days")
        );
        assert_eq!(problem("2026-04-31").as_deref(), Some("`2026-04-31` is not a real date: April 2026 has 30 days"));
        assert_eq!(problem("2026-13-01").as_deref(), Some("`2026-13-01` has no month 13"));
        for bad in ["01/02/2026", "2026-1-01", "2026-01-01T00:00", "2026-0a-01", "", "２０２６-01-01"] {
            assert!(problem(bad).is_some_and(|p| p.contains("ISO date")), "{bad}");
        }
    }

    #[test]
    fn formats_per_language() {
        assert_eq!(display("2026-01-01", "en").as_deref(), Some("1 January 2026"));
        assert_eq!(display("2026-11-28", "he").as_deref(), Some("28 בנובמבר 2026"));
        assert_eq!(display("2026-13-01", "en"), None);
    }
}
