//! General English and ISO knowledge the quantity rules use: scales,
//! currencies (ISO 4217 codes of the currencies news writes about most, with their
//! symbols and names), units of measure, bound words, and the plural forms of nouns.

/// Scale words and suffixes: `70 million`, `1.5bn`, `US$3m`.
pub const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mn", 1e6),
    ("mln", 1e6),
    ("bn", 1e9),
    ("bln", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
    ("tln", 1e12),
    ("mil", 1e6),
    ("k", 1e3),
    ("dozen", 12.0),
    ("dozens", 12.0),
    ("doz", 12.0),
    ("dozs", 12.0),
    ("dz", 12.0),
    ("dzs", 12.0),
    // South Asian scales: "13 lakh", "3 lakh crore".
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("crore", 1e7),
    ("crores", 1e7),
];

/// Denominators in words, in the singular (`a fifth`, `three fifths`): the plural is read
/// by its `s` (and `halves`).
pub const DENOMINATORS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("third", 3.0),
    ("quarter", 4.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
    ("hundredth", 1e2),
    ("thousandth", 1e3),
    ("millionth", 1e6),
    ("billionth", 1e9),
    ("trillionth", 1e12),
];

/// Ordinals that end a compound denominator only (`twenty-first`, `twenty-second`).
pub const UNIT_ORDINALS: &[(&str, f64)] = &[("first", 1.0), ("second", 2.0)];

/// Unicode's vulgar fractions.
pub const VULGAR_FRACTIONS: &[(char, f64)] = &[
    ('½', 1.0 / 2.0),
    ('⅓', 1.0 / 3.0),
    ('⅔', 2.0 / 3.0),
    ('¼', 1.0 / 4.0),
    ('¾', 3.0 / 4.0),
    ('⅕', 1.0 / 5.0),
    ('⅖', 2.0 / 5.0),
    ('⅗', 3.0 / 5.0),
    ('⅘', 4.0 / 5.0),
    ('⅙', 1.0 / 6.0),
    ('⅚', 5.0 / 6.0),
    ('⅐', 1.0 / 7.0),
    ('⅛', 1.0 / 8.0),
    ('⅜', 3.0 / 8.0),
    ('⅝', 5.0 / 8.0),
    ('⅞', 7.0 / 8.0),
    ('⅑', 1.0 / 9.0),
    ('⅒', 1.0 / 10.0),
];

/// Suffixes glued to digits that scale them (lower case only: `35M` is a designation).
pub const SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("bn", 1e9),
    ("b", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
    ("mil", 1e6),
    // "US$ 1MM": a million in finance (upper case: `1mm` is a millimetre).
    ("MM", 1e6),
];

/// Currency symbols and prefixes, with their ISO 4217 codes.
pub const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₽", "RUB"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₺", "TRY"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("HK$", "HKD"),
    ("R$", "BRL"),
    ("Rs", "INR"),
    ("CHF", "CHF"),
];

