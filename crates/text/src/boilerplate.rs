//! Marks web furniture in a text: banners, appeals, author biographies, comment
//! threads, reference lists and related-headline blocks.
//!
//! The text is never cut: boilerplate is returned as ranges of whole lines. The cues
//! are general (line length, sentence punctuation, position in the text, and a small
//! lexicon of the words web pages use for their furniture), after the paragraph
//! classification of jusText (Pomikálek, 2011): each line is classed, then runs at the
//! head and tail of the text and labelled blocks in its middle are marked.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::Span;

/// What a lexicon phrase says about the line it is found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Web furniture: subscription, donation, advertising, sharing, navigation.
    Furniture,
    /// Opens the trailing furniture of a page: comments, appeals, "more by".
    TailOpener,
    /// A reference-list line: "retrieved 04/04/18", "accessed on".
    Reference,
    /// A word of an author's biography.
    Bio,
}

/// The lexicon: phrases matched ASCII-case-insensitively on word boundaries.
const LEXICON: &[(&str, Cue)] = &[
    ("subscribe", Cue::Furniture),
    ("subscribe now", Cue::Furniture),
    ("subscription", Cue::Furniture),
    ("newsletter", Cue::Furniture),
    ("sign up", Cue::Furniture),
    ("log in", Cue::Furniture),
    ("donate", Cue::Furniture),
    ("donation", Cue::Furniture),
    ("support us", Cue::Furniture),
    ("your support", Cue::Furniture),
    ("support today", Cue::Furniture),
    ("need your help", Cue::Furniture),
    ("our journalism", Cue::Furniture),
    ("independent journalism", Cue::Furniture),
    ("make a contribution", Cue::Furniture),
    ("every contribution", Cue::Furniture),
    ("advertisement", Cue::Furniture),
    ("sponsored content", Cue::Furniture),
    ("ad-free", Cue::Furniture),
    ("disabled all ads", Cue::Furniture),
    ("reading experience", Cue::Furniture),
    ("remind me later", Cue::Furniture),
    ("share this", Cue::Furniture),
    ("share on", Cue::Furniture),
    ("follow us", Cue::Furniture),
    ("click here", Cue::Furniture),
    ("all rights reserved", Cue::Furniture),
    ("we use cookies", Cue::Furniture),
    ("privacy policy", Cue::Furniture),
    ("terms of use", Cue::Furniture),
    ("terms of service", Cue::Furniture),
    ("read more", Cue::Furniture),
    ("read also", Cue::Furniture),
    ("see also", Cue::Furniture),
    ("comments", Cue::TailOpener),
    ("join the conversation", Cue::TailOpener),
    ("leave a comment", Cue::TailOpener),
    ("leave a reply", Cue::TailOpener),
    ("a message from", Cue::TailOpener),
    ("dear readers", Cue::TailOpener),
    ("dear reader", Cue::TailOpener),
    ("more by", Cue::TailOpener),
    ("more from", Cue::TailOpener),
    ("about the author", Cue::TailOpener),
    ("you may also like", Cue::TailOpener),
    ("you might also like", Cue::TailOpener),
    ("most read", Cue::TailOpener),
    ("recommended for you", Cue::TailOpener),
    ("retrieved", Cue::Reference),
    ("accessed", Cue::Reference),
    ("archived from", Cue::Reference),
    ("from source", Cue::Reference),
    ("editor", Cue::Bio),
    ("journalist", Cue::Bio),
    ("historian", Cue::Bio),
    ("correspondent", Cue::Bio),
    ("reporter", Cue::Bio),
    ("contributor", Cue::Bio),
    ("columnist", Cue::Bio),
    ("has written", Cue::Bio),
    ("writes about", Cue::Bio),
    ("specialising", Cue::Bio),
    ("specializing", Cue::Bio),
    ("covers", Cue::Bio),
    ("has covered", Cue::Bio),
    ("follow her", Cue::Bio),
    ("follow him", Cue::Bio),
    ("follow them", Cue::Bio),
    ("reach", Cue::Bio),
];

