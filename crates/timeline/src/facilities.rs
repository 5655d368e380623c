//! Facilities: the words that name a facility or a part of one, and the facility types a
//! text names ("the rifle and ammunition factories" → a rifle factory and an ammunition
//! factory; "the plant producing rifles and munitions" → a rifle plant and a munition plant).

use overdue_pipeline::text::Segmentation;
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Nouns that name a facility or a part of one.
const FACILITY_NOUNS: &[&str] = &[
    "plant",
    "plants",
    "factory",
    "factories",
    "facility",
    "facilities",
    "works",
    "mill",
    "mills",
    "refinery",
    "refinerys",
    "reactor",
    "reactors",
    "unit",
    "units",
    "line",
    "lines",
    "terminal",
    "terminals",
    "station",
    "stations",
    "bridge",
    "bridges",
    "tunnel",
    "tunnels",
    "airport",
    "airports",
    "runway",
    "runways",
    "port",
    "dam",
    "dams",
    "mine",
    "mines",
    "pipeline",
    "pipelines",
    "railway",
    "section",
    "sections",
    "stage",
    "stages",
    "phase",
    "phases",
    "tower",
    "towers",
    "complex",
    "building",
    "buildings",
    "hall",
    "halls",
    "workshop",
    "workshops",
];

/// [`FACILITY_NOUNS`] as a set.
static FACILITY_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FACILITY_NOUNS.iter().copied().collect());

/// Facility nouns that name a part of a whole, a phase or stage.
const PHASE_NOUNS: &[&str] = &["phase", "stage", "section"];

/// Facility nouns that name a part of the facility a text is about when nothing says what
/// they are for ("production units", "the first phase"; not "the light-rail line"): which
/// facility is read from what the text names nearby.
const PART_NOUNS: &[&str] = &[
    "phase", "stage", "section", "unit", "line", "building", "hall", "workshop",
];

/// Nouns of places where things are made, one kind of facility under several names.
const WORKS_NOUNS: &[&str] = &["plant", "factory", "works", "facility", "mill", "complex"];

/// Ordinals that pick one part of a whole.
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "initial", "final", "last", "1st", "2nd", "3rd",
    "4th", "5th",
];

/// Words before a facility noun that do not name its type.
const NOT_TYPES: &[&str] = &[
    "the",
    "a",
    "an",
    "s",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "our",
    "new",
    "first",
    "second",
    "third",
    "two",
    "both",
    "whole",
    "entire",
    "planned",
    "future",
    "main",
    "big",
    "largest",
    "huge",
    "troubled",
    "other",
    "same",
    "of",
    "for",
    "and",
    "or",
    "one",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "many",
    "some",
    "all",
    "more",
    "additional",
    "further",
    "remaining",
    "existing",
    "last",
    "next",
    "old",
    "modern",
    "current",
    "original",
    "operational",
];

/// Words that name what is done in a facility, not what it is for ("production plant",
/// "rifle cartridge production plant" is a cartridge plant).
const PROCESS_WORDS: &[&str] = &[
    "production",
    "manufacturing",
    "manufacture",
    "assembly",
    "processing",
    "construction",
    "repair",
    "maintenance",
    "building",
    "test",
    "testing",
];

/// Words that cannot stand before a facility noun as its type: prepositions, verbs of
/// being and having, and the like.
const FUNCTION_WORDS: &[&str] = &[
    "on", "in", "at", "by", "with", "from", "to", "into", "behind", "over", "under", "near",
    "about", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "can", "could", "should", "may", "might", "must", "not", "no", "than", "then", "such",
    "very", "each", "every", "any", "per", "up", "out", "off", "down",
];

/// [`NOT_TYPES`] and [`FUNCTION_WORDS`] as a set: words that are not a facility's type.
static NOT_TYPE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_TYPES.iter().chain(FUNCTION_WORDS).copied().collect());

/// Words that end the list of what a facility makes ("a plant producing rifles in …").
const END_OF_PRODUCTS: &[&str] = &[
    "in", "at", "by", "with", "from", "to", "on", "near", "that", "which", "will", "is", "was",
];

/// One kind of facility: what it makes or carries ("rifle") and its noun ("plant").
/// (Kept in a store as a pair, `["rifle", "plant"]`.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "(String, String)", into = "(String, String)")]
pub struct Kind {
    /// The word before the noun that says what the facility is for, or the product
    /// after it; lower case, singular.
    pub modifier: String,
    /// The facility noun, singular.
    pub noun: String,
}

impl Kind {
    /// As a reader writes it: "rifle plant".
    pub fn label(&self) -> String {
        format!("{} {}", self.modifier, self.noun)
    }

    /// Whether `s` is its [`Kind::label`] (without making the label).
    pub fn is_label(&self, s: &str) -> bool {
        s.len() == self.modifier.len() + 1 + self.noun.len()
            && s.starts_with(self.modifier.as_str())
            && s.ends_with(self.noun.as_str())
            && s.as_bytes()[self.modifier.len()] == b' '
    }

