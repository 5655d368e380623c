//! Figures across documents: the same measure (a count of one noun, an amount of one
//! currency, a dimension in one unit; rates brought to one day) from several sources,
//! with conflicts flagged where the values cannot both hold ("up to 70 million" and
//! "more than 70 million"), and rates restated in another period checked for agreement
//! ("70 million a year" and "nearly 200,000 a day").

use std::collections::BTreeMap;

use overdue_pipeline::Analysis;
use overdue_pipeline::quantity::Quantity;
use serde::Serialize;

use crate::ledger::Source;
use crate::projects::Grouping;

/// One figure as a document gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Seen {
    /// The text.
    pub text: String,
    /// The number.
    pub value: f64,
    /// How the text bounds it (`exact`, `up_to`, `more_than`, …).
    pub bound: &'static str,
    /// The period of a rate.
    pub per: Option<&'static str>,
    /// The values the wording allows, per day for a rate: `[low, high]`.
    pub allows: (f64, f64),
    /// The values the wording allows, the period left aside.
    #[serde(skip)]
    pub raw: (f64, f64),
    /// Where.
    pub source: Source,
}

/// Two figures of one measure that cannot both hold.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    /// The first, as written.
    pub a: Seen,
    /// The second, as written.
    pub b: Seen,
}

/// A rate restated in another period in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Restated {
    /// The first, as written.
    pub a: Seen,
    /// The second, as written.
    pub b: Seen,
    /// Whether the two allow a common value.
    pub consistent: bool,
    /// The arithmetic: "70,000,000 / 365 = 191,781 per day".
    pub why: String,
}

/// One measure reported more than once.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    /// The project's id.
    pub project: String,
    /// The counted noun, the currency or the unit.
    pub unit: String,
    /// Every figure given, in input order.
    pub values: Vec<Seen>,
    /// Each wording that cannot hold together with the one before it.
    pub conflicts: Vec<Conflict>,
}

/// The figures of the documents given.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Measures given more than once.
    pub measures: Vec<Measure>,
    /// Rates restated in another period.
    pub restated: Vec<Restated>,
}

/// The values a figure's wording allows (per day for a rate). Approximations allow a
/// tenth either way; "nearly" is read as approximate.
pub fn allows(q: &Quantity) -> (f64, f64) {
    let scale = q
        .per_day()
        .map_or(1.0, |d| d / q.value.max(f64::MIN_POSITIVE));
    bounded(q, scale)
}

/// The values a figure's wording allows, its period left aside.
fn raw_allows(q: &Quantity) -> (f64, f64) {
    bounded(q, 1.0)
}

fn bounded(q: &Quantity, scale: f64) -> (f64, f64) {
    let v = q.value * scale;
    let hi = q.value_max.map_or(v, |m| m * scale);
    match q.bound {
        "up_to" | "at_most" | "less_than" => (0.0, v),
        "more_than" => (v * (1.0 + 1e-9), f64::INFINITY),
        "at_least" => (v, f64::INFINITY),
        "approx" => (v * 0.9, hi * 1.1),
        "range" => (v, hi),
        _ => (v * 0.995, hi * 1.005),
    }
}

