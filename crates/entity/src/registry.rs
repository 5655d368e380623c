//! Identities across documents: the same person, organisation or place under one id.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Entity;
use crate::lists::{ORG_SUFFIXES, fold};

/// One identity known to the registry.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Identity {
    #[serde(deserialize_with = "overdue_text::interned::str")]
    kind: overdue_text::interned::Name,
    /// Folded name words.
    words: Vec<String>,
    /// The fullest name seen.
    name: String,
    /// Identities named in the same documents (a few), to corroborate a spelling that
    /// is one letter off.
    context: Vec<usize>,
}

/// Gives the mentions of successive documents global identities (`e1`, `e2`, …). It keeps
/// one record per identity, indexed by folded last word, so its memory grows with the
/// number of distinct names, not of mentions.
///
/// It serialises (serde) to what it knows, so that a store can keep it between runs and
/// give the documents of a later run the identities a run over all of them would give.
#[derive(Debug, Default)]
pub struct Registry {
    identities: Vec<Identity>,
    by_key: HashMap<String, Vec<usize>>,
    /// The keys in the order first seen (the order the deletion index lists them in,
    /// which decides between two typos).
    keys: Vec<String>,
    /// Every key with one letter deleted, to find keys one letter apart without a scan
    /// (the symmetric-deletion index of SymSpell).
    by_deletion: HashMap<String, Vec<String>>,
}

/// The key with each one of its letters deleted in turn.
fn deletions(k: &str) -> Vec<String> {
    let chars: Vec<char> = k.chars().collect();
    (0..chars.len())
        .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
        .collect()
}

/// Levenshtein distance, bounded: `None` when over `max`.
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=lb).collect();
    let mut cur = vec![0; lb + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.chars().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[lb];
    (d <= max).then_some(d)
}

/// Spelling variants of transliterated names: `Yevtushenko`/`Evtushenko`,
/// `Aleksandr`/`Alexander`, `Sergei`/`Sergey`.
fn normalise(word: &str) -> String {
    let mut w = word.to_string();
    for (from, to) in [("ye", "e"), ("yu", "u"), ("ya", "a")] {
        if let Some(rest) = w.strip_prefix(from) {
            w = format!("{to}{rest}");
        }
    }
    if w.contains(['k', 'i', 'e']) {
        w = w
            .replace("ks", "x")
            .replace("kh", "h")
            .replace("iy", "i")
            .replace("ey", "ei");
    }
    if let Some(stem) = w.strip_suffix("er")
        && stem.ends_with('d')
    {
        w = format!("{stem}r"); // Alexander → Alexandr
    }
    w
}

/// Whether two normalised name words are the same, allowing one letter of difference
/// in a long one.
fn same_word(a: &str, b: &str) -> bool {
    a == b || a.chars().count() >= 6 && distance(a, b, 1).is_some()
}

fn key(words: &[String]) -> String {
    words.last().cloned().unwrap_or_default()
}

fn org_words(name: &str) -> Vec<String> {
    let mut w: Vec<String> = name.split_whitespace().map(fold).collect();
    while w.len() > 1 && w.last().is_some_and(|l| ORG_SUFFIXES.contains(&l.as_str())) {
        w.pop();
    }
    w
}

impl Registry {
    /// A registry with no identities.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Whether the identity `id` is the one `words` name: `Some(true)` when the names
    /// agree, `Some(false)` when they agree but for one letter of a long name.
    fn matches(&self, id: usize, kind: &'static str, words: &[String]) -> Option<bool> {
        let known = &self.identities[id];
        if known.kind != kind {
            return None;
        }
        match kind {
            "PERSON" => {
                let (l1, l2) = (words.last()?, known.words.last()?);
                if !same_word(l1, l2) {
                    return None;
                }
                let mut exact = l1 == l2;
                // Different given names: different people. A surname alone matches.
                if words.len() >= 2 && known.words.len() >= 2 {
                    if !same_word(&words[0], &known.words[0]) {
                        return None;
                    }
                    exact &= words[0] == known.words[0];
                }
                Some(exact)
            }
            "ORG" => {
                let a = words.join(" ");
                let b = known.words.join(" ");
                if a == b || words.len() == 1 && known.words.first() == words.first() {
                    Some(true)
                } else if a.chars().count() >= 6 && distance(&a, &b, 1).is_some() {
                    Some(false)
                } else {
                    None
                }
            }
            _ => (words == known.words.as_slice()).then_some(true),
        }
    }

