//! The generated corpus of the benches: news-like articles about slipping projects,
//! the same for every run (shared by the pipeline and store benches through `#[path]`).

#![allow(dead_code)]

/// A small deterministic generator (xorshift), so that every run sees the same corpus.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SUBJECTS: &[&str] = &[
    "The new terminal",
    "The bridge",
    "The plant",
    "Construction of the dam",
    "The rail link",
    "Phase two of the project",
    "The reactor",
];
const VERBS: &[&str] = &[
    "will open",
    "is expected to be completed",
    "should begin production",
    "was delayed",
    "has been plagued by delays",
    "is scheduled to start operations",
];
const TIMES: &[&str] = &[
    "by the end of 2019",
    "in the second half of 2022",
    "next spring",
    "within 18 months",
    "in early 2025",
    "no later than March 2026",
    "last year",
];
const SPEAKERS: &[&str] = &[
    "the minister said on Tuesday",
    "Mr. Smith told reporters",
    "according to the U.S. Department of Energy",
    "Gen. Ortiz said in a statement",
    "the company said",
];
const EXTRAS: &[&str] = &[
    "It will cost an estimated $1.2 billion, up from 800 million dollars in 2016.",
    "\"We are doing everything possible to finish on time,\" the contractor said.",
    "Critics say the 25,000 jobs promised have not materialised.",
    "The plant is designed to produce up to 70 million cartridges a year.",
    "Officials blamed sanctions, power cuts and the collapse of a subcontractor.",
];

pub fn article(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(4096);
    s.push_str(rng.pick(SUBJECTS));
    s.push_str(" Faces New Delay\n\nBy Jane Roe\n\n");
    // News paragraphs are short: one to three sentences, a dozen or two of them.
    let paragraphs = 10 + rng.next() % 15;
    for _ in 0..paragraphs {
        for _ in 0..(1 + rng.next() % 2) {
            s.push_str(&format!(
                "{} {} {}, {}. ",
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(TIMES),
                rng.pick(SPEAKERS)
            ));
        }
        if rng.next().is_multiple_of(2) {
            s.push_str(rng.pick(EXTRAS));
        }
        s.push_str("\n\n");
    }
    s.push_str(
        "Share this article\nJoin the conversation\n3 comments\nSam on Apr 17, 2018\nNot again.\n",
    );
    s
}
