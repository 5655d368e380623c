//! Building the ledger from generated statements (issue 7: 1,000,000 statements in
//! under 10 s, memory in proportion). `cargo bench -p overdue-timeline [-- N]`.

use std::time::Instant;

use overdue_pipeline::statement::{Speaker, Statement, Subject, Target};
use overdue_pipeline::text::Span;
use overdue_timeline::facilities::{facility, phase, several};
use overdue_timeline::ledger::{Input, build_from};
use overdue_timeline::projects::About;

/// A small deterministic generator (xorshift), so that runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const EVENTS: [&str; 7] = [
    "announced",
    "construction_start",
    "construction_complete",
    "operation_start",
    "full_capacity",
    "delivery",
    "delayed",
];
const TYPES: [&str; 8] = [
    "rifle",
    "ammunition",
    "cement",
    "steel",
    "rail",
    "power",
    "water",
    "tyre",
];
const NOUNS: [&str; 5] = ["plant", "factory", "terminal", "line", "bridge"];

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let mut rng = Rng(0x1ed9_e700_5eed_0001);
    let sentences: Vec<String> = (0..64)
        .map(|i| {
            format!(
                "The {} {} will open in 20{:02}, the minister said.",
                TYPES[i % TYPES.len()],
                NOUNS[i % NOUNS.len()],
                10 + i % 20
            )
        })
        .collect();
    let docs: Vec<String> = (0..n / 10 + 1).map(|d| format!("doc-{d:07}")).collect();
    let statements: Vec<(usize, usize, Statement)> = (0..n)
        .map(|i| {
            let s = rng.below(sentences.len() as u64) as usize;
            let text = &sentences[s];
            let forecast = rng.below(10) < 7;
            let year = 2000 + rng.below(30);
            let event = EVENTS[rng.below(EVENTS.len() as u64) as usize];
            let subject = format!(
                "the {} {}",
                TYPES[rng.below(TYPES.len() as u64) as usize],
                NOUNS[rng.below(NOUNS.len() as u64) as usize]
            );
            let st = Statement {
                span: Span::full(text).expect("a span of the whole sentence"),
                kind: if forecast { "forecast" } else { "outcome" },
                event,
                speaker: Some(Speaker {
                    id: format!("e{}", rng.below(20_000)),
                    name: "A Speaker".into(),
                    role: None,
                }),
                subject: Some(Subject { text: subject }),
                said: Some(format!("{}", year.saturating_sub(rng.below(5)))),
                target: forecast.then(|| Target {
                    value: Some(format!("{year}")),
                    modifier: None,
                    bound: "by",
                }),
                when: (!forecast).then(|| format!("{year}-{:02}", 1 + rng.below(12))),
                cause: None,
            };
            (i / 10, s, st)
        })
        .collect();
    // What each statement is about, as `projects` reads it: the words of its subject and
    // sentence (timed apart).
    let t = Instant::now();
    let about: Vec<About> = statements
        .iter()
        .map(|(_, s, st)| {
            let subject = st.subject.as_ref().map_or("", |x| x.text.as_str());
            let named = facility(subject).or_else(|| facility(&sentences[*s]));
            About {
                facilities: named.into_iter().collect(),
                several: several(subject),
                phase: phase(&sentences[*s]),
            }
        })
        .collect();
    let read = t.elapsed().as_secs_f64();
    let projects: Vec<String> = (0..100).map(|p| format!("p{p}")).collect();
    let t = Instant::now();
    let inputs = statements
        .iter()
        .zip(&about)
        .map(|((d, _, st), about)| Input {
            doc: &docs[*d],
            statement: st,
            project: &projects[*d % projects.len()],
            about,
        });
    let ledger = build_from(inputs, Some(jiff::civil::date(2020, 1, 1)));
    let secs = t.elapsed().as_secs_f64();
    let sources: usize = ledger.rows.iter().map(|r| r.sources.len()).sum();
    println!("facilities read: {n} statements in {read:.2} s");
    println!(
        "ledger: {n} statements in {secs:.2} s ({:.0} statements/s): {} rows, {sources} sources",
        n as f64 / secs,
        ledger.rows.len()
    );
}
