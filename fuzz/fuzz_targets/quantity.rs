//! Arbitrary text through the quantity extractor and the numeral layer alone (faster
//! than the whole analysis, so more inputs a second): no panic, every span slices the
//! text, every value is a number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use overdue_pipeline::quantity::{extract, numbers};
use overdue_pipeline::text::{Document, Span, segment};

fuzz_target!(|data: &[u8]| {
    let doc = Document::new("fuzz", String::from_utf8_lossy(data).into_owned());
    let seg = segment(&doc.text);
    for q in extract(&doc, &seg) {
        assert!(Span::new(&doc.text, q.span.start(), q.span.end()).is_ok());
        assert_eq!(q.text, &doc.text[q.span]);
        assert!(!q.value.is_nan(), "{q:?}");
    }
    for (span, value) in numbers(&doc, &seg) {
        assert!(Span::new(&doc.text, span.start(), span.end()).is_ok());
        assert!(!value.is_nan(), "{value}");
    }
});