    /// Rewrites the document-local ids of `entities` into global ones, and their names
    /// into the fullest name known for the identity. Returns, for each local id, the
    /// global id and name (for what refers to the entities, such as speakers).
    pub fn assign(&mut self, entities: &mut [Entity]) -> HashMap<String, (String, String)> {
        // The forms of each local identity, fullest first: an organisation is found by
        // its name or by its acronym.
        let mut forms: Vec<(String, &'static str, Vec<String>)> = Vec::new();
        for e in entities.iter() {
            match forms.iter_mut().find(|f| f.0 == e.id) {
                Some(f) => {
                    if !f.2.contains(&e.text) {
                        f.2.push(e.text.clone());
                    }
                }
                None => forms.push((e.id.clone(), e.kind, vec![e.name.clone(), e.text.clone()])),
            }
        }
        let words_of = |kind: &str, t: &str| {
            if kind == "ORG" {
                org_words(t)
            } else {
                // Folded and with transliteration variants evened out, once.
                t.split_whitespace()
                    .map(|w| normalise(&fold(w)))
                    .collect::<Vec<_>>()
            }
        };
        // A person is found by the fullest name only ("Chávez" alone would match any
        // Chávez); an organisation by any of its forms (its acronym too).
        let tries = |kind: &str, texts: &[String]| -> Vec<Vec<String>> {
            let n = if kind == "ORG" { texts.len() } else { 1 };
            texts[..n]
                .iter()
                .map(|t| words_of(kind, t))
                .filter(|w| !w.is_empty())
                .collect()
        };
        // First the names the registry knows as written; then, with those as the
        // document's context, the names one letter off.
        let mut found: Vec<Option<usize>> = forms
            .iter()
            .map(|(_, kind, texts)| {
                tries(kind, texts)
                    .iter()
                    .find_map(|w| self.find(kind, w, None))
            })
            .collect();
        let context: Vec<usize> = found.iter().flatten().copied().collect();
        for (i, (_, kind, texts)) in forms.iter().enumerate() {
            if found[i].is_none() {
                found[i] = tries(kind, texts)
                    .iter()
                    .find_map(|w| self.find(kind, w, Some(&context)));
            }
        }
        let mut local: HashMap<String, usize> = HashMap::new();
        for ((lid, kind, texts), found) in forms.iter().zip(found) {
            let name = &texts[0];
            // An identity created for an earlier form of this document may be this one.
            let found = found.or_else(|| {
                tries(kind, texts)
                    .iter()
                    .find_map(|w| self.find(kind, w, None))
            });
            let id = match found {
                Some(id) => {
                    let known = &mut self.identities[id];
                    if name.split_whitespace().count() > known.name.split_whitespace().count() {
                        known.name = name.clone();
                        if known.kind == "PERSON" {
                            known.words = words_of(kind, name);
                        }
                    }
                    id
                }
                None => {
                    self.identities.push(Identity {
                        kind,
                        words: words_of(kind, name),
                        name: name.clone(),
                        context: Vec::new(),
                    });
                    self.identities.len() - 1
                }
            };
            // Every form is a key to the identity from now on.
            for t in texts {
                let words = words_of(kind, t);
                if words.is_empty() {
                    continue;
                }
                let k = if *kind == "ORG" {
                    words.join(" ")
                } else {
                    key(&words)
                };
                if !self.by_key.contains_key(&k) {
                    self.new_key(&k);
                }
                let ids = self.by_key.entry(k).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            local.insert(lid.clone(), id);
        }
        // Each identity remembers a few of the others named beside it, the first known
        // first (not in the map's order, which changes from run to run: which few are
        // kept decides which typos are corroborated).
        let mut ids: Vec<usize> = local.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            let ctx = &mut self.identities[id].context;
            for &other in &ids {
                if other != id && ctx.len() < 32 && !ctx.contains(&other) {
                    ctx.push(other);
                }
            }
        }
        for e in entities.iter_mut() {
            if let Some(&id) = local.get(&e.id) {
                e.id = format!("e{}", id + 1);
                e.name = self.identities[id].name.clone();
            }
        }
        local
            .into_iter()
            .map(|(lid, id)| {
                (
                    lid,
                    (format!("e{}", id + 1), self.identities[id].name.clone()),
                )
            })
            .collect()
    }

    /// The identity that `words` of `kind` name, if the registry knows it. A name one
    /// letter off is taken only when `context` (identities of the same document) shares
    /// an identity with it: a typo, corroborated.
    fn find(
        &self,
        kind: &'static str,
        words: &[String],
        context: Option<&[usize]>,
    ) -> Option<usize> {
        let k = if kind == "ORG" {
            words.join(" ")
        } else {
            key(words)
        };
        let accept = |id: usize| -> bool {
            match self.matches(id, kind, words) {
                Some(true) => true,
                Some(false) => context
                    .is_some_and(|c| self.identities[id].context.iter().any(|x| c.contains(x))),
                None => false,
            }
        };
        // Under the same key, an organisation is the one with that form (name or acronym).
        let same_key = |id: usize| accept(id) || kind == "ORG" && self.identities[id].kind == "ORG";
        if let Some(id) = self
            .by_key
            .get(&k)
            .and_then(|ids| ids.iter().copied().find(|&id| same_key(id)))
        {
            return Some(id);
        }
        if context.is_some() && k.chars().count() >= 6 {
            // Keys one letter apart share a deletion (or one is a deletion of the other).
            let mut probes = deletions(&k);
            probes.push(k.clone());
            for probe in &probes {
                for other in self.by_deletion.get(probe).into_iter().flatten() {
                    if distance(other, &k, 1).is_none() {
                        continue;
                    }
                    let hit = self
                        .by_key
                        .get(other)
                        .into_iter()
                        .flatten()
                        .copied()
                        .find(|&id| accept(id));
                    if hit.is_some() {
                        return hit;
                    }
                }
            }
        }
        None
    }

    /// Indexes a key not seen before by its deletions.
    fn new_key(&mut self, k: &str) {
        for d in deletions(k)
            .into_iter()
            .chain(std::iter::once(k.to_string()))
        {
            self.by_deletion.entry(d).or_default().push(k.to_string());
        }
        self.keys.push(k.to_string());
    }

    /// How many identities it holds.
    pub fn len(&self) -> usize {
        self.identities.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty()
    }
}

/// What a registry keeps between runs: its identities, and its keys in the order first
/// seen with the identities each one leads to (the deletion index is made again).
#[derive(Serialize)]
struct SavedRef<'a> {
    identities: &'a [Identity],
    keys: Vec<(&'a str, &'a [usize])>,
}

