//! Sentences and tokens for news text: byte spans, never copies.
//!
//! News text mixes running prose with lines that are not sentences (headlines,
//! captions, bylines, bullet lines). A line break therefore ends a segment unless the
//! text is hard-wrapped prose; inside a line, a sentence ends at `.`, `!`, `?` or `…`
//! (with any closing quotes or brackets) followed by space, except after an
//! abbreviation (`Mr.`, `Gen.`, `Jan.`, `No.`), an initial (`F.`), or a dotted acronym
//! that the next word does not show to end a sentence (`U.S.`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter: words, names, `AK-103`, `U.S.`.
    Word,
    /// Starts with a digit: `25,000`, `7.62`, `2019`, `30MK2`.
    Number,
    /// One punctuation mark.
    Punct,
    /// One other symbol: `$`, `€`, `%`, `×`.
    Symbol,
}

/// One token: a span and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// One sentence or sentence-like segment (a headline, a caption, a bullet line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is, without surrounding whitespace.
    pub span: Span,
    /// Its tokens, as indices into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
}

/// The sentences and tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Sentences in text order, not overlapping.
    pub sentences: Vec<Sentence>,
    /// All tokens in text order.
    pub tokens: Vec<Token>,
    /// The text with ASCII letters in lower case, byte for byte (spans address it as
    /// they address the text), so that extractors compare words without allocating.
    pub lower: String,
}

impl Segmentation {
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }

    /// The text of `span` in lower case: borrowed when it is ASCII, else lower-cased
    /// with Unicode's tables. `span` must lie in the segmented text.
    ///
    /// ```
    /// use overdue_text::{Span, segment};
    /// let text = "ÉVORA and the U.S.";
    /// let seg = segment(text);
    /// let words: Vec<_> = seg.tokens.iter().map(|t| seg.lower(t.span)).collect();
    /// assert_eq!(words, ["évora", "and", "the", "u.s."]);
    /// assert!(matches!(seg.lower(Span::new(text, 7, 10).unwrap()), std::borrow::Cow::Borrowed("and")));
    /// ```
    pub fn lower(&self, span: Span) -> Cow<'_, str> {
        let w = &self.lower[span];
        if w.is_ascii() {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        }
    }
}

/// Abbreviations that take a full stop and rarely end a sentence (lower case, no dot).
/// General English and news usage: titles, ranks, months, and reference words.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "cpl", "pvt", "sen", "rep", "gov", "pres", "rev", "hon", "st", "mt", "ft", "jr", "sr",
    "messrs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vol",
    "vols", "p", "pp", "fig", "figs", "ch", "art", "sec", "approx", "est", "dept", "univ", "assn",
    "bros", "vs", "v", "cf", "al", "ca", "op", "ed", "eds", "ave", "blvd", "rd", "hwy", "e.g",
    "i.e", "a.m", "p.m", "inc", "corp", "ltd", "co",
];

/// Abbreviations that do end a sentence when a capitalised word follows
/// (`… Apple Inc. The company …`, `… and so on, etc. The …`).
const END_ABBREVIATIONS: &[&str] = &["inc", "corp", "ltd", "co", "etc", "jr", "sr", "bros"];

/// Words that, capitalised after a dotted acronym, show that a new sentence began.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "there",
    "however",
    "meanwhile",
    "according",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "since",
    "for",
    "so",
    "yet",
    "officials",
    "some",
    "many",
    "no",
    "not",
    "what",
    "who",
];

/// Word lists as sets of lower-case ASCII, looked up without allocating.
struct WordSet {
    words: HashSet<&'static [u8], rustc_hash::FxBuildHasher>,
    max_len: usize,
}

