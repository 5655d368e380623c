//! Statements: forecasts ("will begin production by the end of 2019") and outcomes
//! ("completed the construction of the first phase"), with speaker, event, subject and
//! dates, built on the time, quantity and entity extractors.
//!
//! Per sentence: a forecast is a future or intention form (`will`, `is expected to`,
//! `is scheduled to`, `plans to` — `frames.rs`) in a clause that names a project event or
//! gives a date; an outcome is a clause in a past, perfect or progressive form that names
//! a project event (`has opened`, `completed the construction`, `is falling behind
//! schedule`). The event comes from lexical frames general to projects (an airport opens,
//! a plant begins production, a bridge is completed). The target is the clause's time
//! expression with its signal (`by`, `in`, `within`, `until` after a negation); the
//! speaker is the person or organisation of the verb of saying (before or after it,
//! `according to X`, a `X told media:` line before a quote); the time it was said is the
//! date the sentence gives its saying, else the publication date.

mod frames;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

use overdue_entity::Entity;
use overdue_quantity::Quantity;
use overdue_text::{Document, Segmentation, Span, Token, TokenKind};
use overdue_time::Timex;
use serde::{Deserialize, Serialize};

use crate::frames::*;

/// Who made a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The entity's identity.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The role the text gives it, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<String>,
}

/// What a statement is about, as the text names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// The noun phrase.
    pub text: String,
}

/// When a forecast says something will happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The TIMEX3 value, or none when no time is given.
    pub value: Option<String>,
    /// The TIMEX3 modifier.
    #[serde(
        rename = "mod",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "overdue_text::interned::opt"
    )]
    pub modifier: Option<overdue_text::interned::Name>,
    /// `by`, `in`, `within`, `before`, `after`, `soon`, `asap` or `none`.
    #[serde(deserialize_with = "overdue_text::interned::str")]
    pub bound: overdue_text::interned::Name,
}

/// One statement as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The sentence it was found in.
    pub span: Span,
    /// `forecast` or `outcome`.
    #[serde(deserialize_with = "overdue_text::interned::str")]
    pub kind: overdue_text::interned::Name,
    /// The event vocabulary of FORMAT.md.
    #[serde(deserialize_with = "overdue_text::interned::str")]
    pub event: overdue_text::interned::Name,
    /// Who said it; none for the outlet's own voice.
    pub speaker: Option<Speaker>,
    /// What it is about.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject: Option<Subject>,
    /// When it was said, a TIMEX3 value.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub said: Option<String>,
    /// When it is to happen (forecasts).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target: Option<Target>,
    /// When it happened (outcomes).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub when: Option<String>,
    /// The cause of a delay, as the text gives it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cause: Option<String>,
}

/// What the statement extractor reads.
pub struct Layers<'a> {
    /// The document (its text, boilerplate and publication date).
    pub doc: &'a Document,
    /// Its sentences and tokens.
    pub seg: &'a Segmentation,
    /// Its time expressions.
    pub timexes: &'a [Timex],
    /// Its quantities.
    pub quantities: &'a [Quantity],
    /// Its entity mentions.
    pub entities: &'a [Entity],
}

/// Nouns that refer to a person named elsewhere: "the president said".
const PERSON_NOUNS: &[&str] = &[
    "president",
    "minister",
    "ceo",
    "chairman",
    "chairwoman",
    "chief",
    "director",
    "governor",
    "mayor",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "executive",
    "head",
    "secretary",
    "premier",
    "leader",
    "founder",
];

/// Nouns that refer to an organisation named elsewhere: "the company said".
const ORG_REFERENCES: &[&str] = &[
    "company",
    "firm",
    "manufacturer",
    "maker",
    "group",
    "operator",
    "authority",
    "agency",
    "corporation",
    "ministry",
    "government",
    "carrier",
    "airline",
    "developer",
    "contractor",
];

/// Beginnings of words of a slip or a pause, after which "until <date>" is the new date.
const SLIP_WORDS: &[&str] = &[
    "delay",
    "postpon",
    "pause",
    "halt",
    "suspend",
    "suspension",
    "defer",
    "push",
    "pushed",
    "slip",
    "moved",
];

/// Verbs of putting a plan forward, whose agent speaks for it ("promoted by the
/// authority").
const PROMOTING: &[&str] = &[
    "promoted",
    "touted",
    "proposed",
    "planned",
    "projected",
    "envisioned",
    "envisaged",
    "pitched",
    "billed",
    "announced",
    "presented",
    "unveiled",
];

/// Words a sentence in the first person begins with.
const FIRST_PERSON: &[&str] = &[
    "I", "I'm", "I've", "I'll", "I'd", "We", "We're", "We've", "We'll", "We'd", "Our", "My",
];

/// Verbs of making a plan or a report public: "the Authority unveiled its business plan".
const PUBLISHING: &[&str] = &[
    "unveiled",
    "unveils",
    "released",
    "releases",
    "published",
    "publishes",
    "presented",
    "presents",
    "issued",
    "issues",
    "submitted",
    "submits",
    "adopted",
    "adopts",
];

/// Nouns of documents that speak for whoever issued them: "the report says".
const REPORT_NOUNS: &[&str] = &[
    "report",
    "study",
    "review",
    "audit",
    "assessment",
    "analysis",
    "statement",
    "filing",
];

/// Nouns of projects and their parts: a statement must be about one of these (or give a
/// date) to count.
const PROJECT_NOUNS: &[&str] = &[
    "plant",
    "plants",
    "factory",
    "factories",
    "facility",
    "facilities",
    "project",
    "projects",
    "construction",
    "bridge",
    "airport",
    "terminal",
    "reactor",
    "reactors",
    "unit",
    "units",
    "line",
    "lines",
    "railway",
    "rail",
    "station",
    "tunnel",
    "dam",
    "pipeline",
    "mine",
    "port",
    "road",
    "highway",
    "stadium",
    "building",
    "buildings",
    "phase",
    "complex",
    "site",
    "works",
    "system",
    "network",
    "service",
    "services",
    "train",
    "trains",
    "segment",
    "aircraft",
    "jet",
    "jets",
    "plane",
    "planes",
    "car",
    "cars",
    "vehicle",
    "vehicles",
    "fleet",
    "production",
    "delivery",
    "deliveries",
    "flight",
    "model",
    "software",
    "program",
    "programme",
    "robotaxi",
    "robotaxis",
    "ship",
    "vessel",
    "satellite",
    "rocket",
    "mission",
    "hospital",
    "school",
    "tower",
    "center",
    "centre",
    "refinery",
    "mill",
    "farm",
];

struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
    lower: Vec<Cow<'a, str>>,
    /// For each token, the word lists it is in ([`list`]).
    lists: Vec<u32>,
    /// For each token, the length of the future form it starts, or 0.
    cues: Vec<u8>,
    /// For each token, the first frame (by priority) that names an event with it: as a
    /// word, as a word when event nouns are left out, as the first of a phrase.
    frames: Vec<[u8; 3]>,
}