/// Section names that, alone on a line, label a block of links inside an article.
const SECTION_LABELS: &[&str] = &[
    "politics",
    "world",
    "business",
    "economy",
    "opinion",
    "sport",
    "sports",
    "technology",
    "tech",
    "science",
    "health",
    "culture",
    "entertainment",
    "lifestyle",
    "related",
    "related articles",
    "related stories",
    "related news",
    "see also",
    "read also",
    "also read",
    "more",
    "latest",
    "latest news",
    "trending",
    "recommended",
    "most read",
    "most popular",
    "top stories",
    "editor's picks",
    "news",
    "video",
    "watch",
    "live",
    "world news",
    "americas",
    "europe",
    "asia",
    "africa",
    "middle east",
    "defense",
    "defence",
    "military",
    "markets",
];

const MONTH_PREFIXES: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The lexicon's automaton. It runs over an ASCII-lower-cased copy of each line, which
/// lets it use its SIMD prefilter (case-insensitive automata cannot).
static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(LEXICON.iter().map(|(p, _)| p))
        .expect("the boilerplate lexicon is a valid automaton")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Web furniture.
    Bad,
    /// Too short to judge: a name, a button, a label.
    Short,
    /// Neither: a headline, a caption, a short sentence.
    Neutral,
    /// A sentence of prose.
    Good,
}

#[derive(Debug, Clone)]
struct Line {
    span: Span,
    /// Its words.
    words: usize,
    /// Whether its lexicon cues were looked up (lines of many words are looked up only
    /// when their class decides something).
    checked: bool,
    class: Class,
    opener: bool,
    label: bool,
    sentence_end: bool,
}

/// Returns the boilerplate ranges of `text`: whole lines, sorted, merged, never
/// overlapping.
///
/// ```
/// use overdue_text::mark_boilerplate;
/// let text = "Subscribe to our newsletter\n\nThe bridge opened on Monday after years of delay, officials said.\n\nJoin the conversation\n3 comments\n";
/// let marked: Vec<&str> = mark_boilerplate(text).iter().map(|s| &text[*s]).collect();
/// assert_eq!(marked, ["Subscribe to our newsletter", "Join the conversation\n3 comments"]);
/// ```
pub fn mark_boilerplate(text: &str) -> Vec<Span> {
    let mut lines = classify_lines(text);
    if lines.is_empty() {
        return Vec::new();
    }
    let n = lines.len();
    let mut marked = vec![false; n];

    // The head: a run of furniture and short lines before the article, up to its last
    // piece of furniture (the headline that follows the banner stays).
    let mut head_run = 0;
    while head_run < n && {
        ensure(text, &mut lines[head_run]);
        matches!(lines[head_run].class, Class::Bad | Class::Short)
    } {
        head_run += 1;
    }
    if let Some(last_bad) = lines[..head_run]
        .iter()
        .rposition(|l| l.class == Class::Bad)
    {
        marked[..=last_bad].fill(true);
    }
    // A menu: three or more lines of one or two words at the very top.
    let menu = lines[..head_run]
        .iter()
        .take_while(|l| word_count(&text[l.span]) <= 2)
        .count();
    if menu >= 3 && menu < n {
        marked[..menu].fill(true);
    }

    // The tail: from the first opener in the last part of the text (comments, an
    // appeal, "more by") to the end, widened upwards over furniture and short lines.
    let text_len = text.len().max(1);
    let opener = lines
        .iter()
        .position(|l| l.opener && l.span.start() * 10 >= text_len * 3);
    let mut tail_start = opener.unwrap_or(n);
    while tail_start > 0 && {
        ensure(text, &mut lines[tail_start - 1]);
        matches!(lines[tail_start - 1].class, Class::Bad | Class::Short)
    } {
        tail_start -= 1;
    }
    // Without an opener, only a run that holds furniture is taken, from its first
    // piece of furniture on.
    if opener.is_none() {
        match lines[tail_start..]
            .iter()
            .position(|l| l.class == Class::Bad)
        {
            Some(k) => tail_start += k,
            None => tail_start = n,
        }
    }
    // Never the whole text: an article with a tail must keep a body.
    if tail_start > 0 || opener.is_some() {
        marked[tail_start..].fill(true);
    }

    // Labelled blocks inside the body: "Politics" then a headline and a byline.
    let mut i = 0;
    while i < n {
        if lines[i].label {
            let mut j = i + 1;
            while j < n && j <= i + 4 && !lines[j].sentence_end && lines[j].class != Class::Good {
                j += 1;
            }
            if j > i + 1 {
                marked[i..j].fill(true);
                i = j;
                continue;
            }
        }
        // Stray furniture: "Advertisement", "Share this article".
        if lines[i].class == Class::Bad
            && !lines[i].sentence_end
            && word_count(&text[lines[i].span]) <= 8
        {
            marked[i] = true;
        }
        i += 1;
    }

    // Merge marked lines into ranges; only blank lines lie between two lines that
    // follow each other here, so consecutive marked lines form one range.
    let mut out: Vec<Span> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if !marked[k] {
            continue;
        }
        match out.last_mut() {
            Some(last) if k > 0 && marked[k - 1] => *last = last.cover(line.span),
            _ => out.push(line.span),
        }
    }
    out
}

