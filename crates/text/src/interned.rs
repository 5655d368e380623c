//! Strings of a small vocabulary (types, events, bounds, modifiers) read back from stored
//! JSON as `&'static str`, each distinct string kept once for the life of the process.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use serde::{Deserialize, Deserializer};

static POOL: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);

/// The one `&'static str` equal to `s`. Meant for vocabularies: each distinct string is
/// kept for the life of the process.
pub fn intern(s: &str) -> &'static str {
    // Each thread remembers what it has seen, so that readers on many threads rarely
    // take the lock.
    thread_local! {
        static SEEN: std::cell::RefCell<HashSet<&'static str>> = Default::default();
    }
    if let Some(known) = SEEN.with(|seen| seen.borrow().get(s).copied()) {
        return known;
    }
    let kept = intern_shared(s);
    SEEN.with(|seen| seen.borrow_mut().insert(kept));
    kept
}

fn intern_shared(s: &str) -> &'static str {
    let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = pool.get(s) {
        return known;
    }
    let kept: &'static str = Box::leak(s.to_owned().into_boxed_str());
    pool.insert(kept);
    kept
}

/// Reads a `&'static str` field (`#[serde(deserialize_with = "…::str")]`).
pub fn str<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
    Ok(intern(&s))
}

/// Reads an `Option<&'static str>` field.
pub fn opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
    Ok(s.map(|s| intern(&s)))
}

/// A name from a vocabulary. Written as an alias so that serde's derive does not take a
/// field of this type for one borrowed from the input.
pub type Name = &'static str;

/// The empty string, the default of a `&'static str` field that is not stored (serde's
/// derive would otherwise ask to borrow it from the input).
pub fn none() -> &'static str {
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_string_per_value() {
        let a = intern(&String::from("forecast"));
        let b = intern("forecast");
        assert!(std::ptr::eq(a, b));
        #[derive(Deserialize)]
        struct T {
            #[serde(deserialize_with = "str")]
            kind: &'static str,
            #[serde(default, deserialize_with = "opt")]
            per: Option<&'static str>,
        }
        let t: T = serde_json::from_str(r#"{"kind": "count", "per": "P1Y"}"#).unwrap();
        assert_eq!((t.kind, t.per), ("count", Some("P1Y")));
        let t: T = serde_json::from_str(r#"{"kind": "count"}"#).unwrap();
        assert_eq!(t.per, None);
    }
}