impl WordSet {
    fn new(words: &[&'static str]) -> WordSet {
        WordSet {
            words: words.iter().map(|w| w.as_bytes()).collect(),
            max_len: words.iter().map(|w| w.len()).max().unwrap_or(0).min(12),
        }
    }

    fn contains(&self, word: &str) -> bool {
        if word.len() > self.max_len || !word.is_ascii() {
            return false;
        }
        let mut buf = [0u8; 12];
        for (i, b) in word.bytes().enumerate() {
            buf[i] = b.to_ascii_lowercase();
        }
        self.words.contains(&buf[..word.len()])
    }
}

static ABBREV_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ABBREVIATIONS));
static END_ABBREV_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(END_ABBREVIATIONS));
static STARTER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(SENTENCE_STARTERS));

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»' | '›')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Splits `text` into sentences and tokens.
///
/// ```
/// use overdue_text::segment;
/// let text = "Gen. Smith spoke in the U.S. on Jan. 5. He said 7.5% more.\nNext headline";
/// let seg = segment(text);
/// let sentences: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span]).collect();
/// assert_eq!(sentences, ["Gen. Smith spoke in the U.S. on Jan. 5.", "He said 7.5% more.", "Next headline"]);
/// ```
pub fn segment(text: &str) -> Segmentation {
    if u32::try_from(text.len()).is_err() {
        return Segmentation::default(); // spans address at most 4 GiB
    }
    let mut out = Segmentation {
        sentences: Vec::with_capacity(text.len() / 96 + 1),
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        lower: text.to_ascii_lowercase(),
    };
    let wrapped = looks_hard_wrapped(text);
    for unit in units(text, wrapped) {
        split_unit(text, unit, &mut out);
    }
    out
}

/// Splits the text into units that no sentence crosses: lines, or, in hard-wrapped
/// prose, paragraphs.
fn units(text: &str, wrapped: bool) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_end_char: Option<char> = None;
    let mut prev_len = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                units.push(s..line_start);
            }
            prev_end_char = None;
            continue;
        }
        let first = trimmed.chars().next().unwrap_or(' ');
        let bullet = matches!(first, '•' | '*' | '-' | '–' | '—' | '·' | '▪' | '►');
        let continues = start.is_some()
            && !bullet
            && match prev_end_char {
                Some(c) if is_terminator(c) || is_closing(c) || c == ':' => false,
                Some(',') | Some(';') => true,
                Some(_) => wrapped || (first.is_lowercase() && prev_len >= 50),
                None => false,
            };
        if !continues {
            if let Some(s) = start.take() {
                units.push(s..line_start);
            }
            start = Some(line_start);
        }
        prev_end_char = trimmed.chars().last();
        prev_len = trimmed.len();
    }
    if let Some(s) = start {
        units.push(s..text.len());
    }
    units
}

/// Whether the text is prose broken at a fixed width (e-mail, old wire copy), where a
/// single line break does not end a sentence.
fn looks_hard_wrapped(text: &str) -> bool {
    let mut lines = 0usize;
    let mut in_band = 0usize;
    for line in text.lines().take(120) {
        // Bytes, not characters: close enough to tell 70-column prose.
        let n = line.trim_end().len();
        if n == 0 {
            continue;
        }
        lines += 1;
        if n > 110 {
            return false;
        }
        if (55..=100).contains(&n) {
            in_band += 1;
        }
    }
    lines >= 6 && in_band * 10 >= lines * 6
}

/// The character at byte `i` of `s` (which must be a boundary), decoded only when it
/// is not ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[i..].chars().next(),
    }
}

fn split_unit(text: &str, unit: Range<usize>, out: &mut Segmentation) {
    let s = &text[unit.clone()];
    let bytes = s.as_bytes();
    let base = unit.start;
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let candidate = matches!(b, b'.' | b'!' | b'?')
            || (b == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]));
        if !candidate {
            i += 1;
            continue;
        }
        let c = char_at(s, i).unwrap_or('.');
        // Extend over the run of terminators and closing marks.
        let mut end = i + c.len_utf8();
        let mut only_periods = c == '.';
        let mut ellipsis = c == '…';
        while let Some(d) = char_at(s, end) {
            if !(is_terminator(d) || is_closing(d)) {
                break;
            }
            if d == '!' || d == '?' {
                only_periods = false;
            }
            if d == '…' || (d == '.' && s[..end].ends_with("..")) {
                ellipsis = true;
            }
            end += d.len_utf8();
        }
        let term_at = i;
        i = end;
        if char_at(s, end).is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let after = s[end..].trim_start();
        let Some(next) = after.chars().next() else {
            continue; // the unit's end closes the sentence below
        };
        let boundary = if ellipsis {
            next.is_uppercase()
        } else if only_periods {
            period_ends_sentence(&s[sent_start..term_at], after, next)
        } else {
            !next.is_lowercase()
        };
        if boundary {
            push_sentence(text, base + sent_start, base + end, out);
            sent_start = end;
        }
    }
    push_sentence(text, base + sent_start, unit.end, out);
}

