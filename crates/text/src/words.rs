//! General English vocabulary more than one extractor reads.

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
    CARDINALS.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}
