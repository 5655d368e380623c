//! Entities: mentions of people, organisations, places, facilities and products, the
//! roles people are given, and one identity for the same one within a document and
//! across documents.
//!
//! Mentions are runs of capitalised words (with the particles of names: `de`, `van`,
//! `bin`), cut where a title ends (`Defense Minister | Vladimir Padrino Lopez`) and where a
//! possessive or a lower-case word does. Their type comes from the gazetteers in `data/`
//! (countries, cities), organisation suffixes and prefixes, facility nouns, the shape of
//! designations (`AK-103`), given names, titles before a name, and the words around a
//! lone name (`CEO of Rostec`, `told Interfax`). A sentence-initial word that the document
//! also writes in lower case is not a name.
//!
//! Within a document a surname alone takes the identity of the full name that has it.
//! Across documents [`Registry`] gives one `id` to the same person (same surname, or one
//! letter apart in a long one; compatible given names), organisation (same name without
//! its legal suffix, or one letter apart) or place, and keeps people with different given
//! names apart, and people apart from organisations.

mod lists;
mod registry;

pub use lists::fold;
pub use registry::Registry;

use std::sync::LazyLock;

use overdue_text::{Document, Segmentation, Span, Token, TokenKind};
use serde::{Deserialize, Serialize};

use crate::lists::*;

/// One entity mention as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Where it is.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// `PERSON`, `ORG`, `GPE`, `LOC`, `FAC`, `PRODUCT` or `EVENT`.
    #[serde(rename = "type", deserialize_with = "overdue_text::interned::str")]
    pub kind: overdue_text::interned::Name,
    /// The identity: within the document until a [`Registry`] makes it global.
    pub id: String,
    /// The fullest well-formed name of that identity.
    pub name: String,
    /// The role the text gives with the mention, if any: `Defense Minister Vladimir
    /// Padrino Lopez`, `Sergei Chemezov, head of Rostec`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<Role>,
}

/// A role: a title and, where the text says, the organisation it is held in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The title, lower case: `defense minister`, `ceo`, `head`.
    pub title: String,
    /// The organisation or country, as written: `Rostec`, `Venezuela`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub org: Option<String>,
}

struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
    seg: &'a Segmentation,
}

impl<'a> Sent<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.span])
    }
    fn lower(&self, i: usize) -> std::borrow::Cow<'a, str> {
        self.toks
            .get(i)
            .map_or(std::borrow::Cow::Borrowed(""), |t| self.seg.lower(t.span))
    }
    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && {
                let w = &self.text[t.span];
                match w.as_bytes().first() {
                    Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                    _ => w.chars().next().is_some_and(char::is_uppercase),
                }
            }
        })
    }
    /// Whether token `i`, lower-cased, is in `set` (one lookup, for the long lists).
    fn in_set(&self, i: usize, set: &WordSet) -> bool {
        set.contains(self.lower(i).as_ref())
    }
    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        // The lists are ASCII: compare without allocating.
        let w = self.w(i);
        words.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
}

/// Long word lists as sets, looked up once per token.
type WordSet = rustc_hash::FxHashSet<&'static str>;
fn set_of(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}
static COMMON_CAPITALISED_SET: LazyLock<WordSet> = LazyLock::new(|| set_of(COMMON_CAPITALISED));
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| set_of(TITLE_WORDS));
static CONNECTOR_SET: LazyLock<WordSet> = LazyLock::new(|| set_of(CONNECTORS));
static PERSON_TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| set_of(PERSON_TITLES));

/// Titles that refer to a person named elsewhere in the document: "the minister".
const PERSON_TITLES: &[&str] = &[
    "minister",
    "president",
    "ceo",
    "chairman",
    "chairwoman",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "director",
    "premier",
    "chancellor",
    "senator",
    "ambassador",
];

/// Month names (and their abbreviations) and weekday names: capitalised but never
/// entities.
fn date_name(lower: &str) -> bool {
    let w = lower.trim_end_matches('.');
    overdue_text::words::month(w).is_some() || overdue_text::words::weekday(w).is_some()
}

/// Capitalised words that are never names: months, weekdays, and compound adjectives
/// (`Chicago-based`, `state-owned`).
fn not_a_name(lower: &str) -> bool {
    (lower.as_bytes().contains(&b'-')
        && [
            "-based", "-born", "-owned", "-led", "-backed", "-made", "-era", "-style", "-run",
        ]
        .iter()
        .any(|x| lower.ends_with(x)))
        || date_name(lower)
}

