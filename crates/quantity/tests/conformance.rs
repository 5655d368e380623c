//! Conformance with a peer's specification cases: Microsoft Recognizers-Text's English
//! number, currency and dimension model cases (`../shared/conformance/recognizers-text`,
//! MIT). A number case passes when every expected number is found with its value and no
//! other number is; a currency case when every expected amount is found as money with its
//! value (and ISO code, when the case gives one; sub-units such as cents in the currency's
//! unit, as overdue writes money); a dimension case when every expected
//! measure is found as a dimension with its value and unit. The cases that fail today are
//! in `tests/conformance/known-failures.txt`; the test fails when another case fails and
//! when a listed case passes, so the list only shrinks. `--nocapture` prints the rates,
//! and with `OVERDUE_CONFORMANCE_WHY=1` every failing case and why.

use std::collections::BTreeSet;
use std::path::PathBuf;

use overdue_quantity::{extract, numbers};
use overdue_text::{Document, segment};
use serde_json::Value;

const FILES: &[&str] = &[
    "Number/NumberModel.json",
    "NumberWithUnit/CurrencyModel.json",
    "NumberWithUnit/DimensionModel.json",
];

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/recognizers-text");
    assert!(
        d.is_dir(),
        "the conformance cases are expected in {}",
        d.display()
    );
    d
}

/// The peer's unit names as overdue writes them.
fn unit(name: &str) -> &str {
    match name {
        "Kilometer" => "km",
        "Meter" => "m",
        "Millimeter" => "mm",
        "Centimeter" => "cm",
        "Mile" => "mile",
        "Foot" => "ft",
        "Inch" => "in",
        "Kilogram" => "kg",
        "Ton" | "Metric ton" => "t",
        "Gallon" => "gallon",
        "Barrel" => "barrel",
        "Acre" => "acre",
        "Megabyte" => "MB",
        "Mile per hour" => "mph",
        "Kilometer per hour" => "km/h",
        "Pound" => "lb",
        "Ounce" => "oz",
        "Square meter" => "m2",
        "Square kilometer" => "km2",
        "Cubic foot" => "ft3",
        "Microgram" => "µg",
        "Gram" => "g",
        "Milliliter" => "ml",
        "Decimeter" => "dm",
        "Tablespoon" => "tbsp",
        "Teaspoon" => "tsp",
        "Cup" => "cup",
        "Degree" => "degree",
        "Radian" => "rad",
        "Turn" => "turn",
        "Bit" => "bit",
        other => other,
    }
}

/// What one of the peer's sub-units is worth in its currency's unit.
fn sub_unit(name: &str) -> f64 {
    match name {
        "Cent" | "Pence" | "Penny" => 0.01,
        "Satoshi" => 1e-8,
        _ => 1.0,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn char_to_byte(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

fn check(file: &str, case: &Value) -> Result<(), String> {
    let input = case["Input"].as_str().unwrap_or("");
    let doc = Document::new("case", input);
    let seg = segment(&doc.text);
    let empty = Vec::new();
    let results = case["Results"].as_array().unwrap_or(&empty);
    if file.starts_with("Number/") {
        let got = numbers(&doc, &seg);
        let mut used = vec![false; got.len()];
        for r in results {
            let want: f64 = r["Resolution"]["value"]
                .as_str()
                .and_then(|v| v.parse().ok())
                .ok_or("no value")?;
            let start = char_to_byte(input, r["Start"].as_u64().unwrap_or(0) as usize);
            let end = char_to_byte(input, r["End"].as_u64().unwrap_or(0) as usize + 1);
            match got
                .iter()
                .position(|(sp, v)| sp.start() < end && start < sp.end() && close(*v, want))
            {
                Some(k) => used[k] = true,
                None => return Err(format!("want {want} for {:?}, got {got:?}", r["Text"])),
            }
        }
        if let Some(k) = used.iter().position(|u| !u) {
            return Err(format!("extra number {}", got[k].1));
        }
        return Ok(());
    }
    let got = extract(&doc, &seg);
    for r in results {
        let want: f64 = r["Resolution"]["value"]
            .as_str()
            .and_then(|v| v.parse().ok())
            .ok_or("no value")?;
        // overdue gives money in the currency's unit: 50 cents is 0.50.
        let want = want * sub_unit(r["Resolution"]["unit"].as_str().unwrap_or(""));
        let ok = got.iter().any(|q| {
            close(q.value, want)
                && if file.contains("Currency") {
                    q.kind == "money"
                        && r["Resolution"]["isoCurrency"]
                            .as_str()
                            .is_none_or(|c| q.currency == Some(c))
                } else {
                    q.kind == "dimension"
                        && r["Resolution"]["unit"]
                            .as_str()
                            .is_some_and(|u| q.unit.as_deref() == Some(unit(u)))
                }
        });
        if !ok {
            return Err(format!("want {want} {:?}", r["Resolution"]["unit"]));
        }
    }
    Ok(())
}

#[test]
fn conformance_recognizers_text_numbers() {
    let known: BTreeSet<(String, String)> = include_str!("conformance/known-failures.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(f, i)| (f.to_string(), i.to_string()))
        .collect();
    let (mut new_failures, mut now_passing, mut failing) = (Vec::new(), Vec::new(), Vec::new());
    for file in FILES {
        let text = std::fs::read_to_string(dir().join(file)).unwrap();
        let cases: Vec<Value> = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        let (mut pass, mut fail) = (0, 0);
        for case in &cases {
            let lists = [
                case["NotSupported"].as_str(),
                case["NotSupportedByDesign"].as_str(),
            ];
            if lists
                .iter()
                .flatten()
                .any(|l| l.to_ascii_lowercase().contains("dotnet"))
            {
                continue;
            }
            let input = case["Input"]
                .as_str()
                .unwrap_or("")
                .replace(['\t', '\n'], " ");
            let key = (file.to_string(), input.clone());
            match check(file, case) {
                Ok(()) => {
                    pass += 1;
                    if known.contains(&key) {
                        now_passing.push(format!("{file}\t{input}"));
                    }
                }
                Err(why) => {
                    fail += 1;
                    failing.push(format!("{file}\t{input}"));
                    if std::env::var_os("OVERDUE_CONFORMANCE_WHY").is_some() {
                        println!("FAIL {file} {input:?}: {why}");
                    }
                    if !known.contains(&key) {
                        new_failures.push(format!("{file} {input:?}: {why}"));
                    }
                }
            }
        }
        println!(
            "conformance {file} — {pass} passed, {fail} failed ({:.1}%)",
            100.0 * pass as f64 / (pass + fail).max(1) as f64
        );
    }
    if std::env::var_os("OVERDUE_WRITE_KNOWN_FAILURES").is_some() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/known-failures.txt");
        let header = "# Recognizers-Text cases that fail today (file, TAB, input). The list may only shrink:\n# regenerate with OVERDUE_WRITE_KNOWN_FAILURES=1 cargo test -p overdue-quantity --test conformance\n";
        std::fs::write(path, format!("{header}{}\n", failing.join("\n"))).unwrap();
        return;
    }
    assert!(
        new_failures.is_empty(),
        "{} cases fail that are not known failures:\n{}",
        new_failures.len(),
        new_failures.join("\n")
    );
    assert!(
        now_passing.is_empty(),
        "{} known failures pass now; remove them:\n{}",
        now_passing.len(),
        now_passing.join("\n")
    );
}