/// No frame.
const NO_FRAME: u8 = u8::MAX;

/// Word lists a token can be in, as bits of [`WordInfo::lists`].
mod list {
    pub const PROJECT: u32 = 1;
    pub const SAYING: u32 = 1 << 1;
    pub const CUE_FIRST: u32 = 1 << 2;
    pub const HOPING: u32 = 1 << 3;
    pub const CONDITIONAL: u32 = 1 << 4;
    pub const NOUN_EVENT: u32 = 1 << 5;
    pub const PHRASE_FIRST: u32 = 1 << 6;
    pub const REPORT_NOUN: u32 = 1 << 7;
    pub const PLAN_NOUN: u32 = 1 << 8;
    pub const PLAN_CUE: u32 = 1 << 9;
    pub const START_VERB: u32 = 1 << 10;
}

/// What the rules know of one word: the lists it is in and the first frame (by
/// priority) that names an event with it. One lookup per token gives all of it.
#[derive(Clone, Copy)]
struct WordInfo {
    lists: u32,
    frame: u8,
}

static WORDS: LazyLock<HashMap<&'static str, WordInfo>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, WordInfo> = HashMap::default();
    let mut put = |w: &'static str, bit: u32| {
        m.entry(w)
            .or_insert(WordInfo {
                lists: 0,
                frame: NO_FRAME,
            })
            .lists |= bit;
    };
    let lists: [(&[&'static str], u32); 9] = [
        (PROJECT_NOUNS, list::PROJECT),
        (SAYING, list::SAYING),
        (HOPING, list::HOPING),
        (CONDITIONALS, list::CONDITIONAL),
        (NOUN_EVENT_WORDS, list::NOUN_EVENT),
        (REPORT_NOUNS, list::REPORT_NOUN),
        (PLAN_NOUNS, list::PLAN_NOUN),
        (PLAN_CUES, list::PLAN_CUE),
        (START_VERBS, list::START_VERB),
    ];
    for (words, bit) in lists {
        for w in words {
            put(w, bit);
        }
    }
    for c in FORECAST_CUES {
        put(c[0], list::CUE_FIRST);
    }
    for f in FRAMES {
        for (a, _) in f.phrases {
            put(a, list::PHRASE_FIRST);
        }
    }
    for (i, f) in FRAMES.iter().enumerate() {
        for w in f.words {
            let e = m.entry(*w).or_insert(WordInfo {
                lists: 0,
                frame: NO_FRAME,
            });
            if e.frame == NO_FRAME {
                e.frame = i as u8;
            }
        }
    }
    m
});

/// The first word of each frame phrase, with its second word and frame.
static FRAME_PHRASES: LazyLock<HashMap<&'static str, Vec<(&'static str, u8)>>> =
    LazyLock::new(|| {
        let mut m: HashMap<&str, Vec<(&str, u8)>> = HashMap::default();
        for (i, f) in FRAMES.iter().enumerate() {
            for (a, b) in f.phrases {
                m.entry(*a).or_default().push((*b, i as u8));
            }
        }
        m
    });

impl<'a> Sent<'a> {
    fn new(text: &'a str, seg: &'a Segmentation, si: usize) -> Sent<'a> {
        let toks = seg.sentence_tokens(si);
        let lower: Vec<Cow<'a, str>> = toks
            .iter()
            .map(|t| match seg.lower(t.span) {
                Cow::Owned(l) if l.contains('’') => Cow::Owned(l.replace('’', "'")),
                l => l,
            })
            .collect();
        let mut lists: Vec<u32> = Vec::with_capacity(lower.len());
        let mut frames: Vec<[u8; 3]> = Vec::with_capacity(lower.len());
        for (k, w) in lower.iter().enumerate() {
            let Some(info) = WORDS.get(w.as_ref()) else {
                lists.push(0);
                frames.push([NO_FRAME; 3]);
                continue;
            };
            let word = info.frame;
            let not_noun = if info.lists & list::NOUN_EVENT != 0 {
                NO_FRAME
            } else {
                word
            };
            let phrase = if info.lists & list::PHRASE_FIRST == 0 {
                NO_FRAME
            } else {
                FRAME_PHRASES.get(w.as_ref()).map_or(NO_FRAME, |next| {
                    next.iter()
                        .filter(|(b, _)| lower.get(k + 1).is_some_and(|x| x == b))
                        .map(|&(_, i)| i)
                        .min()
                        .unwrap_or(NO_FRAME)
                })
            };
            lists.push(info.lists);
            frames.push([word, not_noun, phrase]);
        }
        let mut s = Sent {
            text,
            toks,
            lower,
            lists,
            cues: Vec::new(),
            frames,
        };
        s.cues = (0..s.lower.len()).map(|k| cue_at(&s, k)).collect();
        s
    }
    /// Whether token `i` is in the word list `bit` ([`list`]).
    fn has(&self, i: usize, bit: u32) -> bool {
        self.lists.get(i).is_some_and(|l| l & bit != 0)
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.lower.get(i).is_some_and(|x| x == w)
    }
    fn seq_at(&self, i: usize, seq: &[&str]) -> bool {
        seq.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }
}

/// Where clauses end: a semicolon, a colon, or a comma before a conjunction.
fn clause_bounds(s: &Sent<'_>, at: usize) -> (usize, usize) {
    let n = s.toks.len();
    let boundary = |k: usize| {
        s.lower[k] == ";"
            || s.lower[k] == ":"
            || (s.lower[k] == ","
                && s.lower.get(k + 1).is_some_and(|w| {
                    ["while", "but", "although", "whereas", "and", "which", "who"]
                        .contains(&w.as_ref())
                        || w.ends_with("ing")
                }))
    };
    let start = (0..at)
        .rev()
        .find(|&k| boundary(k) || s.lower[k] == "that" || s.lower[k] == "\"" || s.lower[k] == "“")
        .map_or(0, |k| k + 1);
    let end = (at..n).find(|&k| boundary(k)).unwrap_or(n);
    (start, end)
}