/// A mention before identities: tokens, type, role.
struct Raw {
    start: usize,
    end: usize,
    kind: &'static str,
    role: Option<Role>,
}

fn is_designation(w: &str) -> bool {
    // Starts with a letter (so has one) and holds a digit.
    w.chars().next().is_some_and(char::is_alphabetic) && w.bytes().any(|b| b.is_ascii_digit())
}

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// The mentions of one sentence.
fn mentions(s: &Sent<'_>, written_lower: &dyn Fn(&str) -> bool, out: &mut Vec<Raw>) {
    let n = s.toks.len();
    let mut pending_title: Option<(String, String, usize)> = None;
    let mut i = 0;
    while i < n {
        // A product named by its maker and a model number: "Boeing 737 MAX", "Boeing
        // 777X", "iPhone 4".
        if (s.cap(i) || s.w(i).chars().skip(1).any(char::is_uppercase))
            && s.toks
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
            && !s.in_set(i, &COMMON_CAPITALISED_SET)
            && !date_name(&s.lower(i))
            && !COUNTRIES.contains(&fold(s.w(i)))
            && {
                let num = s.w(i + 1);
                let digits = num.chars().take_while(char::is_ascii_digit).count();
                let year = digits == 4
                    && num.len() == 4
                    && num.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
                !year && !num.contains(',') && digits <= 4
            }
        {
            let mut end = i + 2;
            while end < n && is_acronym(s.w(end)) && s.w(end).len() <= 4 {
                end += 1;
            }
            out.push(Raw {
                start: i,
                end,
                kind: "PRODUCT",
                role: None,
            });
            i = end;
            continue;
        }
        // Products and designations: AK-103, Su-30MK2, and brand names written in camel
        // case after a lower-case letter: iPod, eBook.
        let w = s.w(i);
        let camel = w.len() >= 3
            && w.chars().next().is_some_and(char::is_lowercase)
            && w.chars().nth(1).is_some_and(char::is_uppercase);
        if s.toks[i].kind == TokenKind::Word
            && (camel || is_designation(w) && w.chars().next().is_some_and(char::is_uppercase))
        {
            out.push(Raw {
                start: i,
                end: i + 1,
                kind: "PRODUCT",
                role: None,
            });
            i += 1;
            continue;
        }
        // Not names: months and weekdays, and compound adjectives ("Chicago-based").
        let not_name = not_a_name(&s.lower(i));
        // A person by title alone: "the minister", "the company's CEO".
        if s.is_any(i, &["the"])
            && i + 1 < n
            && !s.cap(i + 1)
            && s.in_set(i + 1, &PERSON_TITLE_SET)
            && !s.is_any(i + 2, &["of", "for"])
            && !s.cap(i + 2)
        {
            out.push(Raw {
                start: i + 1,
                end: i + 2,
                kind: "TITLE",
                role: None,
            });
            i += 2;
            continue;
        }
        if !s.cap(i) || not_name {
            i += 1;
            continue;
        }
        // A run of capitalised words and the particles between them.
        let start = i;
        let mut end = i + 1;
        loop {
            // In a headline in title case a verb ends the name: "Elon Musk Says Tesla Cars
            // Will Be …".
            if end < n
                && s.cap(end)
                && !is_designation(s.w(end))
                && !not_a_name(&s.lower(end))
                && !HEADLINE_VERBS.contains(&s.lower(end).as_ref())
            {
                end += 1;
                continue;
            }
            // A particle, then a capitalised word.
            let mut k = end;
            while k < n && s.in_set(k, &CONNECTOR_SET) && !s.cap(k) && k - end < 2 {
                k += 1;
            }
            if k > end && k < n && s.cap(k) && !s.is_any(end, &["and", "&"])
                || (k > end && s.is_any(end, &["&"]) && s.cap(k))
            {
                end = k + 1;
                continue;
            }
            break;
        }
        // A sentence-initial common word is not part of a name ("Construction of …").
        let mut a = start;
        while a < end
            && !is_dateline(s, start, end)
            && (a == 0 || s.w(a - 1) == "\"" || s.w(a - 1) == "“")
            && {
                let l = s.lower(a);
                COMMON_CAPITALISED_SET.contains(l.as_ref()) || written_lower(&l)
            }
        {
            a += 1;
        }
        // Titles: everything up to the last title word is the role.
        let mut b = a;
        let mut role = None;
        // "Office of Inspector General", "Ministry of Defence": an institution named
        // by its office, whatever titles its name holds.
        let institution = a + 2 < end
            && ORG_PREFIXES.contains(&s.lower(a).as_ref())
            && s.is_any(a + 1, &["of"])
            // "UN General Assembly", "General Motors": a title word right before the
            // noun of an organisation names no person.
            || end >= a + 2
                && s.in_set(end - 2, &TITLE_SET)
                && ORG_SUFFIXES.contains(&s.lower(end - 1).as_ref());
        if let Some(t) = (a..end)
            .rev()
            .find(|&k| s.in_set(k, &TITLE_SET))
            .filter(|_| !institution)
        {
            if t + 1 < end && !s.is_any(t + 1, &["of", "for"]) {
                role = Some(Role {
                    title: s.text[s.toks[a].span.cover(s.toks[t].span)].to_lowercase(),
                    org: None,
                });
                b = t + 1;
            } else if s.is_any(t + 1, &["of"])
                && t + 2 < end
                && !ORG_PREFIXES.contains(&s.lower(a).as_ref())
            {
                // "General Director of Kalashnikov": the organisation (or the country:
                // "President of Venezuela") after the title. After "for" comes a
                // portfolio: "Vice-President for Economics and Finance".
                let kind = classify(s, t + 2, end, false)
                    .filter(|k| *k == "GPE")
                    .unwrap_or("ORG");
                out.push(Raw {
                    start: t + 2,
                    end,
                    kind,
                    role: None,
                });
                // "… of Kalashnikov, Vladimir Lepin": the title goes to the name after.
                pending_title = Some((
                    s.text[s.toks[a].span.cover(s.toks[t].span)].to_lowercase(),
                    s.text[s.toks[t + 2].span.cover(s.toks[end - 1].span)].to_string(),
                    end,
                ));
                i = end;
                continue;
            } else {
                i = end;
                continue;
            }
        }
        // Trailing particles belong to nothing.
        let mut e = end;
        while e > b && s.in_set(e - 1, &CONNECTOR_SET) {
            e -= 1;
        }
        // A demonym that opens a longer name names its country: "Venezuelan | Kalashnikov
        // Plant".
        if e - b >= 2 {
            let first = s.w(b);
            if demonym_country(first).is_some() && !COUNTRIES.contains(&fold(first)) {
                out.push(Raw {
                    start: b,
                    end: b + 1,
                    kind: "GPE",
                    role: None,
                });
                b += 1;
            }
        }
        // "Minister of Energy and Natural Resources Alparslan Bayraktar": the portfolio
        // goes on after "and"; the name is its last words (from a given name, if one is
        // known, else the last two).
        if let Some((title, org, at)) = pending_title.clone()
            && b == at + 1
            && s.is_any(at, &["and", "&"])
            && e >= b + 3
        {
            let name_at = (b + 1..e - 1)
                .find(|&j| GIVEN_NAMES.contains(&fold(s.w(j))))
                .unwrap_or(e - 2);
            if let Some(o) = out.iter_mut().rev().find(|r| r.end == at) {
                o.end = name_at;
            }
            let portfolio = &s.text[s.toks[b].span.cover(s.toks[name_at - 1].span)];
            role = Some(Role {
                title,
                org: Some(format!("{org} and {portfolio}")),
            });
            pending_title = None;
            b = name_at;
        }
        // A title in lower case before the name ("Rostec executive Oleg Yevtushenko",
        // "defence minister Vladmir Lopez"), or a title-of-organisation apposition before it.
        if role.is_none() && b > 0 {
            let mut t0 = b;
            while t0 > 0
                && s.toks[t0 - 1].kind == TokenKind::Word
                && !s.cap(t0 - 1)
                && s.in_set(t0 - 1, &TITLE_SET)
            {
                t0 -= 1;
            }
            if t0 < b {
                // The portfolio before the title: "defence minister".
                while t0 > 0
                    && b - t0 < 4
                    && s.toks[t0 - 1].kind == TokenKind::Word
                    && !s.cap(t0 - 1)
                    && !COMMON_CAPITALISED_SET.contains(s.lower(t0 - 1).as_ref())
                {
                    t0 -= 1;
                }
                let org = (t0 > 0 && s.cap(t0 - 1)).then(|| s.w(t0 - 1).to_string());
                role = Some(Role {
                    title: s.text[s.toks[t0].span.cover(s.toks[b - 1].span)].to_lowercase(),
                    org,
                });
            } else if let Some((title, org, at)) = pending_title.take()
                && b == at + 1
                && s.w(at) == ","
            {
                role = Some(Role {
                    title,
                    org: Some(org),
                });
            }
        }
        // An apposition after the name: "Sergei Chemezov, head of Rostec,"; "Konstantin
        // Busygin, who heads the Izhmash factory".
        if role.is_none() && s.w(e) == "," {
            let k = e + 1;
            if s.is_any(k, &["who"]) && s.is_any(k + 1, &["heads", "leads", "runs", "chairs"]) {
                let at = k + 2 + usize::from(s.is_any(k + 2, &["the"]));
                if s.cap(at) {
                    role = Some(Role {
                        title: "head".into(),
                        org: Some(s.w(at).to_string()),
                    });
                }
            } else if let Some(of) = (k..(k + 5).min(n)).find(|&j| s.is_any(j, &["of", "at"])) {
                let title_ok = (k..of).all(|j| !s.cap(j) || s.in_set(j, &TITLE_SET))
                    && (k..of).any(|j| s.in_set(j, &TITLE_SET));
                if of > k && title_ok && s.cap(of + 1) {
                    let mut oe = of + 1;
                    while oe < n && (s.cap(oe) || s.in_set(oe, &CONNECTOR_SET) && s.cap(oe + 1)) {
                        oe += 1;
                    }
                    role = Some(Role {
                        title: s.text[s.toks[k].span.cover(s.toks[of - 1].span)].to_lowercase(),
                        org: Some(
                            s.text[s.toks[of + 1].span.cover(s.toks[oe - 1].span)].to_string(),
                        ),
                    });
                }
            }
        }
        if b < e {
            match classify(s, b, e, role.is_some()) {
                Some(kind) => out.push(Raw {
                    start: b,
                    end: e,
                    kind,
                    // Only people hold roles ("a major Russian customer" is no major).
                    role: role.filter(|_| kind == "PERSON"),
                }),
                // A lone capitalised word: decided once the document's people are known.
                None if e - b == 1 => out.push(Raw {
                    start: b,
                    end: e,
                    kind: "?",
                    role: None,
                }),
                None => {}
            }
        }
        i = end.max(i + 1);
    }
}