    /// Whether two kinds are the same facility: nouns of one class and modifiers that
    /// are one word ("rifle factory" and "rifle plant"; "munition plant" and "ammunition
    /// plant").
    pub fn same(&self, other: &Kind) -> bool {
        class(&self.noun) == class(&other.noun) && akin(&self.modifier, &other.modifier)
    }
}

/// The class of a facility noun: the nouns of places where things are made are one
/// ("plant"), every other noun its own.
pub fn class(noun: &str) -> &str {
    if WORKS_NOUNS.contains(&noun) {
        "plant"
    } else {
        noun
    }
}

/// Whether two lower-case words name one thing: equal in the singular, or one the end of
/// the other and at least six letters long ("munition", "ammunition").
pub fn akin(a: &str, b: &str) -> bool {
    Singular::of(a).akin(b)
}

/// A lower-case word in the singular, to compare with others ([`akin`]).
pub struct Singular<'a>(Cow<'a, str>);

impl<'a> Singular<'a> {
    /// The word in the singular.
    pub fn of(word: &'a str) -> Singular<'a> {
        Singular(singular_of(word))
    }

    /// Whether it and `other` name one thing (see [`akin`]).
    pub fn akin(&self, other: &str) -> bool {
        self.akin_to(&Singular::of(other))
    }

    /// [`Singular::akin`] for a word made singular already.
    pub fn akin_to(&self, other: &Singular<'_>) -> bool {
        let b = &other.0;
        // (Equal, or one the end of the other: either way they end alike.)
        if self.0.as_bytes().last() != b.as_bytes().last() {
            return false;
        }
        let (short, long) = if self.0.len() <= b.len() {
            (self.0.as_ref(), b.as_ref())
        } else {
            (b.as_ref(), self.0.as_ref())
        };
        if short.len() == long.len() {
            return short == long;
        }
        // (Six letters take six bytes at least.)
        short.len() >= 6 && long.ends_with(short) && short.chars().count() >= 6
    }
}

impl From<(String, String)> for Kind {
    fn from((modifier, noun): (String, String)) -> Kind {
        Kind { modifier, noun }
    }
}

impl From<Kind> for (String, String) {
    fn from(k: Kind) -> (String, String) {
        (k.modifier, k.noun)
    }
}

/// One place where a text names a facility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the facility noun in the text.
    pub start: usize,
    /// The kinds it names; empty for "the plant".
    pub kinds: Vec<Kind>,
    /// Whether it names several ("the factories", "both plants").
    pub plural: bool,
    /// Whether it names a part of a facility ("production units", "the first phase").
    pub part: bool,
    /// The facility noun, singular.
    pub noun: &'static str,
}

/// Whether the character at byte `i` of `text` (a character boundary) is a letter or a
/// digit, and its length in bytes.
#[inline]
pub(crate) fn alnum_at(text: &str, i: usize) -> (bool, usize) {
    // Whether each ASCII byte is a letter or a digit.
    const ALNUM: [bool; 128] = {
        let mut alnum = [false; 128];
        let mut b = 0;
        while b < 128 {
            alnum[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        alnum
    };
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (ALNUM[b as usize], 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// The words of a text with their byte offsets (letters, digits and inner hyphens), all
/// at once: what [`mentions`] reads a few at a time, kept to test it against.
#[cfg(test)]
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        // On over letters, digits and hyphens, without the hyphens it ends in.
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
            } else if c != '-' {
                break;
            }
            chars.next();
        }
        out.push((start, &text[start..end]));
    }
    out
}

/// Whether a word can be part of a facility's type: lower case, not a function word, a
/// number, an adverb in -ly or a participle in -ed ("the nearly completed plant").
fn is_type_word(w: &str) -> bool {
    let lower = lower(w);
    !w.chars().next().is_some_and(char::is_uppercase)
        && !NOT_TYPE_SET.contains(lower.as_ref())
        && !w.chars().any(|c| c.is_ascii_digit())
        && !(lower.len() > 4 && (adverb(&lower) || lower.ends_with("ed")))
}

/// Whether a word has an ending of English adjectives ("operational", "modern",
/// "automatic"): such a word before a part noun says what the part is like, not what it
/// is for ("the operational lines" are parts; "the light-rail line" is a facility).
fn adjective_like(w: &str) -> bool {
    [
        "al", "ern", "ive", "ous", "ful", "less", "able", "ible", "ic", "ary", "ing",
    ]
    .iter()
    .any(|end| w.len() > end.len() + 2 && w.ends_with(end))
}

/// Whether a word reads as an adverb in -ly ("nearly", not "assembly" or "supply").
fn adverb(w: &str) -> bool {
    w.ends_with("ly") && !w.ends_with("bly") && !w.ends_with("ply") && !w.ends_with("mily")
}

