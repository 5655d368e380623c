//! Inputs the `quantity` fuzz target found, kept so that they never come back.

use overdue_quantity::{extract, numbers};
use overdue_text::{Document, segment};

/// "0e5555" was 0 × ∞, a NaN (November 2026); "1e999" is ∞. Neither is a number.
#[test]
fn exponents_out_of_range_give_no_number() {
    for text in [
        "0e5555 $",
        "1e999 tons",
        "$ 1e999",
        "2.5^99999",
        "1.3x10^999 m",
        "\u{e4}JOD 1100 11000$555 0e5555*LYD d@llar+s5$1\u{bc}",
    ] {
        let doc = Document::new("fuzz", text);
        let seg = segment(&doc.text);
        for q in extract(&doc, &seg) {
            assert!(q.value.is_finite(), "{text:?}: {q:?}");
        }
        for (_, v) in numbers(&doc, &seg) {
            assert!(v.is_finite(), "{text:?}: {v}");
        }
    }
}
