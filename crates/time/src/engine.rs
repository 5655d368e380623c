//! The grammar engine: applies rules over tokens and the nodes earlier rules made, until
//! nothing new is found, then keeps the longest non-overlapping parses.
//!
//! A rule is a name written in surface grammar, a pattern and a production (Duckling's
//! `Rule`). A pattern element matches one token (a word, a month, a number…) or one
//! node (a point in time, a year, a duration). Work per sentence is bounded: sentences
//! are cut into windows of [`MAX_TOKENS`] tokens, at most [`MAX_PASSES`] passes run, and
//! a window holds at most four nodes per token.

use crate::lex::{Lex, Tok, Unit};
use crate::sem::Sem;

/// Tokens per window of work.
pub const MAX_TOKENS: usize = 160;
/// Passes of the rules over one window.
pub const MAX_PASSES: usize = 4;

/// One element of a pattern.
#[derive(Debug, Clone, Copy)]
pub enum Pat {
    /// A token that is one of these words (ASCII case ignored).
    W(&'static [&'static str]),
    /// A month name.
    Month,
    /// A weekday name.
    Weekday,
    /// A number in digits or words.
    Num,
    /// An ordinal.
    Ord,
    /// A calendar unit.
    Unit,
    /// A season.
    Season,
    /// A token that can be a year (see [`year_tokens`]).
    Year,
    /// A day of the month: 1–31 in digits, or an ordinal up to 31st.
    Day,
    /// A decade written `1990s`.
    DecadeTok,
    /// A hyphen or dash with no space on either side.
    Join,
    /// A node that is a point or period of the calendar.
    Point,
    /// A node that is a year.
    YearNode,
    /// A node that is a duration.
    Dur,
    /// A node that is a number.
    NumNode,
    /// A node that is a time of day without its day: `2:46 p.m.`, `noon`.
    ClockNode,
}

impl Pat {
    fn is_node(self) -> bool {
        matches!(
            self,
            Pat::Point | Pat::YearNode | Pat::Dur | Pat::NumNode | Pat::ClockNode
        )
    }
}

/// A parse: tokens `start..end` of the window, its meaning and the rule that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Meaning.
    pub sem: Sem,
    /// The rule's name.
    pub rule: &'static str,
}

/// What a pattern element matched.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A token.
    T(&'a Tok<'a>),
    /// A node.
    N(&'a Node),
}

impl<'a> Item<'a> {
    /// The token, if it is one.
    pub fn tok(&self) -> Option<&'a Tok<'a>> {
        match self {
            Item::T(t) => Some(t),
            Item::N(_) => None,
        }
    }

    /// The node's meaning, if it is a node.
    pub fn sem(&self) -> Option<&'a Sem> {
        match self {
            Item::N(n) => Some(&n.sem),
            Item::T(_) => None,
        }
    }

    /// The number of a number token or node.
    pub fn num(&self) -> Option<f64> {
        match self {
            Item::T(t) => t.num(),
            Item::N(n) => match n.sem {
                Sem::Num(v) => Some(v),
                _ => None,
            },
        }
    }

    /// The unit of a unit token.
    pub fn unit(&self) -> Option<Unit> {
        match self.tok()?.lex {
            Lex::Unit(u) => Some(u),
            _ => None,
        }
    }
}

/// What a production sees: the matched items and the token before the match.
pub struct Matched<'a, 'b> {
    /// The items, one per pattern element.
    pub items: &'b [Item<'a>],
    /// The token before the match, if any.
    pub before: Option<&'a Tok<'a>>,
    /// The token after the match, if any.
    pub after: Option<&'a Tok<'a>>,
    /// The sentence's tokens before the match.
    pub prev: &'a [Tok<'a>],
    /// The sentence's tokens after the match.
    pub rest: &'a [Tok<'a>],
    /// The tokens of the match.
    pub inner: &'a [Tok<'a>],
}

/// A rule of the grammar.
pub struct Rule {
    /// Its name, in surface grammar: `"<month> <year>"`.
    pub name: &'static str,
    /// Its pattern.
    pub pattern: &'static [Pat],
    /// Its production.
    pub prod: fn(&Matched<'_, '_>) -> Option<Sem>,
}