/// The type a run of modifier words names: its last word that is not a process word, in
/// the singular ("assault rifles production" → rifle).
fn type_word(run: &[Cow<'_, str>]) -> Option<String> {
    let mut words = run.iter().filter(|w| !PROCESS_WORDS.contains(&w.as_ref()));
    let last = words.next_back()?;
    // "nuclear power plant": a nuclear plant; "power plant": a power plant.
    let before = words.next_back();
    match before {
        Some(b) if ["power", "energy", "electricity"].contains(&last.as_ref()) => Some(singular(b)),
        _ => Some(singular(last)),
    }
}

/// A word in lower case, borrowed when it is already.
fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(overdue_pipeline::text::words::lowercase(w))
    } else {
        Cow::Borrowed(w)
    }
}

/// Every facility a text names, in order.
///
/// A facility noun is all ASCII letters, so one that is a word of its own is a whole run
/// of ASCII letters and digits; each noun found is read with the few words around it
/// that its reading looks at, not with the whole text's words.
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut hits = Vec::new();
    nouns_in(text, |start, end, _| hits.push((start, end)));
    read_mentions(text, hits)
}

/// Calls `hit` with the offsets of each facility noun in `text` that may be a word of
/// its own, and the noun's place among [`FACILITY_NOUNS`]: each run of ASCII letters
/// and digits that is one, and perhaps nouns within runs. A short text is cut into runs;
/// a long one is read by an automaton (twice as fast over a whole article), which finds
/// every noun, within runs too.
fn nouns_in(text: &str, mut hit: impl FnMut(usize, usize, usize)) {
    // The facility nouns in any case, the longest first where two begin at one place.
    static ANY_CASE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(FACILITY_NOUNS)
            .expect("the facility nouns are a valid automaton")
    });
    if text.len() <= 256 {
        noun_runs(text.as_bytes(), 0, text.len(), hit);
    } else {
        for m in ANY_CASE.find_iter(text) {
            hit(m.start(), m.end(), m.pattern().as_usize());
        }
    }
}

/// [`mentions`] of a text from its segmentation: the same mentions, found from its
/// tokens. With them, every place where a phase noun was found (a run of its own at
/// least): a text part without one names no phase ([`phase`]).
///
/// Such a run lies within one token. Most tokens are a word of lower-case letters in the
/// segmentation's lower-cased text, looked up as it is; only the others (numbers, and
/// words with letters beyond ASCII, hyphens, apostrophes or dots) are cut into runs. (A
/// segmentation of another text, or none, is not read: the text is, as by [`mentions`].)
pub fn mentions_of(text: &str, seg: &Segmentation) -> (Vec<Mention>, Vec<usize>) {
    let mut phases = Vec::new();
    let mut hits = Vec::new();
    let mut hit = |start, end, noun: usize| {
        if PHASE_NOUN.get(noun) == Some(&true) {
            phases.push(start);
        }
        hits.push((start, end));
    };
    let lower = seg.lower.as_bytes();
    if lower.len() != text.len() || (seg.tokens.is_empty() && !text.trim().is_empty()) {
        nouns_in(text, hit);
    } else {
        use overdue_pipeline::text::TokenKind;
        let nouns = &*NOUNS;
        for t in &seg.tokens {
            if matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
                continue;
            }
            let (start, end) = (t.span.start(), t.span.end());
            if lower_letters(lower, start, end) {
                if let Some(noun) = nouns.place(&lower[start..end]) {
                    hit(start, end, noun);
                }
            } else {
                noun_runs(lower, start, end, &mut hit);
            }
        }
    }
    (read_mentions(text, hits), phases)
}

/// Calls `hit` with the offsets of each run of ASCII letters and digits within bytes
/// `start..end` of `text` that is a facility noun in any case, and the noun's place
/// among [`FACILITY_NOUNS`].
fn noun_runs(text: &[u8], start: usize, end: usize, mut hit: impl FnMut(usize, usize, usize)) {
    let nouns = &*NOUNS;
    let mut i = start;
    while i < end {
        while i < end && !text[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let run = i;
        while i < end && text[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // (A run longer than every noun is none.)
        let mut lowered = [0; 16];
        let Some(word) = lowered.get_mut(..i - run) else {
            continue;
        };
        for (l, b) in word.iter_mut().zip(&text[run..i]) {
            *l = b.to_ascii_lowercase();
        }
        if let Some(noun) = nouns.place(word) {
            hit(run, i, noun);
        }
    }
}

/// Whether each of [`FACILITY_NOUNS`] names a phase.
static PHASE_NOUN: LazyLock<Vec<bool>> = LazyLock::new(|| {
    FACILITY_NOUNS
        .iter()
        .map(|n| PHASE_NOUNS.contains(&singular_of(n).as_ref()))
        .collect()
});

/// Whether bytes `start..end` of `lower` are all ASCII lower-case letters: read sixteen
/// at a time, without a branch per byte.
#[inline]
fn lower_letters(lower: &[u8], start: usize, end: usize) -> bool {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    const HIGH: u128 = ONES * 0x80;
    let n = end - start;
    let window = match lower.get(start..start + 16) {
        Some(w) if n <= 16 => w,
        _ => return lower[start..end].iter().all(u8::is_ascii_lowercase),
    };
    let v = u128::from_le_bytes(window.try_into().unwrap_or([0; 16]));
    // The bytes after the word read as an `a`.
    let mask = if n == 16 { !0 } else { (1u128 << (8 * n)) - 1 };
    let v = (v & mask) | ((ONES * u128::from(b'a')) & !mask);
    // (With every byte below 0x80, adding at most 0x1f carries into no other byte.)
    let ascii = v & HIGH == 0;
    let from_a = v.wrapping_add(ONES * u128::from(0x80 - b'a')) & HIGH;
    let past_z = v.wrapping_add(ONES * u128::from(0x80 - b'z' - 1)) & HIGH;
    ascii && from_a == HIGH && past_z == 0
}

/// The facility nouns, to look a word up in.
static NOUNS: LazyLock<Nouns> = LazyLock::new(|| {
    let mut ends = [[0; 26]; 16];
    for n in FACILITY_NOUNS {
        let b = n.as_bytes();
        ends[b.len()][usize::from(b[0] - b'a')] |= 1 << (b[b.len() - 1] - b'a');
    }
    Nouns {
        ends,
        places: FACILITY_NOUNS
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_bytes(), i))
            .collect(),
    }
});