/// Whether two figures of one unit measure the same thing: two rates, two totals, or a
/// rate and a total with the same number (given once without its period). A rate and a
/// different total are different measures.
fn comparable(x: &Seen, y: &Seen) -> bool {
    x.per.is_some() == y.per.is_some() || (x.value - y.value).abs() <= 0.1 * x.value.max(y.value)
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn seen(q: &Quantity, doc: &str) -> Seen {
    Seen {
        text: q.text.clone(),
        value: q.value,
        bound: q.bound,
        per: q.per,
        allows: allows(q),
        raw: raw_allows(q),
        source: Source {
            doc: doc.to_string(),
            span: q.span,
        },
    }
}

fn grouped(n: f64) -> String {
    let s = format!("{:.0}", n.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds the figures of `docs`, each project's apart.
pub fn build(docs: &[Analysis], grouping: &Grouping) -> Figures {
    let mut tally = Tally::default();
    for (d, a) in docs.iter().enumerate() {
        tally.add(a, &grouping.project(d).id);
    }
    tally.done()
}

/// The figures of documents given one at a time, in input order ([`build`] of them all
/// once [`Tally::done`]): a view built a chunk of documents at a time.
#[derive(Default)]
pub struct Tally {
    /// (project, unit) → figures.
    by_measure: BTreeMap<(String, String), Vec<Seen>>,
    restated: Vec<Restated>,
}

impl Tally {
    /// Adds the figures of a document of the project `project` (its id).
    pub fn add(&mut self, a: &Analysis, project: &str) {
        let (by_measure, restated) = (&mut self.by_measure, &mut self.restated);
        let mut rates: Vec<&Quantity> = Vec::new();
        for q in &a.quantities {
            if !matches!(q.kind, "count" | "money" | "dimension") || !q.value.is_finite() {
                continue;
            }
            let Some(unit) = &q.unit else { continue };
            let rate = q.per_day().is_some();
            if rate {
                rates.push(q);
            }
            by_measure
                .entry((project.to_string(), unit.clone()))
                .or_default()
                .push(seen(q, &a.doc.id));
        }
        // A rate given per year and again per day: does the arithmetic hold?
        for (i, x) in rates.iter().enumerate() {
            for y in &rates[i + 1..] {
                let (Some(dx), Some(dy)) = (x.per_day(), y.per_day()) else {
                    continue;
                };
                if x.per == y.per || dx <= 0.0 || dy <= 0.0 {
                    continue;
                }
                // Restated, not another measure: the same noun, or per-day values within
                // a quarter of each other.
                if x.unit != y.unit && (dx / dy).max(dy / dx) > 1.25 {
                    continue;
                }
                let consistent = overlap(allows(x), allows(y));
                let long = if x.per == Some("P1D") { y } else { x };
                let per_day = long.per_day().unwrap_or(0.0);
                let why = format!(
                    "{} / {} = {} per day",
                    grouped(long.value),
                    grouped(long.value / per_day.max(f64::MIN_POSITIVE)),
                    grouped(per_day)
                );
                restated.push(Restated {
                    a: seen(x, &a.doc.id),
                    b: seen(y, &a.doc.id),
                    consistent,
                    why,
                });
            }
        }
    }

    /// The figures of the documents added.
    pub fn done(self) -> Figures {
        let Tally {
            by_measure,
            restated,
        } = self;
        let measures = by_measure
            .into_iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|((project, unit), values)| {
                // Distinct wordings, then every pair that cannot both hold, across documents.
                let mut conflicts = Vec::new();
                let mut distinct: Vec<&Seen> = Vec::new();
                for s in &values {
                    if !distinct
                        .iter()
                        .any(|d| d.value == s.value && d.bound == s.bound && d.per == s.per)
                    {
                        distinct.push(s);
                    }
                }
                // Each wording against the one before it that it can be compared with: a
                // series that changes over time (a cost that grows) reads as a chain of
                // changes, not as every pair.
                for (i, y) in distinct.iter().enumerate().skip(1) {
                    let Some(x) = distinct[..i].iter().rev().find(|x| comparable(x, y)) else {
                        continue;
                    };
                    let (ax, ay) = if x.per.is_some() && y.per.is_some() {
                        (x.allows, y.allows)
                    } else {
                        (x.raw, y.raw)
                    };
                    if x.source.doc != y.source.doc && !overlap(ax, ay) {
                        conflicts.push(Conflict {
                            a: (*x).clone(),
                            b: (*y).clone(),
                        });
                    }
                }
                Measure {
                    project,
                    unit,
                    values,
                    conflicts,
                }
            })
            .collect();
        Figures { measures, restated }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use overdue_pipeline::text::Span;

    fn q(text: &str, value: f64, bound: &'static str, per: Option<&'static str>) -> Quantity {
        Quantity {
            span: Span::full(text).unwrap(),
            text: text.to_string(),
            kind: "count",
            value,
            value_max: None,
            unit: Some("cartridge".into()),
            currency: None,
            per,
            bound,
            rule: "test",
        }
    }

    #[test]
    fn what_wordings_allow() {
        let up_to = allows(&q("up to 70 million a year", 7e7, "up_to", Some("P1Y")));
        let nearly = allows(&q("nearly 200,000 a day", 2e5, "approx", Some("P1D")));
        assert!((up_to.1 - 191_780.8).abs() < 1.0, "{up_to:?}");
        assert!(overlap(up_to, nearly));
        let more = raw_allows(&q("more than 70 million", 7e7, "more_than", None));
        let up_to_raw = raw_allows(&q("up to 70 million a year", 7e7, "up_to", Some("P1Y")));
        assert!(!overlap(more, up_to_raw));
        let about = allows(&q("about 60 million", 6e7, "approx", None));
        let exact = allows(&q("70 million", 7e7, "exact", None));
        assert!(!overlap(about, exact));
        assert_eq!(grouped(191_780.8), "191,781");
    }
}