/// A dateline: an upper-case place opening a line before a comma or a dash
/// ("PORT ALDWIN, March 14 —").
fn is_dateline(s: &Sent<'_>, b: usize, e: usize) -> bool {
    let Some(first) = s.toks.get(b) else {
        return false;
    };
    let line_start = s.text[..first.span.start()]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    s.text[line_start..first.span.start()].trim().is_empty()
        && (b..e).all(|k| s.w(k).chars().all(|c| !c.is_lowercase()))
        && [",", "—", "–"].contains(&s.w(e))
        && s.text[first.span.start()..s.toks[e - 1].span.end()].len() > 3
}

/// The type of the mention `b..e`, or none when the evidence is too weak.
/// Verbs that, capitalised inside a run of capitalised words, end the name before them
/// (headlines in title case). A run may still start with one ("Will Smith").
const HEADLINE_VERBS: &[&str] = &[
    "says",
    "said",
    "tells",
    "told",
    "announces",
    "announced",
    "confirms",
    "will",
    "would",
    "to",
    "is",
    "are",
    "was",
    "were",
    "be",
    "has",
    "have",
    "had",
    "plans",
    "aims",
    "expects",
    "wants",
    "warns",
    "vows",
    "delays",
    "opens",
    "starts",
    "begins",
];