/// [`FACILITY_NOUNS`] to look words up in.
struct Nouns {
    /// The last letters of the nouns of each length and first letter, as bits: a word
    /// whose length, first and last letters begin no noun is none (most words), and
    /// is not looked up further.
    ends: [[u32; 26]; 16],
    /// Each noun's place.
    places: rustc_hash::FxHashMap<&'static [u8], usize>,
}

impl Nouns {
    /// The place among [`FACILITY_NOUNS`] of a word of lower-case ASCII letters and
    /// digits, if it is one.
    #[inline]
    fn place(&self, word: &[u8]) -> Option<usize> {
        let (&first, &last) = (word.first()?, word.last()?);
        let ends = self.ends.get(word.len())?[usize::from(first.wrapping_sub(b'a')).min(25)];
        if ends & (1 << u32::from(last.wrapping_sub(b'a')).min(31)) == 0 {
            return None;
        }
        self.places.get(word).copied()
    }
}

/// The mentions of the facility nouns at `hits` (start and end offsets, in order) in
/// `text`: those that are a word of their own.
fn read_mentions(text: &str, hits: Vec<(usize, usize)>) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    for (start, end) in hits {
        if !whole_word(text, start, end) {
            continue;
        }
        let head = near(text, start, end, &mut words);
        out.extend(mention_at(text, &words, head));
    }
    out
}

/// The words around the word at `start..end` that reading it as a facility looks at, in
/// `words`, and the word's place among them: before it, back to the first that is
/// neither a type word nor `and`/`or`; after it, one, or the rest of the sentence when
/// that one can begin a list of products. None across the end of a sentence
/// ([`joined`]).
fn near<'t>(text: &'t str, start: usize, end: usize, words: &mut Vec<(usize, &'t str)>) -> usize {
    words.clear();
    let mut at = start;
    while let Some(w) = word_before(text, at)
        && !ends_sentence(&text[w.0 + w.1.len()..at])
    {
        words.push(w);
        at = w.0;
        if !is_type_word(w.1) && !matches!(lower(w.1).as_ref(), "and" | "or") {
            break;
        }
    }
    words.reverse();
    let head = words.len();
    words.push((start, &text[start..end]));
    let mut at = end;
    let mut rest = false;
    while let Some(w) = word_after(text, at)
        && !ends_sentence(&text[at..w.0])
    {
        words.push(w);
        at = w.0 + w.1.len();
        if !rest {
            if !starts_products(&lower(w.1)) {
                break;
            }
            rest = true;
        }
    }
    head
}

/// The word (letters, digits and the hyphens between them) that ends last before byte
/// `at` (a word's start, or a place between words).
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let mut end = at;
    while end > 0 {
        match alnum_before(text, end) {
            (true, _) => break,
            (false, len) => end -= len,
        }
    }
    if end == 0 {
        return None;
    }
    // Back over letters, digits and hyphens; the hyphens it begins with are not its own.
    let mut start = end;
    while start > 0 {
        match alnum_before(text, start) {
            (true, len) => start -= len,
            (false, 1) if text.as_bytes()[start - 1] == b'-' => start -= 1,
            _ => break,
        }
    }
    while text.as_bytes()[start] == b'-' {
        start += 1;
    }
    Some((start, &text[start..end]))
}

/// The word (letters, digits and the hyphens between them) that begins first after byte
/// `at` (a word's end, or a place between words).
fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let mut start = at;
    while start < text.len() {
        match alnum_at(text, start) {
            (true, _) => break,
            (false, len) => start += len,
        }
    }
    if start == text.len() {
        return None;
    }
    // On over letters, digits and hyphens; the hyphens it ends with are not its own.
    let (mut i, mut end) = (start, start);
    while i < text.len() {
        match alnum_at(text, i) {
            (true, len) => {
                i += len;
                end = i;
            }
            (false, 1) if text.as_bytes()[i] == b'-' => i += 1,
            _ => break,
        }
    }
    Some((start, &text[start..end]))
}