/// Words separated by ASCII white space or no-break spaces, counted on bytes.
fn word_count(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let space = b[i].is_ascii_whitespace() || (b[i] == 0xC2 && b.get(i + 1) == Some(&0xA0));
        if space {
            in_word = false;
            if b[i] == 0xC2 {
                i += 1;
            }
        } else if !in_word {
            in_word = true;
            n += 1;
        }
        i += 1;
    }
    n
}

/// Lines longer than this many bytes are prose: furniture comes in short lines, so the
/// lexicon is not run over them (most of an article's bytes).
const PROSE_BYTES: usize = 600;

/// Lines of more words than this are looked up in the lexicon only when their class
/// decides something: at the head or the tail of the text.
const EAGER_WORDS: usize = 15;

fn cues_of(s: &str, out: &mut Vec<Cue>) {
    out.clear();
    if s.len() > PROSE_BYTES {
        return;
    }
    // The automaton runs over an ASCII-lower-cased copy (offsets are the same).
    let lower = s.as_bytes().to_ascii_lowercase();
    out.extend(
        MATCHER
            .find_iter(&lower[..])
            .filter(|m| on_word_boundaries(s, m.start(), m.end()))
            .map(|m| LEXICON[m.pattern().as_usize()].1),
    );
}

/// Classifies a line that was left unchecked, with its lexicon cues.
fn ensure(text: &str, line: &mut Line) {
    if line.checked {
        return;
    }
    let s = &text[line.span];
    let mut cues = Vec::new();
    cues_of(s, &mut cues);
    *line = classify(s, line.span, line.words, &cues, true);
}

fn classify_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pos = 0;
    let mut cues = Vec::new();
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        // A line runs from one line break to the next: character boundaries.
        let span = Span::trusted(text, start, pos).trim(text);
        if span.is_empty() {
            continue;
        }
        let s = &text[span];
        let words = word_count(s);
        let eager = words <= EAGER_WORDS;
        if eager {
            cues_of(s, &mut cues);
        } else {
            cues.clear();
        }
        lines.push(classify(s, span, words, &cues, eager));
    }
    lines
}

fn classify(s: &str, span: Span, words: usize, cues: &[Cue], checked: bool) -> Line {
    let last = s.chars().next_back().unwrap_or(' ');
    let sentence_end = matches!(last, '.' | '!' | '?' | '…' | '"' | '”' | '’' | ':');
    let mut furniture = 0;
    let mut opener = false;
    let mut reference = false;
    let mut bio = 0;
    for cue in cues {
        match cue {
            Cue::Furniture => furniture += 1,
            // "comments" or "more from" in a sentence is not a comment thread.
            Cue::TailOpener => {
                if words <= 8 {
                    opener = true;
                    furniture += 1;
                }
            }
            Cue::Reference => reference = true,
            Cue::Bio => bio += 1,
        }
    }
    let comment_header = words <= 10 && s.contains(" on ") && is_comment_header(s);
    if comment_header {
        opener = true;
    }
    let label = words <= 3 && {
        let lower = s.trim_end_matches(':').to_lowercase();
        SECTION_LABELS.contains(&lower.as_str())
    };
    let class = if (furniture >= 1 && words <= 15)
        || furniture >= 2
        || (reference && words <= 40)
        || bio >= 3
        || comment_header
    {
        Class::Bad
    } else if words <= 3 || (words <= 5 && !sentence_end) {
        Class::Short
    } else if words >= 8 && sentence_end {
        Class::Good
    } else {
        Class::Neutral
    };
    Line {
        span,
        class,
        opener,
        label,
        sentence_end,
        words,
        checked,
    }
}

