//! The seed articles in `../shared/corpus/seeds`: offsets, sentence boundaries,
//! boilerplate and publication dates.

use std::path::{Path, PathBuf};

use overdue_pipeline::read::{Body, Loader, RawDoc, Sidecar};
use overdue_pipeline::text::{DateSource, Document, Span};
use overdue_pipeline::{Analysis, Record, analyse};
use serde_json::Value;

fn seeds_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    assert!(
        dir.is_dir(),
        "the seeds are expected in {} (../shared beside the checkout)",
        dir.display()
    );
    dir
}

fn seed_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    names
}

fn load(name: &str, with_sidecar: bool) -> Document {
    let path = seeds_dir().join(name);
    let mut loader = Loader::default();
    if with_sidecar {
        loader.sidecar = Sidecar::load(&seeds_dir().join("meta.tsv")).unwrap();
    }
    let raw = RawDoc {
        id: path.to_string_lossy().into_owned(),
        body: Body::Text(std::fs::read(&path).unwrap()),
        meta: Default::default(),
        crawl_date: None,
        content_type: None,
    };
    loader.load(raw).unwrap()
}

fn gold() -> Value {
    serde_json::from_str(&std::fs::read_to_string(seeds_dir().join("gold.json")).unwrap()).unwrap()
}

fn find(text: &str, needle: &str, nth: usize) -> Span {
    let mut from = 0;
    let mut at = None;
    for _ in 0..nth {
        let k = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        at = Some(from + k);
        from += k + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    let start = at.unwrap();
    Span::new(text, start, start + needle.len()).unwrap()
}

fn check_item_spans(text: &str, items: &Value) {
    for item in items.as_array().unwrap() {
        let span = &item["span"];
        let (s, e) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        let sp = Span::new(text, s, e).unwrap_or_else(|err| panic!("{item}: {err}"));
        if let Some(t) = item.get("text").and_then(Value::as_str) {
            assert_eq!(&text[sp], t, "item {item}");
        }
    }
}

#[test]
fn seeds_every_span_slices_to_its_text() {
    for name in seed_names() {
        let doc = load(&name, true);
        // The text is the file's content, unchanged (no BOM in these files).
        let file = std::fs::read_to_string(seeds_dir().join(&name)).unwrap();
        assert_eq!(doc.text, file);
        let a: Analysis = analyse(doc);
        let text = a.doc.text.as_str();
        for b in &a.doc.boilerplate {
            assert_eq!(Span::new(text, b.start(), b.end()).unwrap(), *b);
        }
        for s in &a.seg.sentences {
            let slice = &text[s.span];
            assert_eq!(slice, slice.trim(), "{name}: sentence with outer space");
            assert!(!slice.is_empty());
            for t in a
                .seg
                .sentence_tokens(0)
                .iter()
                .chain(&a.seg.tokens[s.tokens.clone()])
            {
                assert!(!text[t.span].trim().is_empty());
            }
        }
        for t in &a.seg.tokens {
            assert!(
                a.seg.sentences.iter().any(|s| s.span.contains(t.span)),
                "{name}: token outside sentences"
            );
        }
        // Every item that the record carries slices to its own `text`.
        let record: Value = serde_json::to_value(Record::new(&a, false)).unwrap();
        for key in ["timexes", "quantities", "entities", "statements"] {
            check_item_spans(text, &record[key]);
        }
        for b in record["boilerplate"].as_array().unwrap() {
            let (s, e) = (
                b[0].as_u64().unwrap() as usize,
                b[1].as_u64().unwrap() as usize,
            );
            assert!(Span::new(text, s, e).is_ok());
        }
    }
}

#[test]
fn seeds_sentence_boundaries() {
    let expect: &[(&str, &[&str])] = &[
        (
            "000_84a9a10c6d34983d.txt",
            &[
                "Venezuelan Kalashnikov Plant to Begin AK-103 Manufacture in 2019",
                "Matthew Moss",
                "by Matthew Moss",
                "Venezuelan paratroopers with AK-103s",
                "The construction of the plant was first confirmed way back in 2006.",
                "Lopez told Russian media:",
                "The plant will begin its work by the end of next year, the year 2019.",
                "We constantly monitor the construction works.",
                "Kalashnikov AK-103 Rifle (Kalashnikov Concern)",
                "The issues that existed some two or three years ago have been solved.”",
                "The factory is planned to manufacture an estimated 25,000 assault rifles a year.",
                "2\u{a0}of\u{a0}78\u{a0}comments",
                "Yeah, I don't really see that happening.",
            ],
        ),
        (
            "001_4b619cfaf3586c77.txt",
            &[
                "Russia’s Kalashnikov Group is all set to establish a rifles production plant in Venezuela.",
                "Kalashnikov Group will complete the construction of the plant for colleagues in Venezuela, this will definitely happen.",
                "The AK-103 is an assault rifle designed by Russian small arms designer Mikhail Kalashnikov in 1994.",
                "Sergei Chemezov, head of Rostec, alleged in 2019 that the U.S. was interfering with the construction of the plant.",
                "There was a period – it stood for a month, it was impossible to work.",
                "They were quietly imported anyway.",
            ],
        ),
        (
            "002_30f0eebe041c04b8.txt",
            &[
                "Rostec projects that the plant will eventually manufacture up to 70 million cartridges annually, significantly bolstering Venezuela’s domestic munitions supply and reducing its reliance on imports.",
                "The Kalashnikov ammunition plant will produce rounds for Venezuela’s police and army",
                "That’s nearly 200,000 rounds per day — enough to supply a mid-sized army nonstop.",
                "— Kyrylo Shevchenko (@KShevchenkoReal) July 4, 2025",
            ],
        ),
        (
            "003_6080b49b75a1862d.txt",
            &[
                "Russia builds ammunition plant for Kalashnikov rifles in Venezuela, just miles from US influence",
                "Vladimir Putin and Nicolas Maduro shake hands in a file image",
                "Politics",
                "Williams Perdomo",
                "Despite objective constraints, together with Rostec we have carried out this complex infrastructure project and demonstrated to the whole world that we always fulfill our obligations to our partners,\" Mikheev said.",
            ],
        ),
        (
            "004_bb7f32f1facee154.txt",
            &[
                "Construction of Kalashnikov Factories in Venezuala Behind Schedule",
                "\"We are trying to do this as soon as possible.\"",
                "Fomin didn't specify how much the latest delays might hold up production.",
                "In recent years, Russia has sold 100,000 modernized AK-103 rifles to Venezuela.",
                "Dear readers,",
            ],
        ),
    ];
    let counts = [(0, 43), (1, 20), (2, 27), (3, 26), (4, 42)];
    for ((name, sentences), (i, n)) in expect.iter().zip(counts) {
        let a = analyse(load(name, true));
        let got: Vec<&str> = a
            .seg
            .sentences
            .iter()
            .map(|s| &a.doc.text[s.span])
            .collect();
        for s in *sentences {
            assert!(got.contains(s), "{name}: no sentence {s:?} in {got:#?}");
        }
        assert_eq!(got.len(), n, "seed {i} {name}: {got:#?}");
    }
}

#[test]
fn seeds_boilerplate_covers_gold_neutral_passages_and_no_body() {
    let gold = gold();
    for name in seed_names() {
        let doc = load(&name, true);
        let g = &gold["docs"][&name];
        for passage in g["neutral"].as_array().into_iter().flatten() {
            let sp = find(&doc.text, passage.as_str().unwrap(), 1);
            assert!(
                doc.boilerplate.iter().any(|b| b.contains(sp)),
                "{name}: not marked: {passage}"
            );
        }
        for item in g["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .chain(g["quantities"].as_array().unwrap())
        {
            if item.get("optional").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let nth = item.get("nth").and_then(Value::as_u64).unwrap_or(1) as usize;
            let sp = find(&doc.text, item["text"].as_str().unwrap(), nth);
            assert!(
                !doc.in_boilerplate(sp),
                "{name}: body text marked: {}",
                item["text"]
            );
        }
    }
}

#[test]
fn seeds_publication_dates() {
    let gold = gold();
    for name in seed_names() {
        let doc = load(&name, true);
        assert_eq!(doc.meta.published.source, DateSource::Sidecar);
        assert_eq!(
            doc.meta.published.value.as_deref(),
            gold["docs"][&name]["published"].as_str()
        );
    }
    // Without the sidecar, only strong evidence in the text counts.
    let p = load("000_84a9a10c6d34983d.txt", false).meta.published;
    assert_eq!(
        (p.value.as_deref(), p.source),
        (Some("2018-04"), DateSource::Text)
    );
    assert_eq!(p.not_before.as_deref(), Some("2018-04-04"));
    assert_eq!(p.not_after.as_deref(), Some("2018-04-17"));
    let p = load("004_bb7f32f1facee154.txt", false).meta.published;
    assert_eq!(p.value, None, "the banner's date is not the article's");
    assert_eq!(p.source, DateSource::Unknown);
    let p = load("002_30f0eebe041c04b8.txt", false).meta.published;
    assert_eq!(
        (p.value.as_deref(), p.not_before.as_deref()),
        (None, Some("2025-07-04"))
    );
}

#[test]
fn seeds_entity_identities_across_documents() {
    let gold = gold();
    let mut registry = overdue_pipeline::entity::Registry::new();
    let mut by_doc = std::collections::HashMap::new();
    for name in seed_names() {
        let mut a = analyse(load(&name, true));
        registry.assign(&mut a.entities);
        by_doc.insert(name, a);
    }
    let mut ids: std::collections::HashMap<String, Vec<String>> = Default::default();
    let (mut found, mut missing) = (0, Vec::new());
    for c in gold["clusters"].as_array().unwrap() {
        let cid = c["id"].as_str().unwrap().to_string();
        let kind = c["type"].as_str().unwrap();
        for m in c["mentions"].as_array().unwrap() {
            let doc = m[0].as_str().unwrap();
            let text = m[1].as_str().unwrap();
            let nth = m.get(2).and_then(Value::as_u64).unwrap_or(1) as usize;
            let a = &by_doc[doc];
            let sp = find(&a.doc.text, text, nth);
            let hit = a.entities.iter().find(|e| {
                e.span.overlaps(sp)
                    && e.kind == kind
                    && e.span.start().abs_diff(sp.start()) <= 2
                    && e.span.end().abs_diff(sp.end()) <= 3
            });
            match hit {
                Some(e) => {
                    found += 1;
                    ids.entry(cid.clone()).or_default().push(e.id.clone());
                }
                None => missing.push(format!("{doc}: {kind} {text:?}")),
            }
        }
    }
    assert!(missing.is_empty(), "{found} found, missing: {missing:?}");
    for (cid, v) in &ids {
        assert!(
            v.iter().all(|i| i == &v[0]),
            "cluster {cid} split into {v:?}"
        );
    }
    for pair in gold["must_not_merge"].as_array().unwrap() {
        let (a, b) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        if let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) {
            assert_ne!(x[0], y[0], "{a} and {b} share an id");
        }
    }
}
