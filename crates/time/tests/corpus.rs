//! Runs the examples of `src/en/corpus.toml` (Duckling's Corpus.hs, as data): each text
//! must give exactly one time expression, over the bracketed part or the whole text, with
//! the expected type, value and mod; each negative text none.

use overdue_text::{DateSource, Document, Published, segment};
use overdue_time::{Timex, extract};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    reference: String,
    example: Vec<Example>,
    negative: Vec<Negative>,
}

#[derive(Deserialize)]
struct Example {
    #[serde(rename = "type")]
    kind: String,
    value: String,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    reference: Option<String>,
    texts: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
}

#[derive(Deserialize)]
struct Negative {
    texts: Vec<String>,
}

fn run(text: &str, reference: &str) -> Vec<Timex> {
    let mut doc = Document::new("corpus", text);
    if !reference.is_empty() {
        doc.meta.published = Published::known(reference, DateSource::Flag);
    }
    let seg = segment(&doc.text);
    extract(&doc, &seg)
}

#[test]
fn time_corpus_examples() {
    let corpus: Corpus =
        toml::from_str(include_str!("../src/en/corpus.toml")).expect("corpus.toml parses");
    let mut failures = Vec::new();
    let mut checked = 0;
    for ex in &corpus.example {
        let reference = ex.reference.as_deref().unwrap_or(&corpus.reference);
        for raw in &ex.texts {
            if ex.skip.contains(raw) {
                continue;
            }
            checked += 1;
            let (text, want) = match (raw.find('['), raw.find(']')) {
                (Some(a), Some(b)) => {
                    let text = format!("{}{}{}", &raw[..a], &raw[a + 1..b], &raw[b + 1..]);
                    let want = raw[a + 1..b].to_string();
                    (text, want)
                }
                _ => (raw.clone(), raw.clone()),
            };
            let mut got = run(&text, reference);
            if raw.contains('[') {
                // Other expressions of the sentence (an anchor) are not this example's.
                let at = text.find(&want).unwrap_or(0);
                got.retain(|t| t.span.start() < at + want.len() && at < t.span.end());
            }
            let ok = got.len() == 1
                && got[0].text == want
                && got[0].kind == ex.kind
                && got[0].value == ex.value
                && got[0].modifier.map(str::to_string) == ex.modifier;
            if !ok {
                let found: Vec<String> = got
                    .iter()
                    .map(|t| {
                        format!(
                            "{:?} {} {} {:?} (rule {:?})",
                            t.text, t.kind, t.value, t.modifier, t.rule
                        )
                    })
                    .collect();
                failures.push(format!(
                    "{raw:?} (ref {reference}): want {want:?} {} {} {:?}; got {found:?}",
                    ex.kind, ex.value, ex.modifier
                ));
            }
        }
    }
    for neg in &corpus.negative {
        for text in &neg.texts {
            checked += 1;
            let got = run(text, &corpus.reference);
            if !got.is_empty() {
                let found: Vec<String> = got
                    .iter()
                    .map(|t| format!("{:?} {} (rule {:?})", t.text, t.value, t.rule))
                    .collect();
                failures.push(format!("negative {text:?}: got {found:?}"));
            }
        }
    }
    assert!(checked > 150, "only {checked} examples");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// "and" joins two days of a range after "between" only: "on May 5 and 6 people died"
/// holds one date, "between May 5 and 6" two.
#[test]
fn and_joins_days_after_between_only() {
    let texts = |t: &str| -> Vec<String> {
        run(t, "2018-04-13")
            .into_iter()
            .map(|x| format!("{}={}", x.text, x.value))
            .collect()
    };
    assert_eq!(texts("On May 5 and 6 people died."), ["May 5=2017-05-05"]);
    assert_eq!(
        texts("The company hired 3 and fired 22 January workers."),
        ["22 January=2018-01-22"]
    );
    assert_eq!(
        texts("It will be held between May 5 and 6."),
        ["May 5=2018-05-05", "6=2018-05-06"]
    );
    assert_eq!(
        texts("It will be held between 4 and 22 January."),
        ["4=2019-01-04", "22 January=2019-01-22"]
    );
}