/// The event a clause names: the first frame, in priority order, with a word or phrase in it.
fn event_of(s: &Sent<'_>, from: usize, to: usize, nouns: bool) -> &'static str {
    event_at(s, from, to, nouns).map_or("other", |(_, e)| e)
}

/// The event of tokens `from..to` and the token that names it.
fn event_at(s: &Sent<'_>, from: usize, to: usize, nouns: bool) -> Option<(usize, &'static str)> {
    // "Construction will start", "construction began": the start of construction.
    let has = |ws: &[&str]| (from..to).any(|k| ws.contains(&s.lower[k].as_ref()));
    if has(&["construction"])
        && has(&[
            "start", "starts", "started", "begin", "begins", "began", "begun",
        ])
        && !has(&["complete", "completed", "completion", "finish", "finished"])
    {
        let k = (from..to)
            .find(|&k| s.lower[k] == "construction")
            .unwrap_or(from);
        return Some((k, "construction_start"));
    }
    // The first frame by priority with a word or phrase in the range, at its first token.
    let mut best: Option<(u8, usize)> = None;
    for k in from..to.min(s.frames.len()) {
        let [word, not_noun, phrase] = s.frames[k];
        let mut f = if nouns { word } else { not_noun };
        if k + 1 < to {
            f = f.min(phrase);
        }
        if f != NO_FRAME && best.is_none_or(|(b, _)| f < b) {
            best = Some((f, k));
        }
    }
    best.map(|(f, k)| (k, FRAMES[f as usize].event))
}

fn about_project(s: &Sent<'_>, from: usize, to: usize) -> bool {
    (from..to).any(|k| s.has(k, list::PROJECT))
}

/// The forecast cue starting at token `k`, and its length.
fn forecast_cue(s: &Sent<'_>, k: usize) -> Option<usize> {
    s.cues
        .get(k)
        .filter(|&&len| len > 0)
        .map(|&len| usize::from(len))
}

/// The length of the future form that starts at token `k`, or 0.
fn cue_at(s: &Sent<'_>, k: usize) -> u8 {
    let w = s.lower[k].as_ref();
    // "we'll", "it’ll": a future form inside one token.
    if w.len() > 3 && (w.ends_with("'ll") || w.ends_with("’ll")) {
        return 1;
    }
    // Most words open no future form: one bit test before the sequences.
    if !s.has(k, list::CUE_FIRST) {
        return 0;
    }
    FORECAST_CUES
        .iter()
        .find(|c| s.seq_at(k, c))
        .map_or(0, |c| c.len() as u8)
}

/// Finds the statements of a document.
pub fn extract(layers: &Layers<'_>) -> Vec<Statement> {
    let doc = layers.doc;
    let text = doc.text.as_str();
    let published = doc.meta.published.value.clone();
    let mut out = Vec::new();
    // A speaker announced by a line that ends with a colon: "Lopez told Russian media:".
    let mut carried: Option<(Speaker, Option<String>)> = None;
    let mut last_person: Option<Speaker> = None;
    let mut last_org: Option<Speaker> = None;
    let mut last_reporter: Option<Speaker> = None;
    // Each sentence's span and speaker, whether it starts inside a quotation, and
    // whether a quotation closes in it: a quote of several sentences attributed at its
    // end ("… S3," the minister said) gives its speaker to the sentences before.
    let mut sentence_speakers: Vec<(Span, Option<Speaker>, bool, bool)> = Vec::new();
    let mut open_quote = false;
    let mut prev_end = 0usize;
    // Sentences seen, to let a headline or caption repeated in the text say its
    // statements once.
    let mut seen: HashSet<&str> = HashSet::default();
    for (si, sentence) in layers.seg.sentences.iter().enumerate() {
        let repeated = !doc.in_boilerplate(sentence.span) && {
            let t = text[sentence.span].trim();
            t.split_whitespace().nth(4).is_some() && !seen.insert(t)
        };
        let said_before = out.len();
        if doc.in_boilerplate(sentence.span) {
            carried = None;
            open_quote = false;
            continue;
        }
        // A paragraph break ends any quotation left open.
        if text[prev_end.min(sentence.span.start())..sentence.span.start()].contains("\n\n") {
            open_quote = false;
        }
        prev_end = sentence.span.end();
        let in_quote = open_quote;
        let mut closes = false;
        // Quotation marks are '"' or begin with the byte 0xE2 (“ ”): found by memchr.
        let here = &text[sentence.span];
        for i in memchr::memchr2_iter(b'"', 0xE2, here.as_bytes()) {
            match here[i..].chars().next().unwrap_or(' ') {
                '“' => open_quote = true,
                '”' => {
                    closes |= open_quote;
                    open_quote = false;
                }
                '"' => match straight_quote(text, sentence.span.start() + i) {
                    Some(true) => open_quote = true,
                    Some(false) => {
                        closes |= open_quote;
                        open_quote = false;
                    }
                    None => {}
                },
                _ => {}
            }
        }
        let in_quote = in_quote || text[sentence.span].starts_with(['"', '“']);
        let s = Sent::new(text, layers.seg, si);
        let n = s.toks.len();
        if n == 0 {
            continue;
        }
        let timexes: Vec<&Timex> = layers
            .timexes
            .iter()
            .filter(|t| sentence.span.contains(t.span) && !names_a_report(text, t))
            .collect();
        let entities: Vec<&Entity> = layers
            .entities
            .iter()
            .filter(|e| sentence.span.contains(e.span))
            .collect();
        let tok_of = |sp: Span| {
            s.toks
                .iter()
                .position(|t| t.span.start() >= sp.start())
                .unwrap_or(n)
        };
        // The token after the last one a span covers.
        let tok_end = |sp: Span| {
            s.toks
                .iter()
                .position(|t| t.span.start() >= sp.end())
                .unwrap_or(n)
        };
        // The verb of saying, its speaker and the time it gives.
        let says = |k: usize| {
            s.has(k, list::SAYING)
                && !(k > 0 && s.is(k - 1, "is"))
                // "said to be" reports hearsay; "X expects to deliver" is X's word.
                && !(k + 1 < n
                    && s.is(k + 1, "to")
                    && !["expects", "expect", "expected"].contains(&s.lower[k].as_ref()))
        };
        // A verb of saying before one of expecting: in "X expects to …, Y says", Y speaks.
        let expecting = |k: usize| {
            [
                "expects",
                "expect",
                "expected",
                "projects",
                "projected",
                "predicted",
                "estimated",
            ]
            .contains(&s.lower[k].as_ref())
        };
        let saying = (0..n)
            .find(|&k| says(k) && !expecting(k))
            .or_else(|| (0..n).find(|&k| says(k)))
            // "X expressed hope that …", "X hopes the plant will …", when nothing is said.
            .or_else(|| (0..n).find(|&k| s.has(k, list::HOPING)));
        let according =
            (0..n.saturating_sub(1)).find(|&k| s.is(k, "according") && s.is(k + 1, "to"));
        let speaker_entity = |near: usize, after_ok: bool| -> Option<&Entity> {
            let people = entities
                .iter()
                .filter(|e| e.kind == "PERSON" || e.kind == "ORG");
            let in_reach = |e: &&&Entity| tok_of(e.span) < near && near - tok_of(e.span) <= 14;
            // A person before the verb is its subject rather than an organisation in an
            // apposition ("Busygin, who heads the Izhmash factory, said").
            let before = people
                .clone()
                .filter(|e| in_reach(e) && e.kind == "PERSON")
                .max_by_key(|e| e.span.start())
                .or_else(|| {
                    people
                        .clone()
                        .filter(in_reach)
                        .max_by_key(|e| e.span.start())
                });
            // "said Fomin", not "repeated that Tesla will …".
            let after = people
                .filter(|e| tok_of(e.span) > near)
                .min_by_key(|e| e.span.start())
                .filter(|e| {
                    let after_name = s
                        .toks
                        .iter()
                        .position(|t| t.span.start() >= e.span.end())
                        .unwrap_or(n);
                    tok_of(e.span) - near <= 3
                        && !(near..tok_of(e.span)).any(|j| s.is(j, "that"))
                        // "said Fomin." or "said Fomin, who …", not "says the X segment is …".
                        && (after_name >= n || s.toks[after_name].kind == TokenKind::Punct)
                });
            if after_ok {
                after.or(before).copied()
            } else {
                before.or(after).copied()
            }
        };
        let mut speaker: Option<Speaker> = None;
        let mut said_at: Option<String> = None;
        // "X said, according to the newspaper": X speaks, the paper is the source.
        let according = according.filter(|_| saying.is_none());
        // "a report from X", "a review by X's Office of Y": the office, else X.
        let report_issuer = |lo: usize, hi: usize| -> Option<&Entity> {
            let e = entities.iter().copied().find(|e| {
                let k = tok_of(e.span);
                e.kind == "ORG"
                    && (lo..hi).contains(&k)
                    && (1..=3).any(|back| {
                        k > back
                            && (s.is(k - back, "from") || s.is(k - back, "by"))
                            && s.has(k - back - 1, list::REPORT_NOUN)
                    })
            })?;
            Some(office_of(text, &entities, e))
        };
        if let Some(k) = according {
            // "according to a new report from the Authority's Office of Inspector General".
            speaker = report_issuer(k + 2, (k + 10).min(n))
                .or_else(|| speaker_entity(k + 2, true))
                .map(to_speaker);
        } else if let Some(v) = saying {
            // "He said", "he expects to": the pronoun right before the verb is its subject,
            // whoever else the sentence names.
            // "A new report says": the report, whoever the sentence names before it.
            let pronoun = (v.saturating_sub(2)..v).any(|j| {
                ["he", "she"].contains(&s.lower[j].as_ref()) || s.has(j, list::REPORT_NOUN)
            });
            // "said Fomin" is rarer than "Fomin said"; "X, head of Y, said".
            if !pronoun {
                speaker = speaker_entity(v, false).map(to_speaker);
            }
            // "He said", "the company said", "The Turkish president said": the person or
            // organisation the text last named, or, for a title, names next.
            if speaker.is_none() {
                let subject = (v.saturating_sub(4)..v).rev().find_map(|j| {
                    let w = s.lower[j].as_ref();
                    if ["he", "she"].contains(&w) || PERSON_NOUNS.contains(&w) {
                        Some(("PERSON", w))
                    } else if REPORT_NOUNS.contains(&w) {
                        Some(("REPORT", w))
                    } else if ["it", "they"].contains(&w) || ORG_REFERENCES.contains(&w) {
                        Some(("ORG", w))
                    } else {
                        None
                    }
                });
                // "The Turkish president said": the person the document gives that title,
                // the nearest before, else the first after.
                let titled =
                    subject
                        .filter(|(_, w)| PERSON_NOUNS.contains(w))
                        .and_then(|(_, title)| {
                            let holds = |e: &&Entity| {
                                e.kind == "PERSON"
                                    && e.role
                                        .as_ref()
                                        .is_some_and(|r| r.title.split(' ').any(|t| t == title))
                            };
                            let here = sentence.span.start();
                            layers
                                .entities
                                .iter()
                                .rev()
                                .filter(holds)
                                .find(|e| e.span.start() < here)
                                .or_else(|| {
                                    layers
                                        .entities
                                        .iter()
                                        .filter(holds)
                                        .find(|e| e.span.start() >= here)
                                })
                                .map(to_speaker)
                        });
                speaker = match subject.map(|(kind, _)| kind) {
                    _ if titled.is_some() => titled,
                    Some("PERSON") => last_person.clone().or_else(|| {
                        let next = layers.seg.sentences.get(si + 1)?;
                        layers
                            .entities
                            .iter()
                            .find(|e| e.kind == "PERSON" && next.span.contains(e.span))
                            .map(to_speaker)
                    }),
                    // "the report says": whoever the text last gave a report to.
                    Some("REPORT") => last_reporter
                        .clone()
                        .or_else(|| issuer_ahead(text, layers.entities, sentence.span.end()))
                        .or_else(|| last_org.clone()),
                    Some(_) => last_org.clone(),
                    None => None,
                };
            }
            // "said Wednesday", "said last spring", or a date before the verb: "In
            // October 2021 … announced", "on May 27, … told", "Last year … told".
            // A statement is not made after its article was published.
            let not_future = |t: &&&Timex| {
                let (Some(p), Some(v)) = (
                    published.as_deref().and_then(first_month),
                    first_month(&t.value),
                ) else {
                    return true;
                };
                v <= p
            };
            said_at = timexes
                .iter()
                .filter(|t| t.kind == "DATE" && !t.value.ends_with("_REF"))
                .filter(not_future)
                .find(|t| {
                    let tk = tok_of(t.span);
                    let opens = tk == 0
                        || ["in", "on", "back", "since"].contains(&s.lower[tk - 1].as_ref())
                        || s.lower.get(tk).is_some_and(|w| w == "last");
                    // A date after a future form is its target, not when it was said
                    // ("will start in 2017, the minister said").
                    let cue_between = (0..v.min(n))
                        .any(|j| j < tk && forecast_cue(&s, j).is_some())
                        || (tk..v).any(|j| forecast_cue(&s, j).is_some());
                    tk == v + 1
                        || (tk == v + 2 && (s.is(v + 1, "in") || s.is(v + 1, "on")))
                        || (tk < v && tk + 14 >= v && opens && !cue_between)
                })
                .map(|t| t.value.clone());
        }
        // A plan in the passive, with its agent: "is being promoted by the rail authority
        // to be its first operational segment by 2028".
        if speaker.is_none()
            && let Some(by) = (1..n.saturating_sub(1))
                .find(|&j| s.is(j, "by") && PROMOTING.contains(&s.lower[j - 1].as_ref()))
        {
            let agent = entities
                .iter()
                .find(|e| {
                    matches!(e.kind, "ORG" | "PERSON") && (by + 1..by + 3).contains(&tok_of(e.span))
                })
                .map(|e| to_speaker(e))
                .or_else(|| {
                    // "the rail authority": the organisation of that name named before.
                    let noun = (by + 1..(by + 4).min(n))
                        .find(|&j| ORG_REFERENCES.contains(&s.lower[j].as_ref()))?;
                    let here = sentence.span.start();
                    layers
                        .entities
                        .iter()
                        .rev()
                        .filter(|e| e.kind == "ORG" && e.span.start() < here)
                        .find(|e| {
                            e.name
                                .rsplit(' ')
                                .next()
                                .is_some_and(|w| w.eq_ignore_ascii_case(&s.lower[noun]))
                        })
                        .map(to_speaker)
                        .or_else(|| last_org.clone())
                });
            speaker = agent;
        }
        // A headline attributed after a colon: "Plant construction to start in 2018:
        // Erdogan".
        if speaker.is_none()
            && let Some(colon) = (0..n).rev().find(|&j| s.is(j, ":"))
            && colon + 1 < n
            && let Some(e) = entities.iter().find(|e| {
                (e.kind == "PERSON" || e.kind == "ORG")
                    && tok_of(e.span) == colon + 1
                    && e.span.end() >= s.toks[n - 1].span.start()
            })
        {
            speaker = Some(to_speaker(e));
        }
        let mut spoke_carried = false;
        if speaker.is_none()
            && let Some((sp, said)) = &carried
        {
            speaker = Some(sp.clone());
            spoke_carried = true;
            if said_at.is_none() {
                said_at = said.clone();
            }
        }
        // The forecasts of the sentence, one per cue.
        let mut found_forecast = false;
        let mut prev_end: Option<usize> = None;
        let mut k = 0;
        while k < n {
            let Some(len) = forecast_cue(&s, k) else {
                k += 1;
                continue;
            };
            // A conditional is no forecast ("would run out of money if …"), nor is a
            // milestone not yet reached ("has yet to open": an outcome, a delay).
            if (0..n).any(|j| s.has(j, list::CONDITIONAL)) && (s.is(k, "would") || s.is(k, "could"))
                || (k > 0 && s.is(k - 1, "yet"))
            {
                k += len;
                continue;
            }
            let (from, clause_end) = clause_bounds(&s, k);
            // Two future forms in one clause are two forecasts: each reaches to the next.
            let to = (k + len..clause_end)
                .find(|&j| forecast_cue(&s, j).is_some() && !s.is(j, "be"))
                .unwrap_or(clause_end);
            // "initially planned the first flight in 2019": a plan with its date; not "as
            // planned", "the planned bridge".
            if s.has(k, list::PLAN_CUE)
                && (k > 0
                    && ["as", "than", "the", "a", "an", "its", "their"]
                        .contains(&s.lower[k - 1].as_ref())
                    || !timexes.iter().any(|t| {
                        let tk = tok_of(t.span);
                        t.kind == "DATE" && tk > k && tk < to && !t.value.ends_with("_REF")
                    }))
            {
                k += len;
                continue;
            }
            // "X hopes (that) the plant will …": the hope frames the forecast that follows.
            if s.has(k, list::HOPING) && to < clause_end {
                k += len;
                continue;
            }
            // A second forecast of the sentence starts after the first one.
            let from = prev_end.map_or(from, |e| e.max(from));
            // The verb phrase of the future form names the event; the subject may too
            // ("production is scheduled to begin").
            let near = event_of(
                &s,
                k.saturating_sub(4).max(from),
                (k + len + 14).min(to),
                true,
            );
            // "The construction of the … plant … will start": the subject says what starts.
            let starts = (k..(k + len + 3).min(to)).any(|j| s.has(j, list::START_VERB));
            let event = match near {
                "other" | "operation_start" if starts => {
                    if (from..k).any(|j| s.is(j, "construction")) {
                        "construction_start"
                    } else if (from..k).any(|j| {
                        ["operation", "operations", "production", "service"]
                            .contains(&s.lower[j].as_ref())
                    }) {
                        "operation_start"
                    } else {
                        near
                    }
                }
                // "Delivery of the first airplane is now expected in 2025": the subject
                // names the event when the verb does not.
                "other" => (from..k)
                    .filter(|&j| s.has(j, list::NOUN_EVENT))
                    .find_map(|j| event_at(&s, j, j + 1, true))
                    .map_or("other", |(_, e)| e),
                _ => near,
            };
            let target_tx = timexes
                .iter()
                .filter(|t| {
                    let tk = tok_of(t.span);
                    tk >= from
                        && tk < to
                        && tk != saying.map_or(usize::MAX, |v| v + 1)
                        && !t.value.starts_with("PAST")
                        && !t.value.starts_with("PRESENT")
                        && Some(&t.value) != said_at.as_ref()
                        // A rate ("35 billion kWh per year") or a stretch of time ("for
                        // five years") is no deadline.
                        && t.kind != "SET"
                        && !(t.kind == "DURATION"
                            && tk > 0
                            && ["per", "a", "an", "every", "each", "for", "last", "past"]
                                .contains(&s.lower[tk - 1].as_ref()))
                        // Nor is a delay: "six years later than planned", "a year behind".
                        && !(t.kind == "DURATION" && {
                            let end = t.span.end();
                            let after = s.toks.iter().position(|x| x.span.start() >= end).unwrap_or(n);
                            after < n
                                && ["later", "earlier", "behind", "late", "longer", "ahead"]
                                    .contains(&s.lower[after].as_ref())
                        })
                })
                .find(|t| tok_of(t.span) > k || t.kind == "DURATION" || t.value == "FUTURE_REF")
                .copied()
                // "we'll be able to do a demonstration drive …, and then having the car go
                // park itself, by the end of next year": a deadline after the clause, before
                // another future form or the end of the quotation.
                .or_else(|| {
                    let stop = (to..n)
                        .find(|&j| {
                            forecast_cue(&s, j).is_some()
                                || Some(j) == saying
                                || ["\"", "”"].contains(&s.lower[j].as_ref())
                        })
                        .unwrap_or(n);
                    timexes
                        .iter()
                        .find(|t| {
                            let tk = tok_of(t.span);
                            tk >= to
                                && tk < stop
                                && t.kind == "DATE"
                                && !t.value.starts_with("PAST")
                                && !t.value.starts_with("PRESENT")
                                && matches!(t.signal, Some("by" | "before" | "no later than"))
                        })
                        .copied()
                });
            let asap = (from..to).any(|j| s.seq_at(j, &["as", "soon", "as", "possible"]));
            let target = target_of(&s, target_tx, asap, from, k);
            let dated = target.value.is_some();
            if !dated && (event == "other" || !about_project(&s, from, to)) {
                k += len;
                continue;
            }
            let subject = subject_of(&s, from, k);
            found_forecast = true;
            // To the end of the target ("by the end of 2020", not "by the").
            let last = target_tx
                .map_or(to, |t| tok_end(t.span))
                .clamp(k + 1, to.max(k + 1))
                .min(n);
            // The first forecast of a sentence spans from its start (the clause it
            // hangs on is part of what was said); a later one from where the last ended.
            let span_from = prev_end.unwrap_or(0);
            let span = s.toks[span_from.min(n - 1)]
                .span
                .cover(s.toks[last - 1].span);
            prev_end = Some(last);
            // No verb of saying: an organisation or person that is the subject of the
            // intention ("Boeing initially planned …", "Boeing had intended to …").
            let speaker = speaker.clone().or_else(|| {
                entities
                    .iter()
                    .filter(|e| e.kind == "PERSON" || e.kind == "ORG")
                    .find(|e| {
                        let t = tok_of(e.span);
                        t >= from && t < k && t <= from + 2
                    })
                    .map(|e| to_speaker(e))
            });
            out.push(Statement {
                span,
                kind: "forecast",
                event,
                speaker,
                subject,
                said: said_at.clone().or_else(|| published.clone()),
                target: Some(target),
                when: None,
                cause: None,
            });
            k = to.max(k + len);
        }
        // A forecast told as a noun phrase: "full completion in 2033", "first deliveries
        // by 2025", "the first segment operable in 2029", "its 2023 target start-up
        // date", "sets 2030 as the target" — with a date after publication; one per date.
        // A date told as a target stands beside a future form ("likely to miss its 2023
        // target start-up date": a forecast that it slips, and the target itself).
        {
            let cue_found = found_forecast;
            let pub_month = published.as_deref().and_then(first_month);
            let future = |t: &&&Timex| {
                t.kind == "DATE"
                    && !t.value.ends_with("_REF")
                    && first_month(&t.value)
                        .zip(pub_month)
                        .is_some_and(|(v, p)| v > p)
            };
            let mut from = 0;
            for t in timexes.iter().filter(future) {
                let (tb, te) = (
                    tok_of(t.span),
                    s.toks
                        .iter()
                        .position(|x| x.span.start() >= t.span.end())
                        .unwrap_or(n),
                );
                if tb < from {
                    continue;
                }
                // "X in <date>": the event word before the preposition.
                // Or an adjective of state and its noun: "its first operational segment by
                // 2028".
                let before = (!cue_found && tb >= 2 && (s.is(tb - 1, "in") || s.is(tb - 1, "by")))
                    .then(|| {
                        noun_phrase_event(&s.lower[tb - 2])
                            .map(|e| (tb - 2, e))
                            .or_else(|| {
                                (tb >= 3)
                                    .then(|| {
                                        ["operational", "operable", "complete", "completed"]
                                            .contains(&s.lower[tb - 3].as_ref())
                                            .then(|| noun_phrase_event(&s.lower[tb - 3]))
                                            .flatten()
                                    })
                                    .flatten()
                                    .map(|e| (tb - 3, e))
                            })
                    })
                    .flatten();
                // "<date> target (start-up) date", "<date> as the target": a target.
                let target_word = |j: usize| {
                    s.lower
                        .get(j)
                        .is_some_and(|w| ["target", "deadline", "goal"].contains(&w.as_ref()))
                };
                // "a year behind its 2030 target": a slip, told by the outcome.
                let det = tb > 0
                    && ["its", "the", "their", "a", "an", "his", "her"]
                        .contains(&s.lower[tb - 1].as_ref());
                let prev = tb.checked_sub(1 + usize::from(det));
                let missed = prev
                    .is_some_and(|p| ["behind", "beyond", "past"].contains(&s.lower[p].as_ref()));
                let target_at = (!missed)
                    .then(|| {
                        if target_word(te) {
                            Some(te)
                        } else if s.is(te, "as") {
                            (te + 1..te + 3).find(|&k| target_word(k))
                        } else {
                            None
                        }
                    })
                    .flatten();
                let after = target_at.map(|_| {
                    let e = (te..(te + 4).min(n))
                        .find_map(|j| noun_phrase_event(&s.lower[j]))
                        .unwrap_or_else(|| event_of(&s, 0, n, true));
                    (tb, e)
                });
                // "delaying first flight until early 2020", "production paused through to
                // 2023": the date a slip moves the event to.
                // Beside a future form too ("still targeting late 2020 …, which are
                // delaying first flight until early 2020"), unless one of them has that
                // date already.
                let told = out[said_before..].iter().any(|st| {
                    st.kind == "forecast"
                        && st.target.as_ref().is_some_and(|x| {
                            x.value.as_deref() == Some(&t.value) && x.modifier == t.modifier
                        })
                });
                let slipped = (tb >= 1 && !told)
                    .then(|| {
                        let mut p = tb - 1;
                        // "through to 2023"; "pushed back to early 2027, instead of next
                        // year": the date it was moved from is a forecast too.
                        if p > 0
                            && (s.is(p, "to") && s.is(p - 1, "through")
                                || s.is(p, "of") && s.is(p - 1, "instead")
                                || s.is(p, "than") && s.is(p - 1, "rather"))
                        {
                            p -= 1;
                        }
                        [
                            "until", "till", "through", "to", "into", "instead", "rather",
                        ]
                        .contains(&s.lower[p].as_ref())
                        .then_some(p)
                    })
                    .flatten()
                    .and_then(|p| {
                        let from = p.saturating_sub(10);
                        (from..p)
                            .any(|k| SLIP_WORDS.iter().any(|w| s.lower[k].starts_with(w)))
                            .then(|| (tb, event_of(&s, from, p, true)))
                    });
                let Some((j, event)) = before.or(after).or(slipped) else {
                    continue;
                };
                // A target told beside a future form is its own phrase ("its 2023 target
                // start-up date"); otherwise the statement reaches back to the last one.
                let first = if cue_found {
                    j.saturating_sub(1)
                } else {
                    from.min(j)
                };
                let last = (te..(te + 4).min(n))
                    .find(|&k| s.is(k, "date"))
                    .map_or(te, |k| k + 1)
                    .max(target_at.map_or(1, |k| k + 1));
                // "the Authority's business plan … sets 2030 as the target": the plan's
                // owner speaks for it.
                let owner = target_at.and_then(|_| {
                    entities
                        .iter()
                        .filter(|e| {
                            let k = tok_of(e.span);
                            matches!(e.kind, "ORG" | "PERSON")
                                && k < tb
                                && tb - k <= 10
                                && ["'s", "’s"]
                                    .iter()
                                    .any(|p| text[e.span.end()..].starts_with(p))
                                && (k + 1..tb).any(|i| s.has(i, list::PLAN_NOUN))
                        })
                        .max_by_key(|e| e.span.start())
                        .map(|e| to_speaker(e))
                });
                let span = s.toks[first].span.cover(s.toks[last - 1].span);
                out.push(Statement {
                    span,
                    kind: "forecast",
                    event,
                    speaker: owner.or_else(|| speaker.clone()),
                    subject: subject_of(&s, j.saturating_sub(6), j + 1),
                    said: said_at.clone().or_else(|| published.clone()),
                    target: Some(target_of(&s, Some(t), false, j, j)),
                    when: None,
                    cause: None,
                });
                found_forecast = true;
                from = te;
            }
        }
        // An outcome: a project event in a past, perfect or progressive form, not one
        // only aimed at ("doing everything possible to complete", "working to open"; but
        // "managed to complete" happened).
        // Progress told as a share ("the first unit is 95% complete") or a state ("the line
        // under construction"): construction has started.
        let progress = (0..n).any(|j| {
            (s.is(j, "%") || s.is(j, "percent"))
                && (j + 1..(j + 3).min(n)).any(|i| {
                    [
                        "complete",
                        "completed",
                        "finished",
                        "done",
                        "built",
                        "ready",
                    ]
                    .contains(&s.lower[i].as_ref())
                })
        });
        let building = (0..n).any(|j| s.seq_at(j, &["under", "construction"]));
        // "has yet to open", "is yet to complete", "has not yet opened": a milestone not
        // reached by the time of writing, reported as a delay.
        let not_yet = (0..n.saturating_sub(1)).find_map(|j| {
            let cue =
                (s.is(j, "yet") && s.is(j + 1, "to")) || (s.is(j, "not") && s.is(j + 1, "yet"));
            cue.then(|| event_at(&s, j + 2, n.min(j + 5), false))
                .flatten()
                .filter(|&(_, e)| !matches!(e, "other" | "delayed" | "cancelled" | "announced"))
        });
        let event = match event_of(&s, 0, n, false) {
            _ if not_yet.is_some() => "delayed",
            "other" | "construction_complete" if progress => "construction_start",
            "other" if building => "construction_start",
            e => e,
        };
        let aimed = not_yet.is_none()
            && event_at(&s, 0, n, false).is_some_and(|(j, _)| {
                j > 0
                    && s.lower[j - 1] == "to"
                    && !(j > 1
                        && ["managed", "able", "succeeded", "used"]
                            .contains(&s.lower[j - 2].as_ref()))
            });
        // A delay reported along with its new date is an outcome and a forecast, and so
        // is progress ("95% finished, and the start is planned for 2026").
        let event = if found_forecast && progress && !matches!(event, "delayed" | "cancelled") {
            "construction_start"
        } else {
            event
        };
        if !found_forecast || event == "delayed" || event == "cancelled" || progress {
            // A state says it as well as a tense: "under construction", "underway".
            let state = progress
                || (0..n).any(|j| {
                    s.is(j, "underway")
                        || s.seq_at(j, &["under", "construction"])
                        || s.seq_at(j, &["behind", "schedule"])
                        // "is two years late", "is 18 months behind".
                        || (s.is(j, "late") || s.is(j, "behind"))
                            && j > 0
                            && ["years", "year", "months", "month", "weeks"]
                                .contains(&s.lower[j - 1].as_ref())
                });
            let past = state
                || not_yet.is_some()
                || (0..n).any(|j| {
                    let w = &s.lower[j];
                    (w.ends_with("ed") && w.len() > 4 && s.toks[j].kind == TokenKind::Word)
                        || [
                            "has", "have", "had", "already", "began", "begun", "opened", "built",
                        ]
                        .contains(&w.as_ref())
                        || w.ends_with("ing")
                            && j > 0
                            && ["is", "are", "was", "were"].contains(&s.lower[j - 1].as_ref())
                }) && !(0..n).any(|j| s.is(j, "will") || s.is(j, "would"));
            let dated = timexes
                .iter()
                .any(|t| t.kind == "DATE" && !t.value.ends_with("_REF"));
            if event != "other"
                && !aimed
                && (event != "announced" || dated)
                && past
                && (about_project(&s, 0, n)
                    // "The work is now about 95% finished": progress on the works.
                    || progress
                        && (0..n).any(|j| s.is(j, "work") || s.is(j, "works")))
            {
                // Not reached yet: as of when it was said (a date in the sentence is
                // another promise's).
                let when = timexes
                    .iter()
                    .filter(|_| not_yet.is_none())
                    .find(|t| t.kind == "DATE" && !t.value.ends_with("_REF"))
                    .map(|t| t.value.clone())
                    .or_else(|| said_at.clone())
                    .or_else(|| published.clone());
                let cause = if event == "delayed" {
                    cause_of(&s)
                } else {
                    None
                };
                out.push(Statement {
                    span: sentence.span,
                    kind: "outcome",
                    event,
                    speaker: None,
                    subject: subject_of(&s, 0, n.min(8)),
                    said: None,
                    target: None,
                    when,
                    cause,
                });
            }
        }
        if let Some(e) = entities.iter().rev().find(|e| e.kind == "PERSON") {
            last_person = Some(to_speaker(e));
        }
        // A forecast with no speaker in a sentence about a plan or a report ("The new
        // cost estimate is $77 billion, with the first segment operable in 2029") is the
        // word of whoever issued it last.
        if let Some(reporter) = &last_reporter
            && (0..n).any(|k| s.has(k, list::PLAN_NOUN) || s.has(k, list::REPORT_NOUN))
        {
            for st in out[said_before..]
                .iter_mut()
                .filter(|st| st.kind == "forecast" && st.speaker.is_none())
            {
                st.speaker = Some(reporter.clone());
            }
        }
        // Who gives a report: "a report from X", "a review by X", "X reported".
        if let Some(e) = report_issuer(0, n) {
            last_reporter = Some(to_speaker(e));
        } else if saying.is_some_and(|v| s.lower[v].starts_with("report")) && speaker.is_some() {
            last_reporter = speaker.clone();
        } else if let Some(v) = (0..n).find(|&k| {
            PUBLISHING.contains(&s.lower[k].as_ref())
                && (k + 1..(k + 9).min(n))
                    .any(|j| s.has(j, list::REPORT_NOUN) || s.has(j, list::PLAN_NOUN))
        }) && let Some(e) = entities
            .iter()
            .filter(|e| matches!(e.kind, "ORG" | "PERSON") && tok_of(e.span) < v)
            .max_by_key(|e| e.span.start())
        {
            // "The Authority unveiled the draft of an updated business plan": what the
            // plan says, the Authority says.
            last_reporter = Some(to_speaker(e));
        }
        if let Some(e) = entities.iter().rev().find(|e| e.kind == "ORG") {
            last_org = Some(to_speaker(e));
        }
        // A line that ends with a colon hands its speaker to the quote that follows; a
        // quote attributed at its end hands it to a quote that goes on in the next
        // sentence.
        let opens_quote = |i: usize| {
            layers
                .seg
                .sentences
                .get(i)
                .is_some_and(|next| text[next.span].starts_with(['"', '“']))
        };
        sentence_speakers.push((sentence.span, speaker.clone(), in_quote, closes));
        if repeated {
            out.truncate(said_before);
        }
        // "Musk made the following comments:" and then "I'm confident …", "We will …":
        // the speaker goes on while the sentences speak in the first person.
        let first_person = |i: usize| {
            layers.seg.sentences.get(i).is_some_and(|next| {
                let t = text[next.span].trim_start_matches(['"', '“']);
                let w = t.split_whitespace().next().unwrap_or("");
                FIRST_PERSON.contains(&w.replace('’', "'").as_str())
            })
        };
        carried = if s.lower.last().is_some_and(|w| w == ":")
            || opens_quote(si + 1) && saying.is_some()
        {
            // "Musk made the following comments in a video message:": the person the
            // line names, when no verb of saying gave one.
            speaker
                .clone()
                .or_else(|| {
                    entities
                        .iter()
                        .find(|e| e.kind == "PERSON")
                        .map(|e| to_speaker(e))
                })
                .map(|sp| (sp, said_at.clone()))
        } else if spoke_carried && first_person(si + 1) {
            carried.take()
        } else {
            None
        };
    }
    attribute_quotes(&mut out, &sentence_speakers);
    out
}

/// The office of an organisation named right after it with a possessive ("the
/// Authority's Office of Inspector General"), else the organisation.
fn office_of<'a>(text: &str, entities: &[&'a Entity], e: &'a Entity) -> &'a Entity {
    entities
        .iter()
        .copied()
        .find(|o| {
            o.kind == "ORG"
                && o.span.start() > e.span.end()
                && ["'s", "’s"].contains(&text[e.span.end()..o.span.start()].trim())
        })
        .unwrap_or(e)
}