/// Whether a full stop after `before` ends the sentence, given what follows it.
fn period_ends_sentence(before: &str, after: &str, next: char) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return !next.is_lowercase();
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial: "John F. Kennedy".
    if first.is_uppercase() && chars.next().is_none() {
        return false;
    }
    let next_word_len = after
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(after.len(), |(k, _)| k);
    let next_word = &after[..next_word_len];
    // A day written with its full stop before its month: "16. Nov. 2016", "3. März".
    if word.len() <= 2
        && word.bytes().all(|b| b.is_ascii_digit())
        && next.is_uppercase()
        && crate::words::month(next_word).is_some()
        && after[next_word_len..]
            .trim_start_matches('.')
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    if END_ABBREV_SET.contains(word) {
        return next.is_uppercase() && STARTER_SET.contains(next_word);
    }
    if ABBREV_SET.contains(word) {
        return false;
    }
    // A dotted acronym: "U.S.", "U.N.", "a.m."
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return next.is_uppercase() && STARTER_SET.contains(next_word);
    }
    if next.is_lowercase() {
        // "… in Venezuela. the President …": a sentence begun without its capital.
        return word.chars().count() >= 3 && word.chars().all(char::is_alphabetic);
    }
    true
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Segmentation) {
    // Both ends come from character positions found while scanning `text`.
    let span = Span::trusted(text, start, end).trim(text);
    if span.is_empty() {
        return;
    }
    let first = out.tokens.len();
    tokenize_into(text, span, &mut out.tokens);
    out.sentences.push(Sentence {
        span,
        tokens: first..out.tokens.len(),
    });
}

