//! Time expressions: finds them in a document and normalises them to TIMEX3 values
//! (`2019`, `2022-H2`, `P18M`, `PRESENT_REF`) against the publication date, or against
//! the time of the statement they sit in.
//!
//! Recognition and resolution are apart. A small grammar over tokens (`engine.rs`, with
//! the English rules in `en/rules.rs` and their examples in `en/corpus.toml`) turns a
//! sentence into meanings (`sem.rs`); `resolve.rs` turns a meaning into a TIMEX3 value
//! with calendar arithmetic, given the reference date, the last date the text gave and
//! the tense around the expression.
//!
//! ```
//! use overdue_text::{DateSource, Document, Published, segment};
//! let mut doc = Document::new("a.txt", "The plant will begin its work by the end of next year, the year 2019.");
//! doc.meta.published = Published::known("2018-04-13", DateSource::Flag);
//! let seg = segment(&doc.text);
//! let found: Vec<(String, String, Option<&str>)> = overdue_time::extract(&doc, &seg)
//!     .into_iter()
//!     .map(|t| (t.text, t.value, t.modifier))
//!     .collect();
//! assert_eq!(found, [
//!     ("the end of next year".to_string(), "2019".to_string(), Some("END")),
//!     ("the year 2019".to_string(), "2019".to_string(), None),
//! ]);
//! ```

pub mod en;
pub mod engine;
pub mod lex;
pub mod resolve;
pub mod sem;

use std::sync::LazyLock;

use overdue_text::{Document, Segmentation, Span};
use serde::Serialize;

use crate::engine::{Grammar, MAX_TOKENS, Node, Scratch, parse, year_tokens_into};
use crate::lex::{Tok, tokenize_into};
use crate::resolve::{Ctx, RefDate, as_anchor, resolve};
use crate::sem::Sem;

/// One time expression as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// Its text, `&doc.text[span]`.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type", deserialize_with = "overdue_text::interned::str")]
    pub kind: overdue_text::interned::Name,
    /// The TIMEX3 value.
    pub value: String,
    /// The TIMEX3 modifier, when there is one.
    #[serde(
        rename = "mod",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "overdue_text::interned::opt"
    )]
    pub modifier: Option<overdue_text::interned::Name>,
    /// The word before it that bounds a target: `by`, `before`, `no later than`,
    /// `no earlier than`, `not before`, `not until`, `after`, `from`, `since`, `until`,
    /// `in`, `within`, `on`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "overdue_text::interned::opt"
    )]
    pub signal: Option<overdue_text::interned::Name>,
    /// The rule that recognised it.
    #[serde(skip, default = "overdue_text::interned::none")]
    pub rule: overdue_text::interned::Name,
}

/// Cue flags: a word of the future, of the past, of saying.
const FUTURE: u8 = 1;
const PAST: u8 = 2;
const SAY: u8 = 4;

/// Words without which (and without a digit) a sentence holds no time expression.
static SCREEN: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let mut words = lex::lexicon_words();
    words.extend(en::triggers());
    aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("the time lexicon is a valid automaton")
});

/// Whether a sentence may hold a time expression: a digit, or a word of the lexicon on
/// word boundaries.
fn may_hold_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.iter().any(u8::is_ascii_digit) {
        return true;
    }
    SCREEN.find_overlapping_iter(s).any(|m| {
        let before = b.get(m.start().wrapping_sub(1)).filter(|_| m.start() > 0);
        let after = b.get(m.end());
        !before.is_some_and(u8::is_ascii_alphabetic) && !after.is_some_and(u8::is_ascii_alphabetic)
    })
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| {
    let mut cues: Vec<(&str, u8)> = Vec::new();
    cues.extend(FUTURE_CUES.iter().map(|w| (*w, FUTURE)));
    cues.extend(PAST_CUES.iter().map(|w| (*w, PAST)));
    cues.extend(SAYING.iter().map(|w| (*w, SAY)));
    let triggers: Vec<&str> = en::triggers().collect();
    Grammar::new(en::rules(), &triggers, &cues)
});

