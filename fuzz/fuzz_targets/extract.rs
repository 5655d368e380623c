//! Arbitrary text and an arbitrary reference date through the whole analysis (every
//! extractor): no panic, every item's span slices the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use overdue_pipeline::text::{DateSource, Document, Published, Span};
use overdue_pipeline::{Record, analyse};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (date, rest) = data.split_at(3);
    let year = 1900 + u16::from(date[0]) * 2 % 300;
    let month = 1 + date[1] % 12;
    let day = 1 + date[2] % 31;
    let mut doc = Document::new("fuzz", String::from_utf8_lossy(rest).into_owned());
    doc.meta.published = Published::known(format!("{year:04}-{month:02}-{day:02}"), DateSource::Flag);
    let a = analyse(doc);
    let v = serde_json::to_value(Record::new(&a, false)).unwrap();
    for key in ["timexes", "quantities", "entities", "statements"] {
        for item in v[key].as_array().unwrap() {
            let s = item["span"][0].as_u64().unwrap() as usize;
            let e = item["span"][1].as_u64().unwrap() as usize;
            assert!(Span::new(&a.doc.text, s, e).is_ok());
        }
    }
});
