//! Arbitrary text through boilerplate marking, the publication-date scan and the
//! segmenter: no panic, and every span slices the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use overdue_text::{Span, mark_boilerplate, segment};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let bp = mark_boilerplate(&text);
    for b in &bp {
        assert!(Span::new(&text, b.start(), b.end()).is_ok());
    }
    let _ = overdue_read::infer_published(&text, &bp, None);
    let seg = segment(&text);
    for s in &seg.sentences {
        assert!(Span::new(&text, s.span.start(), s.span.end()).is_ok());
        assert!(s.tokens.end <= seg.tokens.len());
    }
    for t in &seg.tokens {
        assert!(Span::new(&text, t.span.start(), t.span.end()).is_ok());
        assert!(!text[t.span].is_empty());
    }
    let _ = overdue_read::front_matter(&text);
});
