//! Main-content extraction on pages written for the purpose (`tests/pages/`): the body
//! stays, the furniture goes (cut by the Readability port or marked as boilerplate
//! afterwards). ARCHITECTURE.md records how three extractors compared on them.

use overdue_read::{Body, Loader, RawDoc};
use overdue_text::Document;

fn load(name: &str) -> Document {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = RawDoc {
        id: name.into(),
        body: Body::Html(std::fs::read(path).unwrap()),
        meta: Default::default(),
        crawl_date: None,
        content_type: None,
    };
    Loader::default().load(raw).unwrap()
}

/// Text outside boilerplate.
fn body(doc: &Document) -> String {
    let mut out = String::new();
    let mut at = 0;
    for b in &doc.boilerplate {
        out.push_str(&doc.text[at..b.start()]);
        at = b.end();
    }
    out.push_str(&doc.text[at..]);
    out
}

fn check(name: &str, kept: &[&str], gone: &[&str]) -> Document {
    let doc = load(name);
    let body = body(&doc);
    for k in kept {
        assert!(body.contains(k), "{name}: lost {k:?} in\n{}", doc.text);
    }
    for g in gone {
        assert!(!body.contains(g), "{name}: kept furniture {g:?} in\n{body}");
    }
    doc
}

#[test]
fn pages_comments_sidebar_ads_bio() {
    let doc = check(
        "comments-and-sidebar.html",
        &[
            "Northgate reactor restart pushed to 2027\n\n",
            "pushed back to 2027",
            "failed inspection",
            "12 percent",
            "review the new schedule",
        ],
        &[
            "Most read",
            "Share on Facebook",
            "Advertisement",
            "I'll believe it",
            "All rights reserved",
            "Subscribe",
            "energy correspondent",
        ],
    );
    assert_eq!(doc.meta.published.value.as_deref(), Some("2025-02-11"));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://valley-post.example/energy/northgate-restart-2027")
    );
}

#[test]
fn pages_lists_captions_quotes() {
    let doc = check(
        "lists-and-captions.html",
        &[
            "will not take its first flights",
            "Here is what we know",
            "baggage system failed",
            "fire-safety certificate",
            "3.4 billion euros",
            "open late than open badly",
            "October 27, 2024",
        ],
        &[
            "We use cookies",
            "Sign up for our morning newsletter",
            "Airport chief resigns",
        ],
    );
    assert_eq!(doc.meta.published.value.as_deref(), Some("2024-09-30"));
}

#[test]
fn pages_short_brief() {
    let doc = check(
        "short-brief.html",
        &["opened on Thursday, three months late", "140 passengers"],
        &["Advertise"],
    );
    assert_eq!(doc.meta.published.value.as_deref(), Some("2023-06-01"));
}

#[test]
fn pages_legacy_table_layout_and_latin1() {
    let doc = check(
        "legacy-table.html",
        &[
            "stopped for lack of money",
            "withdrawn most of its 2,000 workers",
            "financing to be in place",
        ],
        &["Sports", "Archive", "Copyright 2009"],
    );
    // No date in the markup: the wire dateline gives it.
    assert_eq!(doc.meta.published.value.as_deref(), Some("2009-03-03"));
}