/// Whether bytes `start..end` of `text` are a whole word: no letter or digit right
/// before or after, nor a hyphen that joins one.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let mut before = start;
    while before > 0 && bytes[before - 1] == b'-' {
        before -= 1;
    }
    let mut after = end;
    while after < bytes.len() && bytes[after] == b'-' {
        after += 1;
    }
    let joined_before = before > 0 && alnum_before(text, before).0;
    let joined_after = after < bytes.len() && alnum_at(text, after).0;
    !joined_before && !joined_after
}

/// [`alnum_at`] for the character that ends at byte `i`.
fn alnum_before(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i - 1];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[..i].chars().next_back().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// The facility that word `head` of `words` (the words of `text`) names, if it is a
/// facility noun.
fn mention_at(text: &str, words: &[(usize, &str)], head: usize) -> Option<Mention> {
    let (start, word) = words[head];
    let low_head = lower(word);
    if !FACILITY_SET.contains(low_head.as_ref()) {
        return None;
    }
    let one_sentence = |i: usize| joined(text, words, i);
    // "Port Aldwin", "Station Road": a name, not a facility of that kind.
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if capital(word) && words.get(head + 1).is_some_and(|w| capital(w.1)) && one_sentence(head) {
        return None;
    }
    let low = |i: usize| lower(words[i].1);
    // One of the nouns, singular (never the fallback).
    let noun = FACILITY_SET
        .get(singular_of(&low_head).as_ref())
        .copied()
        .unwrap_or("facility");
    let plural = noun != low_head
        || head > 0 && ["both", "two"].contains(&low(head - 1).as_ref()) && one_sentence(head - 1);
    // The type words right before the noun, and the ones coordinated with them
    // ("rifle and ammunition factories"), in its sentence.
    let mut modifiers: Vec<String> = Vec::new();
    let mut i = head;
    while i > 0 && is_type_word(words[i - 1].1) && one_sentence(i - 1) {
        i -= 1;
    }
    if i < head {
        let run: Vec<Cow<'_, str>> = (i..head).map(low).collect();
        modifiers.extend(type_word(&run));
        // A plural before `and` is a thing of its own ("roads and toll stations").
        while i >= 2
            && ["and", "or"].contains(&low(i - 1).as_ref())
            && is_type_word(words[i - 2].1)
            && one_sentence(i - 2)
            && one_sentence(i - 1)
            && singular_of(&low(i - 2)) == low(i - 2)
        {
            modifiers.extend(type_word(&[low(i - 2)]));
            i -= 2;
        }
    } else if !PHASE_NOUNS.contains(&noun) {
        modifiers = products(text, head, words);
    }
    let mut kinds: Vec<Kind> = modifiers
        .into_iter()
        .map(|modifier| Kind {
            modifier,
            noun: noun.to_string(),
        })
        .collect();
    kinds.reverse();
    kinds.dedup();
    // "production units", "the first phase": parts; "the light-rail line": a facility.
    let part = PART_NOUNS.contains(&noun) && kinds.iter().all(|k| adjective_like(&k.modifier));
    Some(Mention {
        start,
        kinds,
        plural,
        part,
        noun,
    })
}

/// Whether words `i` and `i + 1` of `text` are in one sentence: what is between them
/// has no full stop, question or exclamation mark, colon or semicolon before a space
/// (`7.62` and `U.S` are one sentence), and no blank line.
fn joined(text: &str, words: &[(usize, &str)], i: usize) -> bool {
    !ends_sentence(&text[words[i].0 + words[i].1.len()..words[i + 1].0])
}

/// Whether the gap between two words ends a sentence: a full stop, question or
/// exclamation mark, colon or semicolon with a space after it, or a blank line.
fn ends_sentence(gap: &str) -> bool {
    let after_mark = gap
        .find(['.', '!', '?', ';', ':'])
        .map_or("", |at| &gap[at..]);
    after_mark.contains(char::is_whitespace) || gap.matches('\n').count() >= 2
}

/// The phrases after a facility noun that begin a list of what it makes.
const PRODUCT_PHRASES: &[&[&str]] = &[
    &["for", "the", "production", "of"],
    &["for", "producing"],
    &["for", "making"],
    &["to", "produce"],
    &["to", "make"],
    &["producing"],
    &["making"],
    &["that", "produces"],
    &["that", "makes"],
];

/// Whether a word (in lower case) can begin one of [`PRODUCT_PHRASES`].
fn starts_products(w: &str) -> bool {
    PRODUCT_PHRASES.iter().any(|p| p[0] == w)
}