#[derive(Deserialize)]
struct Saved {
    identities: Vec<Identity>,
    keys: Vec<(String, Vec<usize>)>,
}

impl Serialize for Registry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedRef {
            identities: &self.identities,
            keys: self
                .keys
                .iter()
                .map(|k| {
                    (
                        k.as_str(),
                        self.by_key.get(k).map_or(&[][..], Vec::as_slice),
                    )
                })
                .collect(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Registry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Registry, D::Error> {
        let saved = Saved::deserialize(d)?;
        let n = saved.identities.len();
        let bad = |id: &usize| *id >= n;
        if saved.identities.iter().any(|i| i.context.iter().any(bad))
            || saved.keys.iter().any(|(_, ids)| ids.iter().any(bad))
        {
            return Err(serde::de::Error::custom(format!(
                "an identity past the {n} the registry holds"
            )));
        }
        let mut r = Registry {
            identities: saved.identities,
            ..Registry::default()
        };
        for (k, ids) in saved.keys {
            if r.by_key.contains_key(&k) {
                return Err(serde::de::Error::custom(format!("the key {k:?} twice")));
            }
            r.new_key(&k);
            r.by_key.insert(k, ids);
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use overdue_text::Span;

    fn mention(id: &str, kind: &'static str, text: &str) -> Entity {
        Entity {
            span: Span::default(),
            text: text.into(),
            kind,
            id: id.into(),
            name: text.into(),
            role: None,
        }
    }

    fn ids(reg: &mut Registry, doc: &[(&str, &'static str, &str)]) -> Vec<String> {
        let mut es: Vec<Entity> = doc.iter().map(|(id, k, t)| mention(id, k, t)).collect();
        reg.assign(&mut es);
        es.into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn registry_transliteration_and_typos_join() {
        let mut reg = Registry::new();
        let a = ids(
            &mut reg,
            &[
                ("L0", "PERSON", "Oleg Yevtushenko"),
                ("L1", "ORG", "Rostec"),
            ],
        );
        let b = ids(
            &mut reg,
            &[("L0", "PERSON", "Oleg Evtushenko"), ("L1", "ORG", "Roctec")],
        );
        assert_eq!(a, b);
        // A typo joins when the documents share context (here Caracas), not otherwise.
        let c = ids(
            &mut reg,
            &[
                ("L0", "PERSON", "Vladimir Padrino Lopez"),
                ("L1", "GPE", "Caracas"),
            ],
        );
        let d = ids(
            &mut reg,
            &[("L0", "PERSON", "Vladmir Lopez"), ("L1", "GPE", "Caracas")],
        );
        assert_eq!(c[0], d[0]);
        let x = ids(
            &mut reg,
            &[("L0", "PERSON", "Marina Ortega"), ("L1", "GPE", "Lima")],
        );
        let y = ids(
            &mut reg,
            &[("L0", "PERSON", "Marinna Ortega"), ("L1", "GPE", "Oslo")],
        );
        assert_ne!(x[0], y[0]);
        let e = ids(&mut reg, &[("L0", "PERSON", "Aleksandr Fomin")]);
        let f = ids(&mut reg, &[("L0", "PERSON", "Alexander Fomin")]);
        assert_eq!(e, f);
        let g = ids(&mut reg, &[("L0", "ORG", "Kalashnikov Concern")]);
        let h = ids(&mut reg, &[("L0", "ORG", "Kalashnikov Group")]);
        assert_eq!(g, h);
    }

    #[test]
    fn registry_keeps_people_apart() {
        let mut reg = Registry::new();
        let a = ids(
            &mut reg,
            &[
                ("L0", "PERSON", "Adan Chavez"),
                ("L1", "PERSON", "Vladimir Putin"),
            ],
        );
        let b = ids(
            &mut reg,
            &[
                ("L0", "PERSON", "Hugo Chávez"),
                ("L1", "PERSON", "Vladimir Lepin"),
                ("L2", "ORG", "Kalashnikov Concern"),
                ("L3", "PERSON", "Mikhail Kalashnikov"),
            ],
        );
        assert_ne!(a[0], b[0]);
        assert_ne!(a[1], b[1]);
        assert_ne!(b[2], b[3]);
        // A surname alone in a later document follows the full name it shares.
        let c = ids(&mut reg, &[("L0", "PERSON", "Putin")]);
        assert_eq!(c[0], a[1]);
    }

    #[test]
    fn a_registry_saved_and_restored_goes_on_as_if_kept() {
        let docs: Vec<Vec<(&str, &'static str, &str)>> = vec![
            vec![
                ("L0", "PERSON", "Oleg Yevtushenko"),
                ("L1", "ORG", "Rostec"),
                ("L2", "GPE", "Lima"),
            ],
            vec![("L0", "PERSON", "Marina Ortega"), ("L1", "GPE", "Lima")],
            vec![("L0", "PERSON", "Marinna Ortega"), ("L1", "GPE", "Lima")],
            vec![
                ("L0", "ORG", "Roctec"),
                ("L1", "PERSON", "Evtushenko"),
                ("L2", "PERSON", "Ortega"),
            ],
            vec![
                ("L0", "PERSON", "Hugo Ortega"),
                ("L1", "ORG", "Rostec Group"),
            ],
        ];
        for cut in 0..docs.len() {
            let mut kept = Registry::new();
            let mut saved = Registry::new();
            for (i, d) in docs.iter().enumerate() {
                if i == cut {
                    let json = serde_json::to_string(&saved).unwrap();
                    saved = serde_json::from_str(&json).unwrap();
                    assert_eq!(serde_json::to_string(&saved).unwrap(), json);
                }
                assert_eq!(
                    ids(&mut kept, d),
                    ids(&mut saved, d),
                    "document {i}, cut {cut}"
                );
            }
            assert_eq!(kept.len(), saved.len());
        }
        // What does not hold together is refused, not trusted.
        let bad =
            r#"{"identities":[{"kind":"ORG","words":["a"],"name":"A","context":[3]}],"keys":[]}"#;
        assert!(serde_json::from_str::<Registry>(bad).is_err());
        let twice = r#"{"identities":[],"keys":[["a",[]],["a",[]]]}"#;
        assert!(serde_json::from_str::<Registry>(twice).is_err());
    }
}
