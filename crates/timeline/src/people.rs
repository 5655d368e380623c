//! People and organisations across documents: every identity with its names as written,
//! the roles the texts give it, the statements it made, and role conflicts (two people
//! given the same post in the same organisation).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use overdue_pipeline::Analysis;
use serde::Serialize;

use crate::ledger::Source;

/// A role as one document gives it.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSeen {
    /// The title, as written (lower case).
    pub title: String,
    /// The organisation or country, as written.
    pub org: Option<String>,
    /// The document's publication date, if known.
    pub published: Option<String>,
    /// Where.
    pub source: Source,
}

/// One identity.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// The identity across documents.
    pub id: String,
    /// `PERSON` or `ORG`.
    pub kind: &'static str,
    /// The fullest name.
    pub name: String,
    /// Every distinct name as written.
    pub names: BTreeSet<String>,
    /// How many mentions.
    pub mentions: usize,
    /// The roles given, in input order.
    pub roles: Vec<RoleSeen>,
    /// The statements it made.
    pub statements: Vec<Source>,
}

/// One holder of a contested post.
#[derive(Debug, Clone, Serialize)]
pub struct Holder {
    /// The identity.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The role as written.
    pub role: RoleSeen,
}

/// Two or more people given the same post in the same organisation. It may be a
/// succession; the publication dates tell.
#[derive(Debug, Clone, Serialize)]
pub struct RoleConflict {
    /// The organisation, as first written.
    pub org: String,
    /// The post: `head` for head, CEO, chief executive, general director and the like,
    /// else the title.
    pub post: String,
    /// Who was given it, one entry per identity.
    pub holders: Vec<Holder>,
}

/// The people and organisations of the documents given.
#[derive(Debug, Clone, Serialize)]
pub struct People {
    /// People and organisations, in order of first mention.
    pub people: Vec<Person>,
    /// Posts given to more than one person.
    pub role_conflicts: Vec<RoleConflict>,
}

/// Titles that all name the head of an organisation.
const HEAD_TITLES: &[&str] = &[
    "head",
    "ceo",
    "chief executive",
    "chief executive officer",
    "general director",
    "director general",
    "director-general",
    "managing director",
    "chief",
    "boss",
    "executive director",
];

/// The post a title names: `head` for every way of saying it, else the title without
/// articles and with American spelling.
pub fn post(title: &str) -> String {
    let t = title
        .trim()
        .trim_start_matches("the ")
        .trim_start_matches("its ")
        .replace("defence", "defense");
    if HEAD_TITLES.contains(&t.as_str()) {
        "head".to_string()
    } else {
        t
    }
}

/// Builds the people of `docs` (their entity ids already made global by a registry).
pub fn build(docs: &[Analysis]) -> People {
    let mut people = Gathering::default();
    for a in docs {
        people.add(a);
    }
    people.done()
}

/// The people of documents given one at a time, in input order ([`build`] of them all
/// once [`Gathering::done`]): a view built a chunk of documents at a time.
#[derive(Default)]
pub struct Gathering {
    people: Vec<Person>,
    index: HashMap<String, usize>,
    /// (org identity, post) → holders by person id.
    posts: BTreeMap<(String, String), (String, BTreeMap<String, Holder>)>,
}

impl Gathering {
    /// Adds a document's people and their statements.
    pub fn add(&mut self, a: &Analysis) {
        let (people, index, posts) = (&mut self.people, &mut self.index, &mut self.posts);
        let published = a.doc.meta.published.value.clone();
        for e in &a.entities {
            if !matches!(e.kind, "PERSON" | "ORG") {
                continue;
            }
            let k = *index.entry(e.id.clone()).or_insert_with(|| {
                people.push(Person {
                    id: e.id.clone(),
                    kind: e.kind,
                    name: e.name.clone(),
                    names: BTreeSet::new(),
                    mentions: 0,
                    roles: Vec::new(),
                    statements: Vec::new(),
                });
                people.len() - 1
            });
            let p = &mut people[k];
            p.names.insert(e.text.clone());
            p.mentions += 1;
            if e.name.len() > p.name.len() {
                p.name = e.name.clone();
            }
            let Some(role) = &e.role else { continue };
            let seen = RoleSeen {
                title: role.title.clone(),
                org: role.org.clone(),
                published: published.clone(),
                source: Source {
                    doc: a.doc.id.clone(),
                    span: e.span,
                },
            };
            p.roles.push(seen.clone());
            if e.kind != "PERSON" {
                continue;
            }
            let Some(org) = &role.org else { continue };
            // The organisation's identity where the document names it, else its name.
            let org_key = a
                .entities
                .iter()
                .find(|o| o.kind != "PERSON" && o.text == *org)
                .map_or_else(|| org.to_lowercase(), |o| o.id.clone());
            let entry = posts
                .entry((org_key, post(&role.title)))
                .or_insert_with(|| (org.clone(), BTreeMap::new()));
            entry.1.entry(e.id.clone()).or_insert_with(|| Holder {
                id: e.id.clone(),
                name: e.name.clone(),
                role: seen,
            });
        }
        for st in &a.statements {
            if let Some(sp) = &st.speaker
                && let Some(&k) = index.get(&sp.id)
            {
                people[k].statements.push(Source {
                    doc: a.doc.id.clone(),
                    span: st.span,
                });
            }
        }
    }

    /// The people of the documents added.
    pub fn done(self) -> People {
        let role_conflicts = self
            .posts
            .into_iter()
            .filter(|(_, (_, holders))| holders.len() > 1)
            .map(|((_, post), (org, holders))| RoleConflict {
                org,
                post,
                holders: holders.into_values().collect(),
            })
            .collect();
        People {
            people: self.people,
            role_conflicts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts() {
        assert_eq!(post("head"), "head");
        assert_eq!(post("CEO".to_lowercase().as_str()), "head");
        assert_eq!(post("the chief executive"), "head");
        assert_eq!(post("general director"), "head");
        assert_eq!(post("defence minister"), "defense minister");
        assert_eq!(post("deputy prime minister"), "deputy prime minister");
    }
}