/// What a facility makes, from the words after its noun (`words[head]`) in its sentence:
/// "producing AK-103 assault rifles and munitions" → rifle, munition (in reverse order).
fn products(text: &str, head: usize, words: &[(usize, &str)]) -> Vec<String> {
    // Most facility nouns are followed by none of these: the first word says so.
    let Some(next) = words.get(head + 1).map(|w| lower(w.1)) else {
        return Vec::new();
    };
    if !starts_products(&next) {
        return Vec::new();
    }
    // The words after the noun, to the end of its sentence.
    let end = (head + 1..words.len())
        .find(|&i| !joined(text, words, i - 1))
        .unwrap_or(words.len());
    let words = &words[head + 1..end];
    // Only the first words are read in lower case.
    let first: Vec<Cow<'_, str>> = words.iter().take(4).map(|w| lower(w.1)).collect();
    let skip = PRODUCT_PHRASES
        .iter()
        .find(|p| words.len() > p.len() && first.iter().zip(p.iter()).all(|(a, b)| a == b))
        .map_or(0, |p| p.len());
    if skip == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last: Option<&str> = None;
    for (_, w) in words.iter().skip(skip) {
        let lw = lower(w);
        let l = lw.as_ref();
        if l == "and" || l == "or" {
            if let Some(p) = last.take() {
                out.push(p);
            }
            continue;
        }
        if END_OF_PRODUCTS.contains(&l) || NOT_TYPES.contains(&l) {
            break;
        }
        last = Some(w);
    }
    out.extend(last);
    out.into_iter()
        .filter(|w| !w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| singular(&w.to_lowercase()))
        .rev()
        .collect()
}

/// The facility type a subject names: the first kind of its first facility mention, or
/// of the whole a phase belongs to ("the first phase of the cartridge plant" → cartridge
/// plant).
pub fn facility(subject: &str) -> Option<String> {
    let all = mentions(subject);
    let first = all.first()?;
    let mention = if first.kinds.is_empty() && PHASE_NOUNS.contains(&first.noun) {
        all.get(1)?
    } else {
        first
    };
    mention.kinds.first().map(Kind::label)
}

/// Whether a text names several facilities ("the factories", "both plants"): a promise
/// about several is not kept by a report about one.
pub fn several(text: &str) -> bool {
    mentions(text).iter().any(|m| m.plural && !m.part)
}

/// The part of a whole a text names: "the first phase of the plant" → "first phase".
pub fn phase(text: &str) -> Option<String> {
    // Most sentences hold no phase noun: one pass over the text says so.
    static NOUNS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(PHASE_NOUNS)
            .expect("the phase nouns are a valid automaton")
    });
    if !NOUNS.is_match(text) {
        return None;
    }
    // Words compared in lower case without copying them (an ordinal and a phase noun
    // are ASCII); a word of other letters is neither.
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut prev = words.next()?;
    for w in words {
        // The noun first: most words are none, and most sentences have none.
        let noun = PHASE_NOUNS.iter().find(|n| {
            w.len() >= n.len()
                && w.len() <= n.len() + 1
                && w.as_bytes()[..n.len()].eq_ignore_ascii_case(n.as_bytes())
                && (w.len() == n.len() || w.as_bytes()[n.len()].eq_ignore_ascii_case(&b's'))
        });
        if let Some(noun) = noun
            && let Some(ordinal) = ORDINALS.iter().find(|o| o.eq_ignore_ascii_case(prev))
        {
            return Some(format!("{ordinal} {noun}"));
        }
        prev = w;
    }
    None
}

/// A plural noun's singular, for the common English endings.
pub fn singular(noun: &str) -> String {
    singular_of(noun).into_owned()
}