/// The issuer of a report a text names after byte `from` (within a few sentences): "a
/// new report from the Authority's Office of Inspector General", for "a new report says"
/// before it.
fn issuer_ahead(text: &str, entities: &[Entity], from: usize) -> Option<Speaker> {
    let near: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.span.start() >= from && e.span.start() < from + 1500)
        .collect();
    let e = near.iter().copied().find(|e| {
        if e.kind != "ORG" {
            return false;
        }
        let before = text[..e.span.start()].trim_end();
        let before = before.strip_suffix("the").unwrap_or(before).trim_end();
        let Some(rest) = before
            .strip_suffix("from")
            .or_else(|| before.strip_suffix("by"))
        else {
            return false;
        };
        let word = rest.trim_end().rsplit(' ').next().unwrap_or("");
        REPORT_NOUNS.contains(&word.to_lowercase().as_str())
    })?;
    Some(to_speaker(office_of(text, &near, e)))
}

/// Whether the straight quotation mark at byte `at` opens a quotation (after a space, a
/// bracket or the start) or closes one (after anything else); `None` for one between two
/// letters, which stands for an apostrophe ("the plant"s first unit").
fn straight_quote(text: &str, at: usize) -> Option<bool> {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) {
        return None;
    }
    Some(before.is_none_or(|c| c.is_whitespace() || "([{-–—/".contains(c)))
}