fn classify(s: &Sent<'_>, b: usize, e: usize, titled: bool) -> Option<&'static str> {
    let text = s.text[s.toks[b].span.cover(s.toks[e - 1].span)].to_string();
    let folded = fold(&text);
    let first = s.lower(b);
    let last = s.lower(e - 1);
    let words = e - b;
    if LOCATIONS.contains(&folded.as_str()) {
        return Some("LOC");
    }
    if COUNTRIES.contains(&folded)
        || CITIES.contains(&folded)
        || words == 1 && demonym_country(&text).is_some()
    {
        return Some("GPE");
    }
    // A title or an occupation right before, in lower case: "defence minister Vladmir
    // Lopez", "designer Mikhail Kalashnikov".
    let before_word = if b > 0 {
        s.lower(b - 1)
    } else {
        std::borrow::Cow::Borrowed("")
    };
    let role_before =
        TITLE_SET.contains(before_word.as_ref()) || ROLE_NOUNS.contains(&before_word.as_ref());
    // "Marrow & Lindqvist": an ampersand joins the names of a firm.
    if (b..e).any(|k| s.w(k) == "&") {
        return Some("ORG");
    }
    if is_dateline(s, b, e) {
        return Some("GPE");
    }
    if titled || role_before && (2..=4).contains(&words) {
        return Some("PERSON");
    }
    if words >= 2 && ORG_SUFFIXES.contains(&last.as_ref())
        || words >= 3 && ORG_PREFIXES.contains(&first.as_ref())
    {
        return Some("ORG");
    }
    if words >= 2 && FACILITY_NOUNS.contains(&last.as_ref()) {
        return Some("FAC");
    }
    if words == 1 && is_acronym(s.w(b)) {
        let bare = folded.replace('.', "");
        return Some(
            if COUNTRIES.contains(&folded) || COUNTRIES.contains(&bare) {
                "GPE"
            } else {
                "ORG"
            },
        );
    }
    if GIVEN_NAMES.contains(&fold(s.w(b))) && (2..=4).contains(&words) {
        return Some("PERSON");
    }
    // The words around a name: "X, head of", "X said", "CEO of X", "told X".
    let after = s.lower(e);
    let after2 = s.lower(e + 1);
    let before = if b > 0 {
        s.lower(b - 1)
    } else {
        std::borrow::Cow::Borrowed("")
    };
    let before2 = if b > 1 {
        s.lower(b - 2)
    } else {
        std::borrow::Cow::Borrowed("")
    };
    const SAYING: &[&str] = &[
        "said",
        "says",
        "told",
        "added",
        "stated",
        "explained",
        "noted",
        "argued",
        "warned",
        "announced",
        "confirmed",
    ];
    let person_after = after == ","
        && (TITLE_SET.contains(after2.as_ref())
            || after2 == "who"
            || after2 == "the"
            || SAYING.contains(&after2.as_ref()))
        || SAYING.contains(&after.as_ref());
    // An apposition after a title: "Vice-President for Economics and Finance, Castro
    // Soteldo, told …".
    let after_title =
        before == "," && b >= 2 && (b.saturating_sub(7)..b - 1).any(|k| s.in_set(k, &TITLE_SET));
    if (2..=4).contains(&words) && (person_after || after_title) {
        return Some("PERSON");
    }
    let org_before = ["of", "at", "by", "from", "with"].contains(&before.as_ref())
        && (TITLE_SET.contains(before2.as_ref())
            || ["part", "member", "owner", "subsidiary", "unit"].contains(&before2.as_ref()))
        || ["told", "according"].contains(&before.as_ref()) && words <= 2
        || before == "to" && before2 == "according";
    let org_after = after == "," && ["a", "an", "the"].contains(&after2.as_ref()) && {
        // "Rostec, a Russian state-owned technology company"
        (e + 2..(e + 9).min(s.toks.len())).any(|k| {
            ORG_SUFFIXES.contains(&s.lower(k).as_ref())
                || [
                    "company",
                    "firm",
                    "corporation",
                    "agency",
                    "maker",
                    "manufacturer",
                    "group",
                    "bank",
                    "producer",
                    "exporter",
                    "operator",
                    "developer",
                    "contractor",
                    "supplier",
                ]
                .contains(&s.lower(k).as_ref())
        })
    } || [
        "reported",
        "reports",
        "executive",
        "executives",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ceo",
        "chief",
    ]
    .contains(&after.as_ref())
        || ["company", "corporation", "firm", "agency", "group"].contains(&before.as_ref())
        || before == ","
            && ORG_NOUNS.contains(&before2.as_ref())
            && [",", ".", ""].contains(&after.as_ref())
        || words <= 2
            && ORG_NOUNS.contains(&after.as_ref())
            && !FACILITY_NOUNS.contains(&after.as_ref())
        || words == 1 && ["factory", "plant"].contains(&after.as_ref());
    if org_before || org_after {
        return Some("ORG");
    }
    if (2..=3).contains(&words) && e - b == words && (b == 0 || !s.cap(b - 1)) {
        // Two or three capitalised words with no other evidence: a person if it reads
        // like one (each word a single capitalised word of letters).
        let namelike = (b..e).all(|k| {
            let w = s.w(k);
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .skip(1)
                    .all(|c| c.is_lowercase() || c == '-' || c == '\'')
        });
        // … or is the subject of a verb in the past ("Recep Tayyip Erdogan highlighted").
        let verb_after = after.len() > 4
            && after.ends_with("ed")
            && s.toks
                .get(e)
                .is_some_and(|t| !s.text[t.span].starts_with(char::is_uppercase));
        if namelike && (person_after || verb_after && words >= 2) {
            return Some("PERSON");
        }
    }
    None
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds the entity mentions of a segmented document, with identities within it (ids
/// `L0`, `L1`, … until a [`Registry`] makes them global).
pub fn extract(doc: &Document, seg: &Segmentation) -> Vec<Entity> {
    let text = doc.text.as_str();
    // Words the document writes in lower case: a capitalised one at a sentence start is
    // then an ordinary word.
    // Looked up only for sentence-initial words, so searched in the text when asked.
    let written_lower = |word: &str| -> bool {
        let (hay, needle) = (text.as_bytes(), word.as_bytes());
        let finder = memchr::memmem::Finder::new(needle);
        finder.find_iter(hay).any(|k| {
            let before = text[..k].chars().next_back();
            let after = text[k + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let mut found: Vec<(Span, &'static str, Option<Role>, usize)> = Vec::new();
    for (si, sentence) in seg.sentences.iter().enumerate() {
        if doc.in_boilerplate(sentence.span) {
            continue;
        }
        let s = Sent {
            text,
            toks: seg.sentence_tokens(si),
            seg,
        };
        let mut raws = Vec::new();
        mentions(&s, &written_lower, &mut raws);
        for r in raws {
            let span = s.toks[r.start].span.cover(s.toks[r.end - 1].span);
            found.push((span, r.kind, r.role, si));
        }
    }
    // A lone word that is the surname of a person of the document is that person; one
    // that the document types elsewhere has that type; one that recurs is an
    // organisation or a brand (news capitalises few other words more than once).
    let surnames: rustc_hash::FxHashSet<String> = found
        .iter()
        .filter(|f| f.1 == "PERSON" && text[f.0].split_whitespace().count() >= 2)
        .filter_map(|f| text[f.0].split_whitespace().last().map(fold))
        .collect();
    let mut known: rustc_hash::FxHashMap<String, &'static str> = Default::default();
    let mut count: rustc_hash::FxHashMap<String, usize> = Default::default();
    for f in &found {
        let key = fold(&text[f.0]);
        if f.1 == "?" {
            *count.entry(key).or_default() += 1;
        } else if f.1 != "PERSON" {
            known.entry(key).or_insert(f.1);
        }
    }
    for f in found.iter_mut() {
        if f.1 != "?" {
            continue;
        }
        let key = fold(&text[f.0]);
        f.1 = if let Some(k) = known.get(&key) {
            k
        } else if surnames.contains(&key) {
            "PERSON"
        } else if count.get(&key).is_some_and(|&c| c >= 2)
            && !COMMON_CAPITALISED_SET.contains(key.as_str())
        {
            "ORG"
        } else {
            "?"
        };
    }
    found.retain(|f| f.1 != "?");
    // A title alone is the last person the document gave that title, else the last
    // person it named; with no one before it, it is no mention.
    let mut resolved: Vec<(Span, &'static str, Option<Role>, usize)> =
        Vec::with_capacity(found.len());
    let mut title_of: Vec<Option<usize>> = Vec::with_capacity(found.len());
    for f in found.into_iter() {
        if f.1 == "TITLE" {
            let title = fold(&text[f.0]);
            let person = resolved
                .iter()
                .rposition(|p| {
                    p.1 == "PERSON" && p.2.as_ref().is_some_and(|r| r.title.contains(&title))
                })
                .or_else(|| resolved.iter().rposition(|p| p.1 == "PERSON"));
            if let Some(p) = person {
                title_of.push(Some(p));
                resolved.push((f.0, "PERSON", None, f.3));
            }
            continue;
        }
        title_of.push(None);
        resolved.push(f);
    }
    let found = resolved;
    identities(text, found, &title_of)
}

/// Within a document: a person's surname alone, or a shorter form of the name, takes the
/// identity of the full name; an organisation and its acronym in parentheses are one.
fn identities(
    text: &str,
    found: Vec<(Span, &'static str, Option<Role>, usize)>,
    linked: &[Option<usize>],
) -> Vec<Entity> {
    let mut ids: Vec<usize> = (0..found.len())
        .map(|i| linked.get(i).copied().flatten().unwrap_or(i))
        .collect();
    // A demonym stands for its country: "Venezuelan" is Venezuela.
    let canon = |sp: Span| -> String {
        demonym_country(&text[sp])
            .filter(|_| !COUNTRIES.contains(&fold(&text[sp])))
            .unwrap_or_else(|| fold(&text[sp]))
    };
    // Each mention's words, folded once (the pairs below compare them many times).
    let all_tokens: Vec<Vec<String>> = found
        .iter()
        .map(|(sp, ..)| canon(*sp).split_whitespace().map(str::to_string).collect())
        .collect();
    let mut names: Vec<String> = found
        .iter()
        .map(|(sp, kind, ..)| match demonym_country(&text[*sp]) {
            Some(country) if *kind == "GPE" && !COUNTRIES.contains(&fold(&text[*sp])) => {
                title_case(&country)
            }
            _ => text[*sp].to_string(),
        })
        .collect();
    for i in 0..found.len() {
        if ids[i] != i {
            continue; // a title already linked to its person
        }
        let kind = &found[i].1;
        let ti = &all_tokens[i];
        for j in 0..found.len() {
            if i == j || ids[j] != j {
                continue;
            }
            let kind2 = &found[j].1;
            let tj = &all_tokens[j];
            let same = match (*kind, *kind2) {
                ("PERSON", "PERSON") => {
                    // "Lopez" → "Vladimir Padrino Lopez"; "Evtushenko" → "Oleg Evtushenko".
                    ti == tj
                        || ti.len() < tj.len()
                            && ti.last() == tj.last()
                            && (ti.len() == 1 || ti.first() == tj.first())
                }
                (k1, k2) if k1 == k2 => ti == tj,
                _ => false,
            };
            if same && (j < i || ti.len() < tj.len()) {
                ids[i] = j;
                break;
            }
        }
    }
    // Acronym in parentheses right after a long name: "… Militares (CAVIM)".
    for i in 1..found.len() {
        let (sp, kind, ..) = &found[i];
        let (prev, pkind, ..) = &found[i - 1];
        if *kind == "ORG"
            && is_acronym(&text[*sp])
            && text[prev.end()..sp.start()].trim() == "("
            && (*pkind == "ORG" || text[*prev].split_whitespace().count() >= 3)
        {
            ids[i] = ids[i - 1];
        }
    }
    // A lone surname with no full name in the document but a person elsewhere stays
    // as it is; give every identity the fullest name among its mentions.
    for i in 0..found.len() {
        let mut root = ids[i];
        while ids[root] != root {
            root = ids[root];
        }
        ids[i] = root;
    }
    for i in 0..found.len() {
        let root = ids[i];
        let candidate = &text[found[i].0];
        let demonym = found[i].1 == "GPE"
            && demonym_country(candidate).is_some()
            && !COUNTRIES.contains(&fold(candidate));
        if !demonym
            && candidate.split_whitespace().count() > names[root].split_whitespace().count()
            && !is_acronym(candidate)
        {
            names[root] = candidate.to_string();
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(i, (span, kind, role, _))| {
            let root = ids[i];
            Entity {
                span,
                text: text[span].to_string(),
                kind,
                id: format!("L{root}"),
                name: names[root].clone(),
                role,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use overdue_text::segment;

    fn ents(text: &str) -> Vec<(String, &'static str, String, Option<Role>)> {
        let doc = Document::new("t", text);
        extract(&doc, &segment(&doc.text))
            .into_iter()
            .map(|e| (e.text, e.kind, e.id, e.role))
            .collect()
    }

    #[test]
    fn a_portfolio_that_goes_on_after_and_is_not_part_of_the_name() {
        let e = ents(
            "The unit is 95% complete, the country's Minister of Energy and Natural Resources Alparslan Bayraktar said.",
        );
        let p = e.iter().find(|x| x.1 == "PERSON").unwrap();
        assert_eq!(p.0, "Alparslan Bayraktar", "{e:?}");
        assert_eq!(
            p.3.as_ref().and_then(|r| r.org.as_deref()),
            Some("Energy and Natural Resources")
        );
        assert!(
            e.iter()
                .any(|x| x.0 == "Energy and Natural Resources" && x.1 == "ORG"),
            "{e:?}"
        );
        // From a known given name on.
        let e = ents("Minister of Trade and Industry John Paul Smith spoke.");
        assert!(
            e.iter()
                .any(|x| x.0 == "John Paul Smith" && x.1 == "PERSON"),
            "{e:?}"
        );
    }

    #[test]
    fn a_title_before_the_noun_of_an_organisation_names_no_person() {
        let e = ents("He will attend the 76th session of the UN General Assembly in New York.");
        assert!(e.iter().all(|x| x.1 != "PERSON"), "{e:?}");
        let e =
            ents("He bought shares of General Motors. The Office of Inspector General said so.");
        assert!(
            e.iter().any(|x| x.0 == "General Motors" && x.1 == "ORG"),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|x| x.0 == "Office of Inspector General" && x.1 == "ORG"),
            "{e:?}"
        );
        // A title before a name still gives the person.
        let e = ents("Gen. Luis Ortiz said the base will open.");
        assert!(
            e.iter().any(|x| x.0 == "Luis Ortiz" && x.1 == "PERSON"),
            "{e:?}"
        );
    }

    #[test]
    fn entity_titles_roles_and_surnames() {
        let e = ents(
            "Defense Minister Vladimir Padrino Lopez visited the plant. Lopez said it was ready.",
        );
        assert_eq!(e[0].0, "Vladimir Padrino Lopez");
        assert_eq!(e[0].1, "PERSON");
        assert_eq!(
            e[0].3.as_ref().map(|r| r.title.as_str()),
            Some("defense minister")
        );
        assert_eq!((e[1].0.as_str(), e[1].1), ("Lopez", "PERSON"));
        assert_eq!(e[1].2, e[0].2);
    }

    #[test]
    fn entity_places_organisations_products() {
        let e = ents(
            "The company, based in Caracas, works with the Kalashnikov Group and the Ministry of Defence on the AK-103, Venezuelan officials said.",
        );
        let kinds: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert!(kinds.contains(&("Caracas", "GPE")), "{kinds:?}");
        assert!(kinds.contains(&("Kalashnikov Group", "ORG")), "{kinds:?}");
        assert!(kinds.contains(&("Ministry of Defence", "ORG")), "{kinds:?}");
        assert!(kinds.contains(&("AK-103", "PRODUCT")), "{kinds:?}");
        assert!(kinds.contains(&("Venezuelan", "GPE")), "{kinds:?}");
        let e = ents("Moscow wants influence in Latin America and the Middle East.");
        let kinds: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(
            kinds,
            [
                ("Moscow", "GPE"),
                ("Latin America", "LOC"),
                ("Middle East", "LOC")
            ]
        );
    }

    #[test]
    fn entity_roles_before_and_after_names() {
        let role = |text: &str, name: &str| -> Option<(String, Option<String>)> {
            ents(text)
                .into_iter()
                .find(|e| e.0 == name)
                .and_then(|e| e.3)
                .map(|r| (r.title, r.org))
        };
        assert_eq!(
            role(
                "Sergei Chemezov, head of Rostec, said so.",
                "Sergei Chemezov"
            ),
            Some(("head".into(), Some("Rostec".into())))
        );
        assert_eq!(
            role(
                "Rostec executive Oleg Yevtushenko stated it.",
                "Oleg Yevtushenko"
            ),
            Some(("executive".into(), Some("Rostec".into())))
        );
        assert_eq!(
            role(
                "Konstantin Busygin, who heads the Izhmash factory, said it.",
                "Konstantin Busygin"
            ),
            Some(("head".into(), Some("Izhmash".into())))
        );
        assert_eq!(
            role(
                "the General Director of Kalashnikov, Vladimir Lepin, told Interfax",
                "Vladimir Lepin"
            ),
            Some(("general director".into(), Some("Kalashnikov".into())))
        );
    }

    #[test]
    fn entity_titles_alone_and_leading_demonyms() {
        let e = ents(
            "Defense Minister Vladimir Padrino Lopez toured the plant. The minister said it was ready.",
        );
        assert_eq!((e[1].0.as_str(), e[1].1), ("minister", "PERSON"));
        assert_eq!(e[1].2, e[0].2);
        let e = ents("Venezuelan Kalashnikov Plant to Begin Work");
        assert_eq!((e[0].0.as_str(), e[0].1), ("Venezuelan", "GPE"));
        assert_eq!((e[1].0.as_str(), e[1].1), ("Kalashnikov Plant", "FAC"));
    }

    #[test]
    fn entity_products_by_maker_and_model() {
        let e =
            ents("Airlines grounded the Boeing 737 MAX after the crash; the iPhone 4 sold well.");
        let kinds: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert!(kinds.contains(&("Boeing 737 MAX", "PRODUCT")), "{kinds:?}");
        assert!(kinds.contains(&("iPhone 4", "PRODUCT")), "{kinds:?}");
    }

    #[test]
    fn entity_sentence_initial_common_words_are_not_names() {
        let e = ents("Construction is slow. The construction of the bridge began in Lisbon.");
        let texts: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, ["Lisbon"]);
        // A participle of saying opens a clause; a name the subject of a past verb.
        let e =
            ents("Speaking at a ceremony in Lisbon, Recep Tayyip Erdogan highlighted the plan.");
        let found: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(
            found,
            [("Lisbon", "GPE"), ("Recep Tayyip Erdogan", "PERSON")]
        );
        // A headline in title case: the verb ends the name.
        let e = ents("Ada Quist Says Harbour Tunnel Will Open By End Of Year");
        assert_eq!(e[0].0, "Ada Quist");
        assert_eq!(e[0].1, "PERSON");
    }
}