/// Currency names (singular and plural) and ISO codes written after the number.
pub const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("ruble", "RUB"),
    ("rubles", "RUB"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("rupee", "INR"),
    ("rupees", "INR"),
    ("peso", "MXN"),
    ("pesos", "MXN"),
    ("real", "BRL"),
    ("reais", "BRL"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("won", "KRW"),
    ("franc", "CHF"),
    ("francs", "CHF"),
    ("bolívar", "VES"),
    ("bolívares", "VES"),
    ("bolivar", "VES"),
    ("bolivars", "VES"),
    ("bolivares", "VES"),
    ("rand", "ZAR"),
    ("naira", "NGN"),
    ("dinar", "DZD"),
    ("dinars", "DZD"),
    ("riyal", "SAR"),
    ("riyals", "SAR"),
    ("dirham", "AED"),
    ("dirhams", "AED"),
    ("hryvnia", "UAH"),
    ("hryvnias", "UAH"),
    ("zloty", "PLN"),
    ("krona", "SEK"),
    ("kronor", "SEK"),
    ("krone", "NOK"),
    ("kroner", "NOK"),
    ("shekel", "ILS"),
    ("shekels", "ILS"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("RUB", "RUB"),
    ("INR", "INR"),
    ("BRL", "BRL"),
    ("MXN", "MXN"),
    ("VES", "VES"),
    ("CHF", "CHF"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("TRY", "TRY"),
    ("KRW", "KRW"),
];

/// Units of measure: the word as written, and the unit as reported.
pub const MEASURES: &[(&str, &str)] = &[
    ("mm", "mm"),
    ("millimetre", "mm"),
    ("millimetres", "mm"),
    ("millimeter", "mm"),
    ("millimeters", "mm"),
    ("cm", "cm"),
    ("km", "km"),
    ("kilometre", "km"),
    ("kilometres", "km"),
    ("kilometer", "km"),
    ("kilometers", "km"),
    ("metre", "m"),
    ("metres", "m"),
    ("meter", "m"),
    ("meters", "m"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("kg", "kg"),
    ("kilogram", "kg"),
    ("kilograms", "kg"),
    ("tonne", "t"),
    ("tonnes", "t"),
    ("ton", "t"),
    ("tons", "t"),
    ("mw", "MW"),
    ("megawatt", "MW"),
    ("megawatts", "MW"),
    ("gw", "GW"),
    ("gigawatt", "GW"),
    ("gigawatts", "GW"),
    ("kw", "kW"),
    ("mwh", "MWh"),
    ("gwh", "GWh"),
    ("twh", "TWh"),
    ("barrel", "barrel"),
    ("barrels", "barrel"),
    ("bpd", "barrel per day"),
    ("hectare", "ha"),
    ("hectares", "ha"),
    ("acre", "acre"),
    ("acres", "acre"),
    ("litre", "l"),
    ("litres", "l"),
    ("liter", "l"),
    ("liters", "l"),
    ("gallon", "gallon"),
    ("gallons", "gallon"),
    ("caliber", "mm"),
    ("calibre", "mm"),
    ("sq", "sq"),
    ("square", "sq"),
    ("feet", "ft"),
    ("foot", "ft"),
    ("ft", "ft"),
    ("inch", "in"),
    ("inches", "in"),
    ("\"", "in"),
    ("″", "in"),
    ("kb", "KB"),
    ("mb", "MB"),
    ("gb", "GB"),
    ("tb", "TB"),
    ("kilobyte", "KB"),
    ("kilobytes", "KB"),
    ("megabyte", "MB"),
    ("megabytes", "MB"),
    ("gigabyte", "GB"),
    ("gigabytes", "GB"),
    ("terabyte", "TB"),
    ("terabytes", "TB"),
    ("ghz", "GHz"),
    ("mhz", "MHz"),
    ("khz", "kHz"),
    ("mph", "mph"),
    ("kph", "km/h"),
    ("knots", "knot"),
    ("pixels", "pixel"),
    ("mbps", "Mbps"),
    ("gbps", "Gbps"),
];

/// Time units: a count of these is a duration (the time extractor's), or a rate period.
pub const TIME_UNITS: &[(&str, &str)] = &[
    ("second", "PT1S"),
    ("seconds", "PT1S"),
    ("minute", "PT1M"),
    ("minutes", "PT1M"),
    ("hour", "PT1H"),
    ("hours", "PT1H"),
    ("day", "P1D"),
    ("days", "P1D"),
    ("week", "P1W"),
    ("weeks", "P1W"),
    ("month", "P1M"),
    ("months", "P1M"),
    ("quarter", "P3M"),
    ("year", "P1Y"),
    ("years", "P1Y"),
    ("decade", "P10Y"),
    ("decades", "P10Y"),
];

/// Adverbs of rate: `annually`.
pub const RATE_WORDS: &[(&str, &str)] = &[
    ("annually", "P1Y"),
    ("yearly", "P1Y"),
    ("monthly", "P1M"),
    ("weekly", "P1W"),
    ("daily", "P1D"),
    ("hourly", "PT1H"),
];

/// Words before a number that bound it, longest first, and the bound they give.
pub const BOUNDS: &[(&[&str], &str)] = &[
    (&["as", "many", "as"], "up_to"),
    (&["as", "much", "as"], "up_to"),
    (&["no", "more", "than"], "at_most"),
    (&["not", "more", "than"], "at_most"),
    (&["more", "than"], "more_than"),
    (&["fewer", "than"], "less_than"),
    (&["less", "than"], "less_than"),
    (&["at", "least"], "at_least"),
    (&["at", "most"], "at_most"),
    (&["up", "to"], "up_to"),
    (&["an", "estimated"], "approx"),
    (&["over"], "more_than"),
    (&["nearly"], "approx"),
    (&["almost"], "approx"),
    (&["about"], "approx"),
    (&["around"], "approx"),
    (&["approximately"], "approx"),
    (&["roughly"], "approx"),
    (&["some"], "approx"),
    (&["estimated"], "approx"),
    (&["under"], "less_than"),
];

/// Words that end a noun phrase after a number.
pub const NP_STOPS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "a",
    "an",
    "the",
    "per",
    "each",
    "every",
    "that",
    "which",
    "who",
    "than",
    "as",
    "since",
    "until",
    "over",
    "into",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "would",
    "can",
    "could",
    "have",
    "has",
    "had",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "more",
    "less",
    "annually",
    "yearly",
    "daily",
    "monthly",
    "weekly",
    "including",
    "between",
    "among",
    "across",
    "after",
    "before",
    "during",
    "under",
    "against",
    "through",
    "within",
    "not",
    "so",
    "if",
    "when",
    "where",
    "while",
    "about",
    "around",
    "up",
    "down",
    "out",
];

/// Common adjectives that stand before a counted noun and are not part of it.
pub const ADJECTIVES: &[&str] = &[
    "new",
    "old",
    "modern",
    "additional",
    "other",
    "more",
    "key",
    "major",
    "main",
    "large",
    "big",
    "huge",
    "few",
    "several",
    "many",
    "various",
    "different",
    "separate",
    "further",
    "extra",
    "total",
    "full",
    "whole",
    "entire",
    "current",
    "former",
    "future",
    "recent",
    "last",
    "next",
    "first",
    "second",
    "third",
    "remaining",
    "existing",
    "active",
    "young",
    "armed",
    "foreign",
    "local",
    "national",
    "international",
    "domestic",
    "military",
    "civilian",
    "senior",
    "junior",
    "top",
    "high",
    "low",
    "long",
    "short",
    "heavy",
    "light",
    "modernised",
    "modernized",
    "upgraded",
    "advanced",
    "similar",
    "same",
    "such",
    "own",
    "only",
    "just",
    "mostly",
    "fully",
    "very",
    "highly",
    "newly",
    "state-owned",
];

/// Irregular plurals.
pub const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("people", "person"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("mice", "mouse"),
    ("geese", "goose"),
    ("personnel", "personnel"),
    ("police", "police"),
    ("staff", "staff"),
    ("aircraft", "aircraft"),
    ("sheep", "sheep"),
    ("fish", "fish"),
    ("series", "series"),
    ("species", "species"),
    ("equipment", "equipment"),
    ("ammunition", "ammunition"),
    ("data", "data"),
    ("news", "news"),
    ("arms", "arm"),
    ("analyses", "analysis"),
    ("crises", "crisis"),
    ("bases", "base"),
];

/// The singular of a lower-case English noun.
pub fn singular(word: &str) -> String {
    if let Some((_, s)) = IRREGULAR_PLURALS.iter().find(|(p, _)| *p == word) {
        return (*s).to_string();
    }
    let w = word;
    if w.len() > 3 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    for end in ["ches", "shes", "sses", "xes", "zzes"] {
        if w.ends_with(end) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Whether a lower-case word reads as an adjective or participle (not a noun).
pub fn is_adjective(word: &str) -> bool {
    if ADJECTIVES.contains(&word) {
        return true;
    }
    let n = word.len();
    n > 4
        && [
            "ed", "ive", "ous", "ful", "less", "able", "ible", "ern", "ial", "ical", "ary", "ic",
        ]
        .iter()
        .chain(["onal", "ern"].iter())
        .any(|s| word.ends_with(s))
        && ![
            "need", "speed", "seed", "feed", "bed", "shed", "hundred", "steel", "arsenal",
            "capital", "material", "official", "chemical", "vehicle",
        ]
        .iter()
        .any(|x| word.ends_with(x) && word.len() == x.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_singulars_and_adjectives() {
        for (p, s) in [
            ("rifles", "rifle"),
            ("treaties", "treaty"),
            ("lines", "line"),
            ("boxes", "box"),
            ("arms", "arm"),
            ("people", "person"),
            ("bus", "bus"),
            ("class", "class"),
            ("cartridges", "cartridge"),
        ] {
            assert_eq!(singular(p), s);
        }
        assert!(
            is_adjective("modern") && is_adjective("modernized") && is_adjective("operational")
        );
        assert!(!is_adjective("rifle") && !is_adjective("production") && !is_adjective("assembly"));
    }
}