/// Gives a forecast with no speaker, in a sentence inside a quotation, the speaker of the
/// sentence where that quotation closes (at most six sentences on).
fn attribute_quotes(out: &mut [Statement], sentences: &[(Span, Option<Speaker>, bool, bool)]) {
    for st in out
        .iter_mut()
        .filter(|st| st.speaker.is_none() && st.kind == "forecast")
    {
        let Some(i) = sentences.iter().position(|s| s.0.contains(st.span)) else {
            continue;
        };
        if !sentences[i].2 {
            continue;
        }
        st.speaker = sentences[i..]
            .iter()
            .take(6)
            .find(|s| s.3)
            .and_then(|s| s.1.clone());
    }
}

/// The first (year, month) a TIMEX3 date value covers: `2019` → (2019, 1), `2013-SP` →
/// (2013, 3), `2022-H2` → (2022, 7).
fn first_month(v: &str) -> Option<(i32, u32)> {
    let y: i32 = v.get(..4)?.parse().ok()?;
    let rest = v.get(5..).unwrap_or("");
    let part = rest.split('-').next().unwrap_or("");
    let m = match part {
        "" => 1,
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        "WI" => 12,
        p if p.starts_with('Q') => 3 * p[1..].parse::<u32>().ok()? - 2,
        p if p.starts_with('H') => 6 * p[1..].parse::<u32>().ok()? - 5,
        p if p.starts_with('W') => (p[1..].parse::<u32>().ok()? * 7 / 31 + 1).min(12),
        p => p.parse().ok()?,
    };
    Some((y, m))
}