/// Tokenises the text of `span`, appending to `out`.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = &text[span];
    let base = span.start();
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let kind;
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let mut prev = c;
            loop {
                // ASCII letters and digits, the bulk of every word, on bytes.
                let run = end;
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                if end > run {
                    prev = bytes[end - 1] as char;
                }
                let Some(d) = char_at(s, end) else {
                    break;
                };
                if d.is_alphanumeric() || is_mark(d) {
                    end += d.len_utf8();
                    prev = d;
                    continue;
                }
                // A joiner is kept only between two word characters.
                let j = end;
                let after = char_at(s, j + d.len_utf8());
                let joins = match d {
                    ',' => {
                        prev.is_ascii_digit()
                            && kind == TokenKind::Number
                            && bytes
                                .get(j + 1..j + 4)
                                .is_some_and(|t| t.iter().all(u8::is_ascii_digit))
                    }
                    '.' => {
                        (prev.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()))
                            || (prev.is_alphabetic()
                                && after.is_some_and(char::is_alphabetic)
                                && s[j + 1..].chars().nth(1) == Some('.'))
                    }
                    '-' | '‐' | '‑' | '/' | '&' => after.is_some_and(char::is_alphanumeric),
                    '\'' | '’' => {
                        after.is_some_and(char::is_alphabetic)
                            && !possessive(&s[j + d.len_utf8()..])
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                prev = d;
            }
            // A trailing full stop belongs to abbreviations, initials and dotted acronyms,
            // unless it is the full stop that ends the sentence.
            if bytes.get(end) == Some(&b'.') {
                let word = &s[i..end];
                let dotted = word.contains('.');
                let initial = end - i == c.len_utf8() && c.is_uppercase();
                if (dotted || initial || ABBREV_SET.contains(word)) && (end + 1 < s.len() || dotted)
                {
                    end += 1;
                }
            }
        } else if c == '\'' || c == '’' {
            if possessive(&s[end..]) {
                // "'s" as its own token.
                end += 1;
                kind = TokenKind::Word;
            } else {
                kind = TokenKind::Punct;
            }
        } else if c.is_ascii_punctuation()
            && !matches!(
                c,
                '$' | '%' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '@' | '&'
            )
            || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '«' | '»')
        {
            kind = TokenKind::Punct;
        } else {
            kind = TokenKind::Symbol;
        }
        out.push(Token {
            span: Span::trusted(text, base + i, base + end),
            kind,
        });
        i = end;
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks keep decomposed accents inside a word.
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Whether `rest` (the text after an apostrophe) is the possessive `s`.
fn possessive(rest: &str) -> bool {
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.span])
            .collect()
    }

    fn tokens(text: &str) -> Vec<&str> {
        segment(text).tokens.iter().map(|t| &text[t.span]).collect()
    }

    #[test]
    fn segment_abbreviations_and_initials() {
        assert_eq!(
            sentences("Mr. Smith met Gen. John F. Kennedy Jr. on Jan. 5. They spoke."),
            [
                "Mr. Smith met Gen. John F. Kennedy Jr. on Jan. 5.",
                "They spoke."
            ]
        );
        assert_eq!(
            sentences("Apple Inc. The company said no. 5 was fine. It was."),
            ["Apple Inc.", "The company said no. 5 was fine.", "It was."]
        );
    }

    #[test]
    fn segment_dotted_acronyms() {
        assert_eq!(
            sentences("He said the U.S. was interfering. The U.S. Army denied it."),
            [
                "He said the U.S. was interfering.",
                "The U.S. Army denied it."
            ]
        );
        assert_eq!(
            sentences("It came from the U.S. The plan failed."),
            ["It came from the U.S.", "The plan failed."]
        );
    }

    #[test]
    fn segment_decimals_quotes_and_ellipses() {
        assert_eq!(
            sentences(
                "It costs 7.5 million. \"We are done,\" he said. \"Really.\" Yes... and no… Then."
            ),
            [
                "It costs 7.5 million.",
                "\"We are done,\" he said.",
                "\"Really.\"",
                "Yes... and no…",
                "Then."
            ]
        );
        // A day with its full stop before a month and a year: "16. Nov. 2016".
        assert_eq!(
            sentences("It was set on 16. Nov. 2016 by them. They won 12. March came."),
            [
                "It was set on 16. Nov. 2016 by them.",
                "They won 12.",
                "March came."
            ]
        );
        assert_eq!(
            sentences("“It is over.” She left! Why? Because."),
            ["“It is over.”", "She left!", "Why?", "Because."]
        );
    }

    #[test]
    fn segment_headlines_and_bullets_are_their_own_segments() {
        let text = "Plant to Open in 2019\n\nBy Jane Roe\nA caption without a stop\nThe plant opened. It works.\n  • first point\n  • second point\n";
        assert_eq!(
            sentences(text),
            [
                "Plant to Open in 2019",
                "By Jane Roe",
                "A caption without a stop",
                "The plant opened.",
                "It works.",
                "• first point",
                "• second point"
            ]
        );
    }

    #[test]
    fn segment_lowercase_sentence_start() {
        assert_eq!(
            sentences("It was set up in Venezuela. the President announced it."),
            ["It was set up in Venezuela.", "the President announced it."]
        );
    }

    #[test]
    fn segment_hard_wrapped_prose_joins_lines() {
        let text = "The minister said on Tuesday that the new bridge over the river would\nopen to traffic by the end of next year, despite the delays that have\nplagued the project since construction began in the spring of 2015.\nEngineers blamed the weather and a shortage of steel for the slow pace of\nthe work on the northern approach, which is now eighteen months behind.\nThe contractor declined to comment on the matter when asked by reporters.\n";
        let s = sentences(text);
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].starts_with("The minister") && s[0].ends_with("2015."));
    }

    #[test]
    fn tokens_keep_numbers_designations_and_possessives() {
        assert_eq!(
            tokens("Chávez's 25,000 AK-103 rifles cost $1.5bn (7.62×39mm) in the U.S. today."),
            [
                "Chávez", "'s", "25,000", "AK-103", "rifles", "cost", "$", "1.5bn", "(", "7.62",
                "×", "39mm", ")", "in", "the", "U.S.", "today", "."
            ]
        );
        assert_eq!(
            tokens("Gen. Lee, 3, 4."),
            ["Gen.", "Lee", ",", "3", ",", "4", "."]
        );
    }

    #[test]
    fn segment_crlf_and_no_panic_on_odd_input() {
        let text = "One.\r\nTwo.\r\n\r\nThree";
        assert_eq!(sentences(text), ["One.", "Two.", "Three"]);
        for odd in [
            "", ".", "...", "\n\n", "’s", "a.b.c.", "\u{301}x", "?!?!", ". . .",
        ] {
            let _ = segment(odd);
        }
    }
}