/// Signals, longest first, as they stand before an expression.
const SIGNALS: &[&[&str]] = &[
    &["no", "later", "than"],
    &["no", "earlier", "than"],
    &["not", "until"],
    &["not", "before"],
    &["as", "early", "as"],
    &["as", "of"],
    &["by"],
    &["before"],
    &["after"],
    &["since"],
    &["until"],
    &["till"],
    &["from"],
    &["in"],
    &["within"],
    &["on"],
    &["during"],
    &["through"],
    &["around"],
];

const SIGNAL_NAMES: &[&str] = &[
    "no later than",
    "no earlier than",
    "not until",
    "not before",
    "as early as",
    "as of",
    "by",
    "before",
    "after",
    "since",
    "until",
    "until",
    "from",
    "in",
    "within",
    "on",
    "during",
    "through",
    "around",
];

fn signal_before(toks: &[Tok<'_>], start: usize) -> Option<&'static str> {
    if toks.get(start).is_some_and(|t| t.is("within")) {
        return Some("within");
    }
    for (k, words) in SIGNALS.iter().enumerate() {
        if start >= words.len()
            && words
                .iter()
                .enumerate()
                .all(|(j, w)| toks[start - words.len() + j].is(w))
        {
            return Some(SIGNAL_NAMES[k]);
        }
    }
    None
}

const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "expected",
    "expects",
    "expect",
    "scheduled",
    "slated",
    "poised",
    "planned",
    "plans",
    "plan",
    "due",
    "aims",
    "aim",
    "intends",
    "should",
    "could",
    "might",
    "going",
    "hopes",
    "until",
    "next",
    "forecast",
    "projects",
    "set",
    // The present of a scheduled event speaks of the future: "the rule takes effect Jan. 1".
    "takes",
    "begins",
    "starts",
    "opens",
    "expires",
    "resumes",
    "kicks",
];

const PAST_CUES: &[&str] = &[
    "said",
    "told",
    "announced",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "reported",
    "stated",
    "confirmed",
    "signed",
    "opened",
    "began",
    "started",
    "last",
    "earlier",
    "since",
    // Irregular past forms (the regular ones end in "-ed").
    "took",
    "became",
    "came",
    "went",
    "made",
    "gave",
    "got",
    "held",
    "won",
    "lost",
    "fell",
    "rose",
    "built",
    "brought",
    "bought",
    "sold",
    "paid",
    "spent",
    "led",
    "met",
    "grew",
    "knew",
    "wrote",
    "chose",
    "sent",
];

/// Whether the words around an expression speak of the future: the nearest cue before it
/// in its clause (up to twelve tokens: "said he will inaugurate the centre in New York on
/// Monday" is next Monday), else the sentence.
fn future_at(toks: &[Tok<'_>], start: usize) -> bool {
    let g = &*GRAMMAR;
    let future_word =
        |t: &Tok<'_>| g.cue(t) & FUTURE != 0 || t.text.ends_with("'ll") || t.text.ends_with("’ll");
    let from = (start.saturating_sub(12)..start)
        .rev()
        .find(|&k| matches!(toks[k].text, "," | ";" | ":" | "(" | ")"))
        .map_or(start.saturating_sub(12), |k| k + 1);
    let before = &toks[from..start];
    // "until" and "next" lean to the future, but a verb before them decides: "was delayed
    // until mid-October" is past.
    let mut leans_future = false;
    for (k, t) in before.iter().enumerate().rev() {
        // "will", "expected", and "to be" as in "an event to be held on October 12".
        if future_word(t) {
            if t.is_any(&["until", "next"]) {
                leans_future = true;
                continue;
            }
            // A plan in the past tense is past: "was planned for the end of the third
            // quarter", "were scheduled for March".
            let plan = t.is_any(&["planned", "scheduled", "expected", "slated", "due", "set"]);
            return !(plan && k > 0 && before[k - 1].is_any(&["was", "were"]));
        }
        if t.is("be") && k > 0 && before[k - 1].is("to") {
            return true;
        }
        if g.cue(t) & PAST != 0 || (t.text.len() > 4 && t.text.ends_with("ed")) {
            // A participle after "be" is a passive ("will be shipped in July", "is to be
            // held"), which says nothing of the past: read on.
            if k > 0 && before[k - 1].is("be") {
                continue;
            }
            return false;
        }
    }
    if leans_future {
        return true;
    }
    let first_future = toks.iter().position(future_word);
    let first_past = toks.iter().position(|t| g.cue(t) & PAST != 0);
    match (first_future, first_past) {
        (Some(_), None) => true,
        (Some(f), Some(p)) => f < p,
        _ => false,
    }
}

const SAYING: &[&str] = &[
    "said",
    "told",
    "announced",
    "stated",
    "says",
    "tells",
    "declared",
    "promised",
    "predicted",
];

/// Finds the time expressions of a segmented document, skipping its boilerplate.
pub fn extract(doc: &Document, seg: &Segmentation) -> Vec<Timex> {
    let text = doc.text.as_str();
    let reference = doc.meta.published.value.as_deref().and_then(RefDate::parse);
    let mut anchor: Option<RefDate> = None;
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    let (mut all, mut years) = (Vec::new(), Vec::new());
    for sentence in &seg.sentences {
        if doc.in_boilerplate(sentence.span) {
            continue;
        }
        if !may_hold_time(&text[sentence.span]) {
            continue;
        }
        tokenize_into(text, sentence.span, GRAMMAR.words(), &mut all);
        for window in all.chunks(MAX_TOKENS) {
            year_tokens_into(window, &mut years);
            let nodes = parse(&GRAMMAR, window, &years, &mut scratch);
            let statement_time = statement_time(window, &nodes, reference);
            for node in &nodes {
                let local_ref = match statement_time {
                    Some((after, at)) if node.start >= after => Some(at),
                    _ => reference,
                };
                let ctx = Ctx {
                    reference: local_ref,
                    anchor: anchor.or(reference),
                    future: future_at(window, node.start),
                };
                let Some(res) = resolve(&node.sem, &ctx) else {
                    continue;
                };
                let span = window[node.start].span.cover(window[node.end - 1].span);
                if res.kind == "DATE"
                    && let Some(a) = as_anchor(&res.value)
                    && matches!(node.sem, Sem::Date { y: Some(_), .. })
                {
                    anchor = Some(a);
                }
                out.push(Timex {
                    span,
                    text: text[span].to_string(),
                    kind: res.kind,
                    value: res.value,
                    modifier: res.modifier.map(|m| m.as_str()),
                    signal: signal_before(window, node.start),
                    rule: node.rule,
                });
            }
        }
    }
    out
}

/// When a sentence reports a statement made at a date it gives ("in December 2016, he
/// said that …"), expressions after the verb of saying resolve against that date: the
/// token index from which it applies, and the date.
fn statement_time(
    toks: &[Tok<'_>],
    nodes: &[Node],
    reference: Option<RefDate>,
) -> Option<(usize, RefDate)> {
    let resolved = |node: &Node| {
        let res = resolve(
            &node.sem,
            &Ctx {
                reference,
                anchor: None,
                future: false,
            },
        )?;
        RefDate::parse(&res.value)
    };
    let before_verb = nodes.iter().find(|n| {
        matches!(
            n.sem,
            Sem::Date {
                y: Some(_),
                m: Some(_),
                ..
            }
        )
    });
    if let Some(node) = before_verb
        && let Some(verb) = (node.end..toks.len()).find(|&k| GRAMMAR.cue(&toks[k]) & SAY != 0)
    {
        return Some((verb + 1, resolved(node)?));
    }
    // "had said in 2016 that the line would open in two years": the date right after
    // the verb, before the clause it reports.
    nodes.iter().find_map(|n| {
        if !matches!(n.sem, Sem::Date { y: Some(_), .. }) {
            return None;
        }
        let verb = match n.start.checked_sub(1).map(|k| &toks[k]) {
            Some(p) if p.is_any(&["in", "on"]) => n.start.checked_sub(2)?,
            _ => n.start.checked_sub(1)?,
        };
        let says = GRAMMAR.cue(&toks[verb]) & SAY != 0;
        let that = match toks.get(n.end..) {
            Some([t, ..]) if t.is("that") => true,
            Some([c, t, ..]) if c.text == "," && t.is("that") => true,
            _ => false,
        };
        (says && that).then(|| Some((n.end, resolved(n)?)))?
    })
}
