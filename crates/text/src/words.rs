//! General English vocabulary more than one crate reads: number words, months, weekdays.

/// Cardinal number words from zero to ninety and their values; larger numbers are built
/// from them (`twenty-five`) and from scale words, which each extractor reads its own way.
pub const CARDINALS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// The value of a cardinal number word in lower case (`seventy` → 70).
pub fn cardinal(word: &str) -> Option<f64> {
    static BY_WORD: std::sync::LazyLock<rustc_hash::FxHashMap<&str, f64>> =
        std::sync::LazyLock::new(|| CARDINALS.iter().copied().collect());
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    BY_WORD.get(word).copied()
}

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first (ISO 8601).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1–12) a name or its three-letter abbreviation gives, in any case:
/// `September`, `sep`, `Sept` → 9.
pub fn month(word: &str) -> Option<u8> {
    // Most words are no month: the length and the first letter rule them out at once.
    if !(3..=9).contains(&word.len())
        || !matches!(
            word.as_bytes()[0].to_ascii_lowercase(),
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
    {
        return None;
    }
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word) || (word.len() == 3 && m[..3].eq_ignore_ascii_case(word))
        })
        .map(|i| i as u8 + 1)
}

/// The ISO weekday (Monday 1 – Sunday 7) a full weekday name gives, in any case.
pub fn weekday(word: &str) -> Option<u8> {
    if !(6..=9).contains(&word.len()) {
        return None;
    }
    WEEKDAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u8 + 1)
}

/// `word` in lower case, borrowed when it already is (ASCII without capitals).
///
/// ```
/// use overdue_text::words::lower;
/// assert!(matches!(lower("third"), std::borrow::Cow::Borrowed("third")));
/// assert_eq!(lower("Third"), "third");
/// assert_eq!(lower("ÉTÉ"), "été");
/// ```
pub fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(lowercase(word))
    }
}

/// `word` in lower case, as a new string: ASCII without Unicode's tables (most of news
/// text), anything else with them.
pub fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(cardinal("seventy"), Some(70.0));
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("DEC"), Some(12));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("ma"), None);
        assert_eq!(month("marching"), None);
        assert_eq!(weekday("Sunday"), Some(7));
        assert_eq!(weekday("sun"), None);
    }
}
