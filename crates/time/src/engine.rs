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
}

impl Pat {
    fn is_node(self) -> bool {
        matches!(self, Pat::Point | Pat::YearNode | Pat::Dur | Pat::NumNode)
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
    toks.iter()
        .enumerate()
        .map(|(i, t)| {
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
            let glued_after =
                next.is_some_and(|n| !n.space_before && n.text.chars().all(char::is_alphanumeric));
            let counted = next.is_some_and(|n| {
                n.space_before
                    && n.text.len() > 3
                    && n.text.ends_with('s')
                    && n.text.chars().all(|c| c.is_ascii_lowercase())
                    && !matches!(n.lex, Lex::Unit(_))
            }) && !(i >= 1
                && toks[i - 1].is_any(&[
                    "in", "since", "by", "until", "before", "after", "from", "of", "during", "to",
                    "and", "through",
                ]));
            !(glued_before || glued_letter_before || glued_after || counted)
        })
        .collect()
}

fn tok_matches(p: Pat, t: &Tok<'_>, is_year: bool) -> bool {
    match p {
        Pat::W(words) => t.is_any(words),
        Pat::Month => matches!(t.lex, Lex::Month(_)),
        Pat::Weekday => matches!(t.lex, Lex::Weekday(_)),
        Pat::Num => matches!(t.lex, Lex::Num(_)) && !t.is_any(&["a", "an"]),
        Pat::Ord => matches!(t.lex, Lex::Ord(_)),
        Pat::Unit => matches!(t.lex, Lex::Unit(_)),
        Pat::Season => matches!(t.lex, Lex::Season(_)),
        Pat::Year => is_year,
        Pat::Day => match t.lex {
            Lex::Num(n) => t.digits().is_some() && (1.0..=31.0).contains(&n) && t.text.len() <= 2,
            Lex::Ord(o) => (1..=31).contains(&o) && t.text.as_bytes()[0].is_ascii_digit(),
            _ => false,
        },
        Pat::DecadeTok => {
            let b = t.text.as_bytes();
            b.len() == 5 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b'0' && b[4] == b's'
        }
        Pat::Join => !t.space_before && matches!(t.text, "-" | "‐" | "‑" | "–"),
        Pat::Point | Pat::YearNode | Pat::Dur | Pat::NumNode => false,
    }
}

fn node_matches(p: Pat, n: &Node) -> bool {
    match p {
        Pat::Point => n.sem.is_point(),
        Pat::YearNode => n.sem.is_year(),
        Pat::Dur => n.sem.is_duration(),
        Pat::NumNode => matches!(n.sem, Sem::Num(_)),
        _ => false,
    }
}

struct Window<'a, 'b> {
    toks: &'b [Tok<'a>],
    years: &'b [bool],
    nodes: &'b [Node],
    by_start: &'b [Vec<usize>],
}

impl<'a, 'b> Window<'a, 'b> {
    /// Calls `found(end, items)` for every way `pattern` matches from token `pos`.
    fn matches(
        &self,
        pattern: &[Pat],
        pos: usize,
        items: &mut Vec<Item<'b>>,
        found: &mut dyn FnMut(usize, &[Item<'b>]),
    ) {
        let Some((&p, rest)) = pattern.split_first() else {
            found(pos, items);
            return;
        };
        if p.is_node() {
            let Some(starts) = self.by_start.get(pos) else {
                return;
            };
            for &k in starts {
                let n = &self.nodes[k];
                if node_matches(p, n) {
                    items.push(Item::N(n));
                    self.matches(rest, n.end, items, found);
                    items.pop();
                }
            }
        } else if let Some(t) = self.toks.get(pos)
            && tok_matches(p, t, self.years[pos])
        {
            items.push(Item::T(t));
            self.matches(rest, pos + 1, items, found);
            items.pop();
        }
    }
}

/// Whether any token could take part in a time expression: without one, the window is
/// skipped.
pub fn has_trigger(toks: &[Tok<'_>], triggers: &[&str]) -> bool {
    toks.iter().any(|t| {
        !matches!(t.lex, Lex::Other | Lex::Num(_))
            || t.digits().is_some()
            || (matches!(t.lex, Lex::Num(_)) && !t.is_any(&["a", "an", "one", "half"]))
            || t.is_any(triggers)
    })
}

/// Parses one window: every node the rules make, then the longest non-overlapping ones
/// that are time expressions (not bare numbers).
pub fn parse(rules: &[Rule], toks: &[Tok<'_>], years: &[bool]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut by_start: Vec<Vec<usize>> = vec![Vec::new(); toks.len() + 1];
    let cap = 4 * toks.len() + 8;
    for _ in 0..MAX_PASSES {
        let mut fresh: Vec<Node> = Vec::new();
        {
            let w = Window {
                toks,
                years,
                nodes: &nodes,
                by_start: &by_start,
            };
            let mut items = Vec::with_capacity(8);
            for pos in 0..toks.len() {
                for rule in rules {
                    let first = rule.pattern[0];
                    if first.is_node() {
                        if by_start[pos].is_empty() {
                            continue;
                        }
                    } else if !tok_matches(first, &toks[pos], years[pos]) {
                        continue;
                    }
                    w.matches(rule.pattern, pos, &mut items, &mut |end, its| {
                        let m = Matched {
                            items: its,
                            before: pos.checked_sub(1).map(|b| &toks[b]),
                            after: toks.get(end),
                        };
                        if let Some(sem) = (rule.prod)(&m) {
                            let node = Node {
                                start: pos,
                                end,
                                sem,
                                rule: rule.name,
                            };
                            if !nodes.contains(&node) && !fresh.contains(&node) {
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
        for n in fresh {
            if nodes.len() >= cap {
                break;
            }
            by_start[n.start].push(nodes.len());
            nodes.push(n);
        }
    }
    // Longest first, then leftmost; a bare number is never a time expression.
    let mut order: Vec<usize> = (0..nodes.len())
        .filter(|&k| !matches!(nodes[k].sem, Sem::Num(_)))
        .collect();
    order.sort_by_key(|&k| {
        (
            std::cmp::Reverse(nodes[k].end - nodes[k].start),
            nodes[k].start,
            k,
        )
    });
    let mut taken = vec![false; toks.len()];
    let mut out = Vec::new();
    for k in order {
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