/// [`singular`], borrowed from the noun where it can be.
fn singular_of(noun: &str) -> Cow<'_, str> {
    if let Some(stem) = noun.strip_suffix("ies") {
        Cow::Owned(format!("{stem}y"))
    } else if noun.ends_with("ss") || noun == "works" || !noun.ends_with('s') {
        Cow::Borrowed(noun)
    } else {
        Cow::Borrowed(&noun[..noun.len() - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facility_examples() {
        for (subject, want) in [
            ("the rifle plant", Some("rifle plant")),
            (
                "the first Kalashnikov ammunition plant",
                Some("ammunition plant"),
            ),
            ("The plant", None),
            ("the country's Kalashnikov plant", None),
            ("the country’s plant", None),
            ("the Kestrel Bay Bridge", None),
            ("will link Port Aldwin with the island", None),
            ("the approach roads and toll stations", Some("toll station")),
            ("the new rail terminal", Some("rail terminal")),
            ("the second reactor", None),
            ("the 2 units", None),
            ("Venezuela", None),
            (
                "of a plant for the production of Kalashnikov assault rifles in Venezuela",
                Some("rifle plant"),
            ),
            ("a factory producing tyres", Some("tyre factory")),
            ("the four cartridge assembly lines", Some("cartridge line")),
            ("the production plant", None),
            ("the nearly completed plant", None),
            ("is falling behind schedule on factory", None),
            ("rifle cartridge production plant", Some("cartridge plant")),
            ("the nuclear power plant", Some("nuclear plant")),
            ("a power plant", Some("power plant")),
            ("a plant for Venezuela", None),
            (
                "completed the first phase of the plant for the production of 7.62 mm cartridges for rifles",
                Some("cartridge plant"),
            ),
        ] {
            assert_eq!(facility(subject).as_deref(), want, "{subject}");
        }
    }

    fn labels(text: &str) -> Vec<Vec<String>> {
        mentions(text)
            .iter()
            .map(|m| m.kinds.iter().map(Kind::label).collect())
            .collect()
    }

    #[test]
    fn coordinated_kinds() {
        assert_eq!(
            labels("to complete the rifle and ammunition factories"),
            [["rifle factory", "ammunition factory"]]
        );
        assert_eq!(
            labels("the plant producing assault rifles and munitions to run"),
            [["rifle plant", "munition plant"]]
        );
        assert_eq!(
            labels("a cement, lime and gypsum works"),
            [vec!["lime works", "gypsum works"]],
            "only the words joined by `and` are read"
        );
    }

    #[test]
    fn kinds_stay_in_their_sentence() {
        // A word that ends one sentence does not say what the facility of the next is.
        assert_eq!(
            labels("the minister said. Phase two of the plant will open"),
            [Vec::<String>::new(), vec![]]
        );
        assert_eq!(
            labels("Delays last year\n\nplant workers"),
            [Vec::<String>::new()]
        );
        // Nor does one that begins the next say what it makes.
        assert_eq!(
            labels("a plant for the production of rifles and ammunition. Because of sanctions"),
            [["rifle plant", "ammunition plant"]]
        );
        // A full stop inside a word or a number ends nothing.
        assert_eq!(
            labels("a plant for the production of 7.62 cartridges"),
            [["cartridge plant"]]
        );
        // "Port Aldwin" is a name; "the Port. Officials" is a port.
        assert!(mentions("at Port Aldwin").is_empty());
        assert_eq!(mentions("at the Port. Officials said").len(), 1);
        assert!(!mentions("there were two. Plant workers")[0].plural);
    }

    #[test]
    fn words_keep_inner_hyphens_and_letters_beyond_ascii() {
        let text = "The light-rail line--and Zürich's 2nd plant- -ok, AK-103 (über) naïve—x ÉCOLE";
        let got: Vec<(usize, &str)> = words(text);
        let want = [
            "The",
            "light-rail",
            "line--and",
            "Zürich",
            "s",
            "2nd",
            "plant",
            "ok",
            "AK-103",
            "über",
            "naïve",
            "x",
            "ÉCOLE",
        ];
        assert_eq!(got.iter().map(|w| w.1).collect::<Vec<_>>(), want);
        // Offsets slice the text at each word.
        for (start, w) in got {
            assert_eq!(&text[start..start + w.len()], w);
        }
        // A hyphen joins letters beyond ASCII too; a combining mark is not a letter.
        let text = "-a-é ok- x--\te\u{301}t 7.62²";
        let got: Vec<&str> = words(text).into_iter().map(|w| w.1).collect();
        assert_eq!(got, ["a-é", "ok", "x", "e", "t", "7", "62²"]);
    }

    /// Every word read as a possible facility noun, the whole text at once: what
    /// [`mentions`] finds by reading only the words near the nouns its automaton finds.
    fn mentions_word_by_word(text: &str) -> Vec<Mention> {
        let words = words(text);
        (0..words.len())
            .filter_map(|head| mention_at(text, &words, head))
            .collect()
    }

    #[test]
    fn reading_the_words_near_each_noun_finds_every_mention() {
        // Pieces that make sentences, breaks that are none ("7.62", "U.S."), hyphens
        // that join words, letters beyond ASCII and nouns in every case.
        const PIECES: &[&str] = &[
            "plant",
            "Plants",
            "FACTORY",
            "factories",
            "line",
            "works",
            "rifle",
            "ammunition",
            "and",
            "or",
            "both",
            "the",
            "for",
            "producing",
            "making",
            "of",
            "production",
            "Port",
            "Aldwin",
            "first",
            "phase",
            "stage",
            "nuclear",
            "power",
            "U.S.",
            "7.62",
            "report",
            "million",
            "/",
            "&",
            "'",
            "2019",
            "facilityworks",
            "stages",
            "é",
            "\u{301}",
            "ü",
            "Ω",
            "-",
            "--",
            ".",
            ". ",
            ".\n",
            "\n\n",
            "; ",
            ":",
            "!",
            "?\"",
            " ",
            " ",
            " ",
            " ",
            "\t",
            "—",
            "’s",
            "(",
            ")",
            ",",
        ];
        let mut texts: Vec<String> = Vec::new();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let len = next() % 80;
            texts.push(
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect(),
            );
        }
        // Real articles, where `../shared` is beside the checkout.
        let shared =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        for dir in ["seeds", "meantime-apple", "forecasts-dev"] {
            let mut stack = vec![shared.join(dir)];
            while let Some(d) = stack.pop() {
                for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|e| e == "txt") {
                        texts.extend(std::fs::read_to_string(&path));
                    }
                }
            }
        }
        let mut found = 0;
        for text in &texts {
            let want = mentions_word_by_word(text);
            assert_eq!(mentions(text), want, "{text:?}");
            let (tokens, phases) = mentions_of(text, &overdue_pipeline::text::segment(text));
            assert_eq!(tokens, want, "{text:?}");
            // Without a segmentation, the automaton reads the text (and finds a phase
            // noun wherever the tokens did, and within words too).
            let (read, all_phases) = mentions_of(text, &Segmentation::default());
            assert_eq!(read, want, "{text:?}");
            assert!(phases.iter().all(|p| all_phases.contains(p)), "{text:?}");
            // A phase is named only where a phase noun was found.
            let mut start = 0;
            for piece in text.split_inclusive(". ") {
                let end = start + piece.len();
                if phase(piece).is_some() {
                    assert!(
                        phases.iter().any(|&p| (start..end).contains(&p)),
                        "{piece:?}"
                    );
                }
                start = end;
            }
            found += want.len();
        }
        assert!(found > 25_000, "{found} mentions in {} texts", texts.len());
    }

    /// What the nouns are looked up by holds of every one: lower-case ASCII letters,
    /// fewer than sixteen, so that a run of letters is one only if it is looked up as
    /// one, and the automaton finds no noun that a run would not.
    #[test]
    fn facility_nouns_are_short_words_of_lower_case_letters() {
        for (i, noun) in FACILITY_NOUNS.iter().enumerate() {
            assert!(noun.bytes().all(|b| b.is_ascii_lowercase()), "{noun}");
            assert!((1..16).contains(&noun.len()), "{noun}");
            assert_eq!(NOUNS.place(noun.as_bytes()), Some(i), "{noun}");
            assert_eq!(NOUNS.place(format!("{noun}x").as_bytes()), None, "{noun}");
        }
    }

    /// The sixteen bytes at a time say what a byte at a time says, for words of every
    /// length up to past sixteen, at the end of the text too, with bytes just outside
    /// the letters (`` ` ``, `{`, `@`, `[`) and beyond ASCII.
    #[test]
    fn lower_letters_reads_as_each_byte_says() {
        // (Mostly letters, so that long runs of them come up.)
        let pieces = [
            "a", "z", "m", "q", "a", "z", "m", "q", "a", "z", "m", "q", "`", "{", "@", "[", "A",
            "Z", "0", "é", "-", " ",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        let mut long_runs = 0;
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len).map(|_| pieces[next() % pieces.len()]).collect();
            let b = text.as_bytes();
            for start in 0..=b.len() {
                for end in start..=b.len() {
                    let want = b[start..end].iter().all(u8::is_ascii_lowercase);
                    assert_eq!(
                        lower_letters(b, start, end),
                        want,
                        "{text:?} {start}..{end}"
                    );
                    long_runs += usize::from(want && end - start > 8);
                }
            }
        }
        assert!(long_runs > 0);
        let long = "abcdefghijklmnopqrstuvwxyz".repeat(2);
        for n in 0..=long.len() {
            assert!(lower_letters(long.as_bytes(), 0, n));
            assert!(!lower_letters(
                format!("{}A", &long[..n]).as_bytes(),
                0,
                n + 1
            ));
        }
    }

    #[test]
    fn mentions_mark_parts_and_plurals() {
        let m = mentions("additional production units will soon be available at both plants");
        assert_eq!(m.len(), 2);
        assert!(m[0].part && m[0].plural);
        assert!(
            m[0].kinds.is_empty(),
            "production says what is done, not for what"
        );
        assert!(mentions("two automatic lines")[0].part);
        assert!(!mentions("the light-rail line")[0].part);
        assert!(!m[1].part && m[1].plural && m[1].kinds.is_empty());
        assert_eq!(
            m[1].start,
            "additional production units will soon be available at both ".len()
        );
    }

    #[test]
    fn kinds_that_are_one_facility() {
        let k = |m: &str, n: &str| Kind {
            modifier: m.into(),
            noun: n.into(),
        };
        assert!(k("munition", "plant").same(&k("ammunition", "plant")));
        assert!(k("rifle", "factory").same(&k("rifle", "plant")));
        assert!(!k("rifle", "plant").same(&k("ammunition", "plant")));
        assert!(!k("rail", "bridge").same(&k("rail", "terminal")));
        assert!(!k("ion", "plant").same(&k("lion", "plant")), "short words");
    }

    #[test]
    fn several_examples() {
        assert!(several("the construction of the Venezuelan factories"));
        assert!(several("both plants"));
        assert!(!several("the rifle plant"));
        assert!(!several("the steel works"));
        assert!(!several("this complex infrastructure project"));
    }

    #[test]
    fn phase_examples() {
        for (text, want) in [
            (
                "the commissioning of the first phase of the plant",
                Some("first phase"),
            ),
            ("Stage 2 and the second stages", Some("second stage")),
            ("the phase-out of coal", None),
            ("THE FINAL SECTIONS", Some("final section")),
            ("a first-phase launch", Some("first phase")),
            ("the first emphases, the second phasers", None),
            ("Phase 1, then the 2nd  (stage)", Some("2nd stage")),
            ("phase", None),
        ] {
            assert_eq!(phase(text).as_deref(), want, "{text}");
        }
    }
}