/// Marks the tokens that can be years: four digits from 1800 to 2199, not glued to a
/// designation (`Antey-2500`, `T-1000`), not followed by letters (`2500MW`), not a
/// count of something (`2000 workers`).
pub fn year_tokens(toks: &[Tok<'_>]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    year_tokens_into(toks, &mut out);
    out
}

/// As [`year_tokens`], into `out` (cleared first).
pub fn year_tokens_into(toks: &[Tok<'_>], out: &mut Vec<bool>) {
    out.clear();
    out.extend(toks.iter().enumerate().map(|(i, t)| {
        let Some(n) = t.digits() else { return false };
        if t.text.len() != 4 || !(1800..=2199).contains(&n) {
            return false;
        }
        let glued_before = !t.space_before
            && i >= 1
            && toks[i - 1]
                .text
                .chars()
                .all(|c| matches!(c, '-' | '‐' | '/'))
            && i >= 2
            && !toks[i - 1].space_before
            && toks[i - 2].text.chars().any(char::is_alphabetic)
            && !toks[i - 2].is_any(&[
                "mid", "early", "late", "end", "fiscal", "FY", "pre", "post", "since",
            ]);
        let glued_letter_before = !t.space_before
            && i >= 1
            && toks[i - 1].text.chars().all(char::is_alphabetic)
            && !toks[i - 1].is_any(&["FY"]);
        let next = toks.get(i + 1);
        // Not "2500MW"; but "2016Q3" and "2016H2" are a year and its part.
        let glued_after = next.is_some_and(|n| {
            !n.space_before
                && n.text.chars().all(char::is_alphanumeric)
                && !n.is_any(&["Q1", "Q2", "Q3", "Q4", "H1", "H2"])
        });
        let counted = next.is_some_and(|n| {
            n.space_before
                && n.text.len() > 3
                && n.text.ends_with('s')
                && n.text.chars().all(|c| c.is_ascii_lowercase())
                && !matches!(n.lex, Lex::Unit(_))
        }) && !(i >= 1
            && (toks[i - 1].is_any(&[
                "in", "since", "by", "until", "before", "after", "from", "of", "during", "to",
                "and", "through",
            ]) || matches!(toks[i - 1].lex, Lex::Month(_))));
        !(glued_before || glued_letter_before || glued_after || counted)
    }));
}

fn node_matches(p: Pat, n: &Node) -> bool {
    match p {
        Pat::Point => n.sem.is_point(),
        Pat::YearNode => n.sem.is_year(),
        Pat::Dur => n.sem.is_duration(),
        Pat::NumNode => matches!(n.sem, Sem::Num(_)),
        Pat::ClockNode => matches!(n.sem, Sem::Clock { day: None, .. }),
        _ => false,
    }
}

const K_MONTH: u16 = 1;
const K_WEEKDAY: u16 = 1 << 1;
const K_NUM: u16 = 1 << 2;
const K_ORD: u16 = 1 << 3;
const K_UNIT: u16 = 1 << 4;
const K_SEASON: u16 = 1 << 5;
const K_YEAR: u16 = 1 << 6;
const K_DAY: u16 = 1 << 7;
const K_DECADE: u16 = 1 << 8;
const K_JOIN: u16 = 1 << 9;
/// The kinds fit in ten bits: [`Grammar`] keeps a table of rules for every set of them.
const _: () = assert!(K_JOIN < 1 << 10);

fn kind_bit(p: Pat) -> u16 {
    match p {
        Pat::Month => K_MONTH,
        Pat::Weekday => K_WEEKDAY,
        Pat::Num => K_NUM,
        Pat::Ord => K_ORD,
        Pat::Unit => K_UNIT,
        Pat::Season => K_SEASON,
        Pat::Year => K_YEAR,
        Pat::Day => K_DAY,
        Pat::DecadeTok => K_DECADE,
        Pat::Join => K_JOIN,
        _ => 0,
    }
}

/// The token kinds a token has, as bits.
fn kinds_of(t: &Tok<'_>, is_year: bool) -> u16 {
    let mut k = 0;
    match t.lex {
        Lex::Month(_) => k |= K_MONTH,
        Lex::Weekday(_) => k |= K_WEEKDAY,
        Lex::Num(n) => {
            if !t.is_any(&["a", "an"]) {
                k |= K_NUM;
            }
            if t.digits().is_some() && (1.0..=31.0).contains(&n) && t.text.len() <= 2 {
                k |= K_DAY;
            }
        }
        Lex::Ord(o) => {
            k |= K_ORD;
            if (1..=31).contains(&o) && t.text.as_bytes()[0].is_ascii_digit() {
                k |= K_DAY;
            }
        }
        Lex::Unit(_) => k |= K_UNIT,
        Lex::Season(_) => k |= K_SEASON,
        Lex::Other => {
            let b = t.text.as_bytes();
            // "1990s", and "90s" without its century.
            let decade = |n: usize| {
                b.len() == n + 2
                    && b[..n].iter().all(u8::is_ascii_digit)
                    && b[n] == b'0'
                    && b[n + 1] == b's'
            };
            if decade(3) || decade(1) {
                k |= K_DECADE;
            }
            if !t.space_before && matches!(t.text, "-" | "‐" | "‑" | "–") {
                k |= K_JOIN;
            }
        }
    }
    if is_year {
        k |= K_YEAR;
    }
    k
}

/// A set of vocabulary words, as bits.
#[derive(Clone, Copy, Default)]
struct WordSet([u64; 8]);

impl WordSet {
    fn insert(&mut self, id: u16) {
        self.0[usize::from(id / 64)] |= 1 << (id % 64);
    }
    fn contains(&self, id: u16) -> bool {
        self.0[usize::from(id / 64)] & (1 << (id % 64)) != 0
    }
}

#[derive(Clone, Copy)]
enum CPat {
    Words(WordSet),
    Kind(u16),
    Node(Pat),
}

/// The rules compiled for matching: words as numbers, patterns as bit tests, and for
/// each word or token kind the rules that can start with it.
pub struct Grammar {
    rules: Vec<Rule>,
    pats: Vec<Vec<CPat>>,
    words: crate::lex::Words,
    triggers: WordSet,
    cues: Vec<u8>,
    by_word: Vec<Firsts>,
    /// For each set of token kinds (all ten bits), the rules whose first element is a
    /// kind among them.
    by_kind: Vec<Firsts>,
    node_first: Vec<usize>,
    /// The number of token elements each rule's pattern opens with, before a node.
    lead: Vec<usize>,
    /// `by_word` and `by_kind` with the rules that hold a node only, for the passes after
    /// the first.
    later: [Vec<Firsts>; 2],
}

impl Grammar {
    /// Compiles `rules`; `triggers` are words that open a time expression of their own;
    /// `cues` are words the resolution asks about, with a flag each (see [`Grammar::cue`]).
    pub fn new(rules: Vec<Rule>, triggers: &[&str], cues: &[(&str, u8)]) -> Grammar {
        let mut vocab: std::collections::HashMap<Vec<u8>, u16> = Default::default();
        let mut pats = Vec::new();
        for r in &rules {
            let mut cp = Vec::new();
            for &p in r.pattern {
                cp.push(match p {
                    Pat::W(words) => {
                        let mut set = WordSet::default();
                        for w in words {
                            let n = vocab.len() as u16;
                            let id = *vocab
                                .entry(w.to_ascii_lowercase().into_bytes())
                                .or_insert(n);
                            assert!(id < 512, "the time grammar's vocabulary is full");
                            set.insert(id);
                        }
                        CPat::Words(set)
                    }
                    p if p.is_node() => CPat::Node(p),
                    p => CPat::Kind(kind_bit(p)),
                });
            }
            pats.push(cp);
        }
        let mut trigger_set = WordSet::default();
        for w in triggers {
            let n = vocab.len() as u16;
            let id = *vocab
                .entry(w.to_ascii_lowercase().into_bytes())
                .or_insert(n);
            assert!(id < 512, "the time grammar's vocabulary is full");
            trigger_set.insert(id);
        }
        for (w, _) in cues {
            let n = vocab.len() as u16;
            vocab
                .entry(w.to_ascii_lowercase().into_bytes())
                .or_insert(n);
        }
        assert!(vocab.len() < 512, "the time grammar's vocabulary is full");
        let mut cue_flags = vec![0u8; vocab.len()];
        for (w, flag) in cues {
            cue_flags[usize::from(vocab[&w.to_ascii_lowercase().into_bytes()])] |= flag;
        }
        let mut words = crate::lex::Words::lexicon();
        for (w, &id) in &vocab {
            words.set_id(std::str::from_utf8(w).unwrap_or(""), id);
        }
        let mut by_word = vec![Vec::new(); vocab.len()];
        let mut by_kind = Vec::new();
        let mut node_first = Vec::new();
        for (k, cp) in pats.iter().enumerate() {
            match cp[0] {
                CPat::Words(set) => {
                    for (id, rules) in by_word.iter_mut().enumerate() {
                        if set.contains(id as u16) {
                            rules.push(k);
                        }
                    }
                }
                CPat::Kind(bits) => by_kind.push((bits, k)),
                CPat::Node(_) => node_first.push(k),
            }
        }
        let has_node: Vec<bool> = pats
            .iter()
            .map(|p| p.iter().any(|p| matches!(p, CPat::Node(_))))
            .collect();
        let by_kind: Vec<Vec<usize>> = (0..1u16 << 10)
            .map(|kinds| {
                by_kind
                    .iter()
                    .filter(|&&(bits, _)| kinds & bits != 0)
                    .map(|&(_, k)| k)
                    .collect()
            })
            .collect();
        // Split by the second element; after the first pass only rules that hold a node
        // can match anew (tokens alone match in one way at most, in the first pass).
        let split = |lists: &[Vec<usize>], only_nodes: bool| -> Vec<Firsts> {
            lists
                .iter()
                .map(|l| {
                    let mut f = Firsts::default();
                    for &k in l.iter().filter(|&&k| !only_nodes || has_node[k]) {
                        f.push(k, pats[k].get(1));
                    }
                    f
                })
                .collect()
        };
        let later = [split(&by_word, true), split(&by_kind, true)];
        let (by_word, by_kind) = (split(&by_word, false), split(&by_kind, false));
        let lead = pats
            .iter()
            .map(|p| {
                p.iter()
                    .position(|p| matches!(p, CPat::Node(_)))
                    .unwrap_or(p.len())
            })
            .collect();
        Grammar {
            lead,
            rules,
            pats,
            words,
            triggers: trigger_set,
            cues: cue_flags,
            by_word,
            by_kind,
            later,
            node_first,
        }
    }

    /// The words the tokenizer should know for this grammar.
    pub fn words(&self) -> &crate::lex::Words {
        &self.words
    }

    /// The flags of a cue word (0 if the token is no cue).
    pub fn cue(&self, t: &Tok<'_>) -> u8 {
        t.word
            .and_then(|w| self.cues.get(usize::from(w)).copied())
            .unwrap_or(0)
    }
}

/// The rules that open with one token element, split by what their second element asks
/// of the next token, so that most of them are never looked at.
#[derive(Debug, Default, Clone)]
struct Firsts {
    /// Rules whose second element is a node, or that have none.
    any: Vec<usize>,
    /// Rules whose second element is a word, by that word.
    word: rustc_hash::FxHashMap<u16, Vec<usize>>,
    /// Rules whose second element is a kind of token: its bits and the rule.
    kind: Vec<(u16, usize)>,
}

impl Firsts {
    fn push(&mut self, k: usize, second: Option<&CPat>) {
        match second {
            Some(CPat::Words(set)) => {
                for id in 0..512u16 {
                    if set.contains(id) {
                        self.word.entry(id).or_default().push(k);
                    }
                }
            }
            Some(CPat::Kind(bits)) => self.kind.push((*bits, k)),
            _ => self.any.push(k),
        }
    }

    /// Adds the rules the next token allows to `out`, in the order of the rules (the
    /// order nodes are made in decides between parses of the same length).
    fn candidates(&self, next: Option<Feat>, out: &mut Vec<usize>) {
        let start = out.len();
        out.extend_from_slice(&self.any);
        if let Some(f) = next {
            if let Some(rules) = f.word.and_then(|w| self.word.get(&w)) {
                out.extend_from_slice(rules);
            }
            out.extend(
                self.kind
                    .iter()
                    .filter(|(bits, _)| f.kinds & bits != 0)
                    .map(|&(_, k)| k),
            );
        }
        out[start..].sort_unstable();
    }
}

#[derive(Clone, Copy)]
struct Feat {
    kinds: u16,
    word: Option<u16>,
}

fn cpat_matches(p: &CPat, f: Feat) -> bool {
    match p {
        CPat::Words(set) => f.word.is_some_and(|w| set.contains(w)),
        CPat::Kind(bits) => f.kinds & bits != 0,
        CPat::Node(_) => false,
    }
}

struct Window<'a, 'b> {
    toks: &'b [Tok<'a>],
    feats: &'b [Feat],
    nodes: &'b [Node],
    by_start: &'b [Vec<usize>],
}

impl<'a, 'b> Window<'a, 'b> {
    /// Calls `found(end, items)` for every way `pattern` matches from token `pos`.
    fn matches(
        &self,
        pattern: &[CPat],
        pos: usize,
        items: &mut Vec<Item<'b>>,
        found: &mut dyn FnMut(usize, &[Item<'b>]),
    ) {
        let Some((p, rest)) = pattern.split_first() else {
            found(pos, items);
            return;
        };
        if let CPat::Node(kind) = p {
            let Some(starts) = self.by_start.get(pos) else {
                return;
            };
            for &k in starts {
                let n = &self.nodes[k];
                if node_matches(*kind, n) {
                    items.push(Item::N(n));
                    self.matches(rest, n.end, items, found);
                    items.pop();
                }
            }
        } else if let Some(t) = self.toks.get(pos)
            && cpat_matches(p, self.feats[pos])
        {
            items.push(Item::T(t));
            self.matches(rest, pos + 1, items, found);
            items.pop();
        }
    }
}

/// Buffers the parser reuses from one window to the next (a document's sentences), so
/// that a window costs no allocation but its nodes'.
#[derive(Default)]
pub struct Scratch {
    feats: Vec<Feat>,
    by_start: Vec<Vec<usize>>,
    dirty: Vec<usize>,
    next_dirty: Vec<bool>,
    candidates: Vec<usize>,
    nodes: Vec<Node>,
    fresh: Vec<Node>,
    order: Vec<usize>,
    taken: Vec<bool>,
}

/// Parses one window: every node the rules make, then the longest non-overlapping ones
/// that are time expressions (not bare numbers).
pub fn parse(g: &Grammar, toks: &[Tok<'_>], years: &[bool], sc: &mut Scratch) -> Vec<Node> {
    let Scratch {
        feats,
        by_start,
        dirty,
        next_dirty,
        candidates,
        nodes,
        fresh,
        order,
        taken,
    } = sc;
    feats.clear();
    feats.extend(toks.iter().zip(years).map(|(t, &y)| Feat {
        kinds: kinds_of(t, y),
        word: t.word,
    }));
    // A window without a number, a month, a weekday, a unit, a season, an ordinal or a
    // word that is a time expression by itself holds none.
    // "first", "second" and "last" alone hold none either, unless they may be a day of
    // the month: "on the second.".
    let day_word = |k: usize| {
        k >= 2
            && toks[k - 1].is("the")
            && toks[k - 2].is("on")
            && toks
                .get(k + 1)
                .is_none_or(|a| a.is_any(&[".", ",", ";", ":", "!", "?", ")"]))
    };
    let triggered = feats.iter().zip(toks).enumerate().any(|(k, (f, t))| {
        f.word.is_some_and(|w| g.triggers.contains(w))
            || (f.kinds & !K_JOIN != 0
                && !(f.kinds == K_ORD && t.is_any(&["first", "second", "last"]) && !day_word(k)))
            || matches!(
                t.lex,
                Lex::Month(_) | Lex::Weekday(_) | Lex::Unit(_) | Lex::Season(_)
            )
    });
    if !triggered {
        return Vec::new();
    }
    nodes.clear();
    by_start.iter_mut().for_each(Vec::clear);
    if by_start.len() < toks.len() + 1 {
        by_start.resize_with(toks.len() + 1, Vec::new);
    }
    let cap = 4 * toks.len() + 8;
    // After the first pass, only positions a few tokens before a new node can start a
    // new match (patterns are at most five elements long).
    dirty.clear();
    dirty.extend(0..toks.len());
    for pass in 0..MAX_PASSES {
        fresh.clear();
        {
            let w = Window {
                toks,
                feats,
                nodes,
                by_start,
            };
            let mut items = Vec::with_capacity(8);
            for &pos in dirty.iter() {
                candidates.clear();
                // Rules that start with a node can only match once nodes exist; rules
                // that start with a token are tried again in later passes only if they
                // hold a node further on.
                if !by_start[pos].is_empty() {
                    candidates.extend_from_slice(&g.node_first);
                }
                let f = feats[pos];
                let (by_word, by_kind) = if pass == 0 {
                    (&g.by_word, &g.by_kind)
                } else {
                    (&g.later[0], &g.later[1])
                };
                let next = feats.get(pos + 1).copied();
                if let Some(id) = f.word {
                    by_word[usize::from(id)].candidates(next, candidates);
                }
                if let Some(rules) = by_kind.get(usize::from(f.kinds)) {
                    rules.candidates(next, candidates);
                }
                for &k in candidates.iter() {
                    let pattern = &g.pats[k];
                    // The tokens a pattern opens with, before any node, are checked here
                    // without the matcher (the first by the index that gave the rule).
                    let lead = g.lead[k];
                    if pos + lead > toks.len()
                        || !pattern[1.min(lead)..lead]
                            .iter()
                            .zip(&feats[pos + 1..])
                            .all(|(p, &f)| cpat_matches(p, f))
                    {
                        continue;
                    }
                    if lead == 0
                        && let CPat::Node(kind) = pattern[0]
                        && !by_start[pos].iter().any(|&n| node_matches(kind, &nodes[n]))
                    {
                        continue;
                    }
                    let rule = &g.rules[k];
                    w.matches(pattern, pos, &mut items, &mut |end, its| {
                        let m = Matched {
                            items: its,
                            before: pos.checked_sub(1).map(|b| &toks[b]),
                            after: toks.get(end),
                            prev: &toks[..pos],
                            rest: toks.get(end..).unwrap_or(&[]),
                            inner: &toks[pos..end],
                        };
                        if let Some(sem) = (rule.prod)(&m) {
                            let node = Node {
                                start: pos,
                                end,
                                sem,
                                rule: rule.name,
                            };
                            if !w.nodes.contains(&node) && !fresh.contains(&node) {
                                fresh.push(node);
                            }
                        }
                    });
                }
            }
        }
        if fresh.is_empty() {
            break;
        }
        next_dirty.clear();
        next_dirty.resize(toks.len(), false);
        for n in fresh.iter() {
            next_dirty[n.start.saturating_sub(6)..=n.start.min(toks.len() - 1)].fill(true);
        }
        dirty.clear();
        dirty.extend((0..toks.len()).filter(|&p| next_dirty[p]));
        for n in fresh.drain(..) {
            if nodes.len() >= cap {
                break;
            }
            by_start[n.start].push(nodes.len());
            nodes.push(n);
        }
    }
    // Longest first, then leftmost; a bare number is never a time expression.
    order.clear();
    order.extend((0..nodes.len()).filter(|&k| !matches!(nodes[k].sem, Sem::Num(_))));
    order.sort_unstable_by_key(|&k| {
        (
            std::cmp::Reverse(nodes[k].end - nodes[k].start),
            nodes[k].start,
            k,
        )
    });
    taken.clear();
    taken.resize(toks.len(), false);
    let mut out = Vec::new();
    for &k in order.iter() {
        let n = &nodes[k];
        if taken[n.start..n.end].iter().any(|&t| t) {
            continue;
        }
        taken[n.start..n.end].fill(true);
        out.push(n.clone());
    }
    out.sort_by_key(|n| n.start);
    out
}
