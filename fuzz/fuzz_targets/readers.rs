//! Arbitrary bytes as every kind of input (plain text, HTML, JSON Lines, WARC, each
//! also gzipped by its name): no panic, and whatever loads has valid boilerplate spans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use overdue_read::{Body, Format, Loader, RawDoc, ReadOptions, open};
use overdue_text::Span;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 5 {
        0 => Some(Format::Text),
        1 => Some(Format::Html),
        2 => Some(Format::Jsonl),
        3 => Some(Format::Warc),
        _ => None,
    };
    let opts = ReadOptions { max_bytes: 1 << 16, format, lossy: selector & 0x80 != 0, ..ReadOptions::default() };
    let loader = Loader { lossy: opts.lossy, ..Loader::default() };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(if selector & 0x40 != 0 { "input.gz" } else { "input" });
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    if let Ok(stream) = open(&path, &opts) {
        for raw in stream.take(64).flatten() {
            if let Ok(doc) = loader.load(raw) {
                for b in &doc.boilerplate {
                    assert!(Span::new(&doc.text, b.start(), b.end()).is_ok());
                }
            }
        }
    }
    // HTML given as a string, straight to the loader.
    let html = String::from_utf8_lossy(bytes).into_owned();
    let raw = RawDoc { id: "x".into(), body: Body::HtmlStr(html), meta: Default::default(), crawl_date: None, content_type: None };
    let _ = loader.load(raw);
});
