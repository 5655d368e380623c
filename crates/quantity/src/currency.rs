//! Currencies as news writes them: ISO 4217 codes and English names (from the
//! `iso_currency` crate, a maintained copy of the ISO 4217 table), the names of currencies
//! older news still quotes (guilders, markkas), sub-units (cents, pence), and the symbols
//! only one currency uses. Each name gives a code and a factor to the currency's unit:
//! `cents` is 0.01 US dollar, `MUSD` a million.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use iso_currency::{Currency, IntoEnumIterator};

/// A currency named in the text: its ISO 4217 code and what one of the named unit is
/// worth in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Named {
    /// The ISO 4217 code (`XBT` for bitcoin, which ISO leaves out).
    pub code: &'static str,
    /// The unit named in the currency's unit: 0.01 for cents, 1e6 for `MUSD`.
    pub factor: f64,
}

/// Names news writes that ISO's table does not: other spellings, currencies replaced by
/// the euro, sub-units, bitcoin.
const ALIASES: &[(&str, &str, f64)] = &[
    ("us dollar", "USD", 1.0),
    ("u.s. dollar", "USD", 1.0),
    ("american dollar", "USD", 1.0),
    ("british pound", "GBP", 1.0),
    ("pound sterling", "GBP", 1.0),
    ("pounds sterling", "GBP", 1.0),
    ("chinese yuan", "CNY", 1.0),
    ("rmb", "CNY", 1.0),
    ("kuai", "CNY", 1.0),
    ("cent", "USD", 0.01),
    ("cents", "USD", 0.01),
    ("penny", "GBP", 0.01),
    ("pennies", "GBP", 0.01),
    ("pence", "GBP", 0.01),
    ("guilder", "NLG", 1.0),
    ("dutch guilder", "NLG", 1.0),
    ("markka", "FIM", 1.0),
    ("markkaa", "FIM", 1.0),
    ("finnish markka", "FIM", 1.0),
    ("deutsche mark", "DEM", 1.0),
    ("german mark", "DEM", 1.0),
    ("peseta", "ESP", 1.0),
    ("french franc", "FRF", 1.0),
    ("belgian franc", "BEF", 1.0),
    ("italian lira", "ITL", 1.0),
    ("italian lire", "ITL", 1.0),
    ("escudo", "PTE", 1.0),
    ("drachma", "GRD", 1.0),
    ("bitcoin", "XBT", 1.0),
    ("btc", "XBT", 1.0),
    ("satoshi", "XBT", 1e-8),
];

/// Symbols that name one currency only (`$`, `£` and `¥` are read in `lexicon`).
pub const SYMBOLS: &[(&str, &str)] = &[
    ("₡", "CRC"),
    ("₾", "GEL"),
    ("₭", "LAK"),
    ("₦", "NGN"),
    ("₴", "UAH"),
    ("₸", "KZT"),
    ("₫", "VND"),
    ("₱", "PHP"),
    ("₪", "ILS"),
    ("৳", "BDT"),
    ("₼", "AZN"),
    ("元", "CNY"),
    ("₿", "XBT"),
];

/// Every name, lower case, words joined by one space, with its plural.
static NAMES: LazyLock<HashMap<String, Named>> = LazyLock::new(|| {
    let mut names = HashMap::default();
    let mut add = |name: &str, code: &'static str, factor: f64| {
        let name = name.to_lowercase();
        let named = Named { code, factor };
        if !name.ends_with('s') {
            names.entry(format!("{name}s")).or_insert(named);
        }
        names.entry(name).or_insert(named);
    };
    for c in Currency::iter() {
        let name = c.name().to_lowercase();
        // "Renminbi (Chinese) yuan": "renminbi yuan" and "chinese yuan".
        match (name.find(" ("), name.find(") ")) {
            (Some(a), Some(b)) if a < b => {
                add(&format!("{}{}", &name[..a], &name[b + 1..]), c.code(), 1.0);
                add(
                    &format!("{}{}", &name[a + 2..b], &name[b + 1..]),
                    c.code(),
                    1.0,
                );
            }
            _ => add(&name, c.code(), 1.0),
        }
    }
    for &(name, code, factor) in ALIASES {
        add(name, code, factor);
    }
    names
});

/// An ISO 4217 code as written in upper case (`USD`), or with `M` for millions (`MUSD`).
pub fn code(w: &str) -> Option<Named> {
    if w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()) {
        return Currency::from_code(w).map(|c| Named {
            code: c.code(),
            factor: 1.0,
        });
    }
    if w.len() == 4 && w.starts_with('M') {
        return code(&w[1..]).map(|n| Named { factor: 1e6, ..n });
    }
    if matches!(w, "BTC" | "XBT") {
        return Some(Named {
            code: "XBT",
            factor: 1.0,
        });
    }
    None
}

/// The currency named by the words from `words[0]` on (at most three of them), and how
/// many words its name has: `australian dollars`, `swiss francs`, `us dollar`, `cents`.
pub fn name(words: &[&str]) -> Option<(Named, usize)> {
    for n in (1..=words.len().min(3)).rev() {
        let key = words[..n].join(" ").to_lowercase();
        if let Some(named) = NAMES.get(&key) {
            return Some((*named, n));
        }
    }
    None
}

/// The currency a symbol names, if only one uses it.
pub fn symbol(w: &str) -> Option<&'static str> {
    SYMBOLS.iter().find(|(s, _)| *s == w).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_symbols() {
        let code_of = |ws: &[&str]| name(ws).map(|(n, k)| (n.code, n.factor, k));
        assert_eq!(
            code_of(&["australian", "dollars", "of"]),
            Some(("AUD", 1.0, 2))
        );
        assert_eq!(code_of(&["Swiss", "francs"]), Some(("CHF", 1.0, 2)));
        assert_eq!(code_of(&["turkish", "lira"]), Some(("TRY", 1.0, 2)));
        assert_eq!(code_of(&["chinese", "yuan"]), Some(("CNY", 1.0, 2)));
        assert_eq!(code_of(&["us", "dollars"]), Some(("USD", 1.0, 2)));
        assert_eq!(code_of(&["cents"]), Some(("USD", 0.01, 1)));
        assert_eq!(code_of(&["dutch", "guilders"]), Some(("NLG", 1.0, 2)));
        assert_eq!(code_of(&["people"]), None);
        assert_eq!(code_of(&["chinese", "people"]), None);
        assert_eq!(code_of(&["renminbi", "yuan"]), Some(("CNY", 1.0, 2)));
        assert_eq!(code("USD").map(|n| n.code), Some("USD"));
        assert_eq!(code("MEUR").map(|n| (n.code, n.factor)), Some(("EUR", 1e6)));
        assert_eq!(code("usd"), None);
        assert_eq!(code("THE"), None);
        assert_eq!(symbol("₡"), Some("CRC"));
    }
}