fn to_speaker(e: &Entity) -> Speaker {
    Speaker {
        id: e.id.clone(),
        name: e.name.clone(),
        role: e.role.as_ref().map(|r| r.title.clone()),
    }
}

/// "the company's second-quarter earnings call", "first-half sales": a quarter or half
/// written as an adjective names the period a report covers, not when anything happens.
fn names_a_report(text: &str, t: &Timex) -> bool {
    let lower = t.text.to_ascii_lowercase();
    (lower.ends_with("-quarter") || lower.ends_with("-half"))
        && text[t.span.end()..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_lowercase()))
}

fn target_of(
    s: &Sent<'_>,
    t: Option<&Timex>,
    asap: bool,
    clause_start: usize,
    cue: usize,
) -> Target {
    if asap {
        return Target {
            value: Some("FUTURE_REF".into()),
            modifier: None,
            bound: "asap",
        };
    }
    let Some(t) = t else {
        return Target {
            value: None,
            modifier: None,
            bound: "none",
        };
    };
    // "will not open before 2030", "is unlikely to open before 2030": after it.
    let negated = (clause_start..cue + 3)
        .any(|j| s.is(j, "not") || s.is(j, "won't") || s.is(j, "n't") || s.is(j, "unlikely"));
    let bound = match (t.value.as_str(), t.signal) {
        ("FUTURE_REF", _) => "soon",
        (_, Some("by")) | (_, Some("no later than")) => "by",
        (_, Some("before")) => {
            if negated {
                "after"
            } else {
                "before"
            }
        }
        (_, Some("until" | "not until" | "not before" | "no earlier than" | "after")) => "after",
        (_, Some("within")) => "within",
        _ if t.kind == "DURATION" => "within",
        _ => "in",
    };
    Target {
        value: Some(t.value.clone()),
        modifier: t.modifier,
        bound,
    }
}