fn on_word_boundaries(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A comment's header: a user name, then "on" and a date (`Justy on Apr 17, 2018`), or
/// a date and time stamp alone after a name.
fn is_comment_header(s: &str) -> bool {
    let s = s.trim_start_matches(['•', '·', '-', '*', ' ', '\u{a0}']);
    if s.split_whitespace().count() > 10 {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let Some(k) = lower.rfind(" on ") else {
        return false;
    };
    let date = lower[k + 4..].trim();
    let mut parts = date.split([' ', ',']).filter(|p| !p.is_empty());
    let month = parts.next().unwrap_or("");
    let day = parts.next().unwrap_or("");
    let year = parts.next().unwrap_or("");
    MONTH_PREFIXES.iter().any(|m| month.starts_with(m))
        && day.len() <= 2
        && day.chars().all(|c| c.is_ascii_digit())
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<&str> {
        mark_boilerplate(text).iter().map(|s| &text[*s]).collect()
    }

    #[test]
    fn boilerplate_head_banner_keeps_headline() {
        let text = "×\nEnjoying ad-free reading?\nWe need your help to keep going.\nSupport us\n\nBridge Opens Late\n\nThe bridge opened on Monday, two years after the date first promised by the ministry.\n";
        assert_eq!(
            marked(text),
            ["×\nEnjoying ad-free reading?\nWe need your help to keep going.\nSupport us"]
        );
    }

    #[test]
    fn boilerplate_comment_thread_and_references() {
        let text = "Airport Delayed Again\n\nThe new terminal will not open before 2026, the operator said on Tuesday in a statement.\nThe delay is the third since the work began in 2019, according to the regional government.\n\n‘Terminal delayed’, Daily News, retrieved 03/02/24, from source\n\nJoin the conversation\n2 comments\n  • Sam on Feb 4, 2024\n\n    I do not believe a word of it, they will never finish it at this rate anyway.\n";
        let m = marked(text);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("‘Terminal delayed’"));
        assert!(m[0].ends_with("at this rate anyway."));
    }

    #[test]
    fn boilerplate_related_block_inside_body() {
        let text = "Reactor Restart Slips\nThe reactor was to restart in May, but the regulator has not yet approved the new pumps.\n\nPolitics\nMinister resigns over budget row in the capital\nJane Roe\nEngineers said the approval could take another six months, pushing the restart into next year.\n";
        assert_eq!(
            marked(text),
            ["Politics\nMinister resigns over budget row in the capital\nJane Roe"]
        );
    }

    #[test]
    fn boilerplate_leaves_plain_articles_alone() {
        let text = "Plant Opens\n\nThe plant opened on Monday. It will make 10,000 cars a year, the company said in a statement.\n\nProduction is to double by 2027, according to the ministry, which has supported the project since 2015.\n";
        assert!(marked(text).is_empty());
        assert!(marked("").is_empty());
        assert!(marked("Advertisement").len() <= 1);
    }

    #[test]
    fn boilerplate_stray_furniture_lines() {
        let text = "The bridge opened on Monday after years of delay, officials said in a statement.\nAdvertisement\nIt will carry 40,000 vehicles a day once the approach roads are finished next year.\nSome closing sentence that ends the article here and now, at last.\n";
        assert_eq!(marked(text), ["Advertisement"]);
    }
}
