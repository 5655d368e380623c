//! Runs the examples of `src/corpus.toml`: each text gives exactly one quantity over
//! the bracketed part (or the whole text) with the expected kind, value, unit, per and
//! bound; each negative text none.

use overdue_quantity::{Quantity, extract};
use overdue_text::{Document, segment};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    example: Vec<Example>,
    negative: Vec<Negative>,
}

#[derive(Deserialize)]
struct Example {
    kind: String,
    value: f64,
    value_max: Option<f64>,
    unit: Option<String>,
    per: Option<String>,
    #[serde(default = "exact")]
    bound: String,
    texts: Vec<String>,
}

fn exact() -> String {
    "exact".into()
}

#[derive(Deserialize)]
struct Negative {
    texts: Vec<String>,
}

fn run(text: &str) -> Vec<Quantity> {
    let doc = Document::new("corpus", text);
    extract(&doc, &segment(&doc.text))
}

#[test]
fn quantity_corpus_examples() {
    let corpus: Corpus =
        toml::from_str(include_str!("../src/corpus.toml")).expect("corpus.toml parses");
    let mut failures = Vec::new();
    let mut checked = 0;
    for ex in &corpus.example {
        for raw in &ex.texts {
            checked += 1;
            let (text, want) = match (raw.find('['), raw.find(']')) {
                (Some(a), Some(b)) => (
                    format!("{}{}{}", &raw[..a], &raw[a + 1..b], &raw[b + 1..]),
                    raw[a + 1..b].to_string(),
                ),
                _ => (raw.clone(), raw.clone()),
            };
            let got = run(&text);
            let ok = got.len() == 1
                && got[0].text == want
                && got[0].kind == ex.kind
                && (got[0].value - ex.value).abs() <= 1e-9 * ex.value.abs().max(1.0)
                && got[0].value_max == ex.value_max
                && got[0].unit == ex.unit
                && got[0].per.map(str::to_string) == ex.per
                && got[0].bound == ex.bound;
            if !ok {
                let found: Vec<String> = got
                    .iter()
                    .map(|q| {
                        format!(
                            "{:?} {} {} {:?} {:?} per={:?} {} ({})",
                            q.text, q.kind, q.value, q.value_max, q.unit, q.per, q.bound, q.rule
                        )
                    })
                    .collect();
                failures.push(format!(
                    "{raw:?}: want {want:?} {} {} {:?} {:?} per={:?} {}; got {found:?}",
                    ex.kind, ex.value, ex.value_max, ex.unit, ex.per, ex.bound
                ));
            }
        }
    }
    for neg in &corpus.negative {
        for text in &neg.texts {
            checked += 1;
            let got = run(text);
            if !got.is_empty() {
                let found: Vec<String> = got
                    .iter()
                    .map(|q| format!("{:?} {} {:?} ({})", q.text, q.value, q.unit, q.rule))
                    .collect();
                failures.push(format!("negative {text:?}: got {found:?}"));
            }
        }
    }
    assert!(checked > 60, "only {checked} examples");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