/// Nouns of plans whose owner speaks for the dates they give ("Boeing's schedule").
const PLAN_NOUNS: &[&str] = &[
    "plan", "schedule", "timeline", "target", "estimate", "budget",
];

/// The event a word names in a forecast told as a noun phrase ("completion in 2033",
/// "operable in 2029").
fn noun_phrase_event(w: &str) -> Option<&'static str> {
    Some(match w {
        "completion" | "complete" | "completed" => "construction_complete",
        "delivery" | "deliveries" => "delivery",
        "opening" | "launch" | "start-up" | "startup" | "commissioning" | "operable"
        | "operational" | "operations" | "service" => "operation_start",
        _ => return None,
    })
}

/// The noun phrase before the verb: from the clause start to the cue, at most 12 tokens.
fn subject_of(s: &Sent<'_>, from: usize, cue: usize) -> Option<Subject> {
    if cue <= from {
        return None;
    }
    let start = cue.saturating_sub(12).max(from);
    let first = s.toks[start].span;
    let last = s.toks[cue - 1].span;
    let text = s.text[first.cover(last)]
        .trim_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string();
    (!text.is_empty()).then_some(Subject { text })
}

/// The cause of a delay: the words after "because of", "due to", "amid", "blamed … on".
fn cause_of(s: &Sent<'_>) -> Option<String> {
    let n = s.toks.len();
    let k = (0..n).find(|&k| CAUSE_CUES.contains(&s.lower[k].as_ref()))?;
    let mut from = k + 1;
    while from < n && ["of", "to", "on", "the", "by"].contains(&s.lower[from].as_ref()) {
        from += 1;
    }
    let to = (from..n)
        .find(|&j| [",", ".", ";"].contains(&s.lower[j].as_ref()))
        .unwrap_or(n)
        .min(from + 8);
    (from < to).then(|| s.text[s.toks[from].span.cover(s.toks[to - 1].span)].to_string())
}
