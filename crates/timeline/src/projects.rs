//! Projects and facilities: which documents are about one project (grouped by the names
//! they make most of), which of the project's facilities each statement is about, and the
//! corrections a user writes to merge or split what was grouped wrongly.
//!
//! A document's salient names are the five identities it mentions most (the first
//! mentioned first among equals); documents that share two salient names, or the same most
//! salient name if not a place, are one project. A
//! project's facilities are the kinds of facility its documents name ("rifle plant",
//! "ammunition factory"), kinds that are one facility merged ([`Kind::same`]). A statement
//! is about the facilities its subject names; else, in order: the kind its sentence names,
//! for a plural ("the factories") every facility the document names (else the project's);
//! for "the plant" or a part ("production units") the facility of that kind the document
//! named last before it; and the one facility whose product the sentence names ("begin
//! rifle production").

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use overdue_pipeline::{Analysis, parallel_map};
use serde::{Deserialize, Serialize};

use crate::facilities::{Kind, Mention, Singular, class, mentions, phase};
use overdue_pipeline::entity::Entity;
use overdue_pipeline::statement::Statement;
use overdue_pipeline::text::Span;

/// How many salient names a document has at most.
const SALIENT: usize = 5;

/// A user's corrections to the grouping, read from TOML or JSON:
///
/// ```toml
/// [[merge]]                      # these projects are one (ids, names or documents)
/// projects = ["p1", "Rostec"]
/// name = "Kalashnikov plants"    # optional
///
/// [[split]]                      # these documents are a project of their own
/// project = "Kestrel Bay Bridge"
/// documents = ["articles/03.txt"]
///
/// [[facility]]                   # these facilities are one, shown as `name`
/// name = "ammunition plant"
/// same = ["cartridge plant", "production unit"]
/// ```
///
/// Splits are applied first, then merges; project ids in a merge are those of the
/// grouping without corrections.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// Projects to merge.
    #[serde(default)]
    pub merge: Vec<Merge>,
    /// Documents to move to a project of their own.
    #[serde(default)]
    pub split: Vec<Split>,
    /// Facility names that name one facility.
    #[serde(default)]
    pub facility: Vec<Alias>,
}

/// Projects that are one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// Each an id (`p2`), a project's name, or a document in it.
    pub projects: Vec<String>,
    /// The merged project's name (default: the first one's).
    #[serde(default)]
    pub name: Option<String>,
}

/// Documents that are a project of their own, or join the project of that name.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The project's name.
    pub project: String,
    /// Documents, by id or by the end of their path (`03.txt`, `articles/03.txt`).
    pub documents: Vec<String>,
}

/// Facility names that are one facility.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The name to show.
    pub name: String,
    /// The names the grouping found for it.
    pub same: Vec<String>,
}

/// Why a corrections file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    /// Not valid TOML for [`Corrections`].
    #[error("not a corrections file: {0}")]
    Toml(#[from] toml::de::Error),
    /// Not valid JSON for [`Corrections`].
    #[error("not a corrections file: {0}")]
    Json(#[from] serde_json::Error),
}

impl Corrections {
    /// Reads corrections from the text of a file, JSON if its name ends in `.json`, else
    /// TOML.
    pub fn parse(path: &Path, text: &str) -> Result<Corrections, CorrectionsError> {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Ok(serde_json::from_str(text)?)
        } else {
            Ok(toml::from_str(text)?)
        }
    }
}

/// One facility of a project.
#[derive(Debug, Clone, Serialize)]
pub struct Facility {
    /// Its name ("rifle plant").
    pub name: String,
    /// Other names it goes by in the documents.
    pub also: Vec<String>,
    /// How many times the documents name it.
    pub mentions: usize,
}

/// One project: documents about one thing.
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    /// `p1`, `p2`, … in the order of the documents given.
    pub id: String,
    /// Its name: the name its documents make most of.
    pub name: String,
    /// The names that tie its documents together.
    pub names: Vec<String>,
    /// Its documents.
    pub documents: Vec<String>,
    /// Its facilities, most named first.
    pub facilities: Vec<Facility>,
}

/// What one statement is about. (Kept in a store with what is empty or false left out.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    /// The facilities, by name; empty for the project as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilities: Vec<String>,
    /// Whether it is about several facilities none of which is known.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub several: bool,
    /// The part of the whole it names ("first phase").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
}

/// The projects of a set of documents and what each statement is about.
#[derive(Debug, Clone, Serialize)]
pub struct Grouping {
    /// The projects.
    pub projects: Vec<Project>,
    /// For each document given, its project's index.
    #[serde(skip)]
    doc_project: Vec<usize>,
    /// For each document given, what each of its statements is about.
    #[serde(skip)]
    about: Vec<Vec<About>>,
}

impl Grouping {
    /// The project of the `doc`th document given.
    pub fn project(&self, doc: usize) -> &Project {
        &self.projects[self.doc_project[doc]]
    }

    /// What the `k`th statement of the `doc`th document is about.
    pub fn about(&self, doc: usize, k: usize) -> &About {
        &self.about[doc][k]
    }

    /// How many documents it groups.
    pub fn len(&self) -> usize {
        self.doc_project.len()
    }

    /// Whether it groups no document.
    pub fn is_empty(&self) -> bool {
        self.doc_project.is_empty()
    }

    /// The project `key` names: its id (`p3`) or its name (any case).
    pub fn find(&self, key: &str) -> Option<&Project> {
        let key = key.trim();
        self.projects.iter().find(|p| p.id == key).or_else(|| {
            self.projects
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(key))
        })
    }

    /// The grouping with only the project of id `id`, to show that project's part of
    /// views built already. It answers no question about documents ([`Grouping::project`]
    /// and [`Grouping::about`] are for a grouping made by [`group`]).
    pub fn only(&self, id: &str) -> Option<Grouping> {
        let p = self.projects.iter().find(|p| p.id == id)?;
        Some(Grouping {
            projects: vec![p.clone()],
            doc_project: Vec::new(),
            about: Vec::new(),
        })
    }
}

/// A small union-find over document indices.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// One name a document makes much of. (Kept in a store with one-letter keys, what is
/// false left out.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salient {
    /// Its identity.
    #[serde(rename = "i")]
    pub id: String,
    /// Its name.
    #[serde(rename = "n")]
    pub name: String,
    /// How many times the document names it.
    #[serde(rename = "c")]
    pub mentions: usize,
    /// Whether it is a facility, a product or an organisation: what a project is named after.
    #[serde(rename = "t", default, skip_serializing_if = "std::ops::Not::not")]
    pub thing: bool,
    /// Whether the document reads it as a place.
    #[serde(rename = "p", default, skip_serializing_if = "std::ops::Not::not")]
    pub place: bool,
}

/// What the grouping reads of a document's names: the identities it makes most of and
/// those it reads as places. It depends on the identities across documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// The identities it mentions most, the first mentioned first among equals.
    #[serde(rename = "s")]
    pub salient: Vec<Salient>,
    /// The identities it reads as places.
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
}

impl Names {
    /// The names of a document's entities.
    pub fn of(entities: &[Entity]) -> Names {
        let mut counts: Vec<(Salient, usize)> = Vec::new();
        let mut places: Vec<String> = Vec::new();
        for e in entities {
            let place = matches!(e.kind, "GPE" | "LOC");
            if place && !places.contains(&e.id) {
                places.push(e.id.clone());
            }
            match counts.iter_mut().find(|c| c.0.id == e.id) {
                Some(c) => c.0.mentions += 1,
                None => {
                    let at = counts.len();
                    counts.push((
                        Salient {
                            id: e.id.clone(),
                            name: e.name.clone(),
                            mentions: 1,
                            thing: matches!(e.kind, "FAC" | "PRODUCT" | "ORG"),
                            place,
                        },
                        at,
                    ))
                }
            }
        }
        counts.sort_by_key(|c| (std::cmp::Reverse(c.0.mentions), c.1));
        Names {
            salient: counts.into_iter().take(SALIENT).map(|c| c.0).collect(),
            places,
        }
    }
}

/// What the grouping reads of a document's words: the facilities it names and, for each
/// statement, what its subject and its sentence say of them. It does not depend on other
/// documents, so it is made once per document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Every place the text names a facility.
    mentions: Vec<Mention>,
    /// One per statement, in the statements' order.
    statements: Vec<StatementFacts>,
}

/// What one statement says of facilities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct StatementFacts {
    /// Its sentence's offsets.
    start: usize,
    end: usize,
    /// The facilities its subject names (shared by the statements with that subject).
    subject: Arc<[Mention]>,
    /// The part of a whole its sentence names ("first phase").
    phase: Option<String>,
    /// Its sentence, when it names a facility (to find a facility by its product);
    /// shared by the statements of that sentence.
    sentence: Option<Arc<str>>,
}

impl Facts {
    /// The facts of a document.
    pub fn of(a: &Analysis) -> Facts {
        let (mentions, phases) = crate::facilities::mentions_of(&a.doc.text, &a.seg);
        Facts::of_text(&a.doc.text, mentions, Some(&phases), &a.statements)
    }

    /// The facts of a document's text and statements; `None` if a statement's span does
    /// not fit the text (as it always does in an [`Analysis`]).
    pub fn read(text: &str, statements: &[Statement]) -> Option<Facts> {
        statements
            .iter()
            .all(|st| Span::new(text, st.span.start(), st.span.end()).is_ok())
            .then(|| Facts::of_text(text, mentions(text), None, statements))
    }

    /// The facts of a text whose facility mentions are `mentions`, and where a phase
    /// noun may stand, if that is known (`phases`, sorted).
    fn of_text(
        text: &str,
        mentions: Vec<Mention>,
        phases: Option<&[usize]>,
        statements: &[Statement],
    ) -> Facts {
        // What a sentence says (its phase, and itself if it names a facility) and what
        // a subject names, read once for the statements that share them.
        type Read = (Option<String>, Option<Arc<str>>);
        let n = statements.len();
        let mut sentences: HashMap<(usize, usize), Read> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        let mut subjects: HashMap<&str, Arc<[Mention]>> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        // (One empty list for every subject that names no facility.)
        let none: Arc<[Mention]> = Arc::new([]);
        let statements = statements
            .iter()
            .map(|st| {
                let (start, end) = (st.span.start(), st.span.end());
                let (phase, sentence) = sentences
                    .entry((start, end))
                    .or_insert_with(|| {
                        let sentence = &text[st.span];
                        let at = mentions.partition_point(|m| m.start < start);
                        let names_one = mentions.get(at).is_some_and(|m| m.start < end);
                        // (Most sentences hold no phase noun.)
                        let may_name_phase = phases.is_none_or(|p| {
                            p.get(p.partition_point(|&at| at < start))
                                .is_some_and(|&at| at < end)
                        });
                        let phase = if may_name_phase {
                            phase(sentence)
                        } else {
                            None
                        };
                        (phase, names_one.then(|| Arc::from(sentence)))
                    })
                    .clone();
                let subject = match &st.subject {
                    Some(s) => subjects
                        .entry(&s.text)
                        .or_insert_with(|| {
                            let found = crate::facilities::mentions(&s.text);
                            if found.is_empty() {
                                none.clone()
                            } else {
                                found.into()
                            }
                        })
                        .clone(),
                    None => none.clone(),
                };
                StatementFacts {
                    start,
                    end,
                    subject,
                    phase,
                    sentence,
                }
            })
            .collect();
        Facts {
            mentions,
            statements,
        }
    }

    /// How often it names each kind of facility (not counting parts), in the order
    /// first named: what a project's facilities are counted from.
    pub fn kinds(&self) -> Vec<(Kind, usize)> {
        let mut counts: Vec<(Kind, usize)> = Vec::new();
        for m in self.mentions.iter().filter(|m| !m.part) {
            for k in &m.kinds {
                match counts.iter_mut().find(|c| c.0 == *k) {
                    Some(c) => c.1 += 1,
                    None => counts.push((k.clone(), 1)),
                }
            }
        }
        counts
    }
}

/// A sentence's words (letters and digits) that are not capitalised, in lower case.
fn lower_words(sentence: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let bytes = sentence.as_bytes();
    let alnum = move |i: usize| crate::facilities::alnum_at(sentence, i);
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            // To the start of a word, then to its end.
            let mut start = None;
            while i < bytes.len() {
                let (inside, len) = alnum(i);
                if inside {
                    start.get_or_insert(i);
                } else if start.is_some() {
                    break;
                }
                i += len;
            }
            let start = start?;
            let w = &sentence[start..i];
            if w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            return Some(
                if w.bytes()
                    .any(|b| !b.is_ascii_lowercase() && !b.is_ascii_digit())
                {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                },
            );
        }
    })
}

fn matches_doc(id: &str, pattern: &str) -> bool {
    id == pattern || id.ends_with(&format!("/{pattern}")) || id.ends_with(&format!("\\{pattern}"))
}

/// Groups `docs` into projects and finds what each statement is about.
pub fn group(docs: &[Analysis], corrections: &Corrections) -> Grouping {
    let names: Vec<Names> = docs.iter().map(|a| Names::of(&a.entities)).collect();
    let facts: Vec<Facts> = parallel_map(docs.len(), |d| Facts::of(&docs[d]));
    let kinds: Vec<Vec<(Kind, usize)>> = facts.iter().map(Facts::kinds).collect();
    let ids: Vec<&str> = docs.iter().map(|a| a.doc.id.as_str()).collect();
    let partition = partition(&ids, &names, &kinds, corrections);
    let about = parallel_map(docs.len(), |d| partition.about(d, &facts[d]));
    partition.into_grouping(about)
}

/// The documents' projects and each project's facilities: all of the grouping but what
/// each statement is about, which [`Partition::about`] reads from a document's
/// [`Facts`].
pub struct Partition {
    /// The projects.
    pub projects: Vec<Project>,
    /// For each document given, its project's index.
    pub doc_project: Vec<usize>,
    /// Each project's facilities.
    known: Vec<Known>,
}

impl Partition {
    /// A number that changes when what [`Partition::about`] gives for a document of
    /// project `p` may change (its facilities, their names, order, and which are named
    /// more than once), and not when only their counts do.
    pub fn signature(&self, p: usize) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        for (kind, name, also, n) in &self.known[p].facilities {
            (kind, name, also, *n >= 2).hash(&mut h);
        }
        h.finish()
    }

    /// What each statement of the `doc`th document is about, from its facts.
    pub fn about(&self, doc: usize, facts: &Facts) -> Vec<About> {
        about_doc(facts, &self.known[self.doc_project[doc]])
    }

    /// The grouping, with what each statement of each document is about.
    pub fn into_grouping(self, about: Vec<Vec<About>>) -> Grouping {
        Grouping {
            projects: self.projects,
            doc_project: self.doc_project,
            about,
        }
    }
}

/// Groups documents into projects by their names, and finds each project's facilities
/// from how often its documents name each kind (`kinds`, [`Facts::kinds`]). `ids` are
/// the documents' ids, which corrections name.
pub fn partition(
    ids: &[&str],
    names: &[Names],
    kinds: &[Vec<(Kind, usize)>],
    corrections: &Corrections,
) -> Partition {
    let n = ids.len();
    let mut salient: Vec<Vec<Salient>> = names.iter().map(|n| n.salient.clone()).collect();
    // A name read as a place anywhere is a place everywhere ("California" the state,
    // not an organisation).
    let places: rustc_hash::FxHashSet<&str> = names
        .iter()
        .flat_map(|n| &n.places)
        .map(String::as_str)
        .collect();
    for names in &mut salient {
        for s in names.iter_mut() {
            s.place |= places.contains(s.id.as_str());
        }
    }
    // Documents that share two salient names, or whose most salient name is one and not a
    // place, are one project (one name in common is weak: a country is named in stories
    // about many of its projects, and a name's type can be misread).
    // Each document is joined to the first with the same top name, and to the first
    // with each pair of its names: time in proportion to the documents.
    let mut sets = Sets((0..n).collect());
    let mut first_top: HashMap<&str, usize> = HashMap::default();
    let mut first_pair: HashMap<(&str, &str), usize> = HashMap::default();
    for (d, names) in salient.iter().enumerate() {
        if let Some(top) = names.first().filter(|s| !s.place) {
            match first_top.get(top.id.as_str()) {
                Some(&other) => sets.union(other, d),
                None => {
                    first_top.insert(&top.id, d);
                }
            }
        }
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                let key = if a.id <= b.id {
                    (a.id.as_str(), b.id.as_str())
                } else {
                    (b.id.as_str(), a.id.as_str())
                };
                match first_pair.get(&key) {
                    Some(&other) => sets.union(other, d),
                    None => {
                        first_pair.insert(key, d);
                    }
                }
            }
        }
    }
    let mut root: Vec<usize> = (0..n).map(|d| sets.find(d)).collect();
    let mut named: HashMap<usize, String> = HashMap::default();
    // Splits: the documents named go to a group of that name.
    for (k, split) in corrections.split.iter().enumerate() {
        let group = n + k;
        for (d, id) in ids.iter().enumerate() {
            if split.documents.iter().any(|p| matches_doc(id, p)) {
                root[d] = group;
            }
        }
        named.insert(group, split.project.clone());
    }
    // The groups before merges, in the order of their first document, to find them by
    // id or name.
    let (order, members) = groups_of(&root);
    let name_of = |r: usize,
                   members: &HashMap<usize, Vec<usize>>,
                   named: &HashMap<usize, String>|
     -> (String, Vec<String>) {
        if let Some(n) = named.get(&r) {
            return (n.clone(), vec![n.clone()]);
        }
        project_name(members.get(&r).into_iter().flatten().map(|&d| &salient[d]))
    };
    for merge in &corrections.merge {
        let targets: Vec<usize> = merge
            .projects
            .iter()
            .filter_map(|p| {
                if let Some(i) = p.strip_prefix('p').and_then(|n| n.parse::<usize>().ok()) {
                    return order.get(i.wrapping_sub(1)).copied();
                }
                if let Some(d) = ids.iter().position(|id| matches_doc(id, p)) {
                    return Some(root[d]);
                }
                order
                    .iter()
                    .copied()
                    .find(|&r| name_of(r, &members, &named).0.eq_ignore_ascii_case(p))
            })
            .collect();
        let Some(&into) = targets.first() else {
            continue;
        };
        for r in root.iter_mut() {
            if targets.contains(r) {
                *r = into;
            }
        }
        if let Some(n) = &merge.name {
            named.insert(into, n.clone());
        }
    }
    let (groups, members) = groups_of(&root);
    let index: HashMap<usize, usize> = groups.iter().enumerate().map(|(p, &r)| (r, p)).collect();
    let doc_project: Vec<usize> = root.iter().map(|r| index[r]).collect();
    let mut projects = Vec::new();
    let mut known = Vec::new();
    for (p, &r) in groups.iter().enumerate() {
        let (name, names) = name_of(r, &members, &named);
        let member = &members[&r];
        let k = Known::of(member.iter().map(|&d| &kinds[d]), &corrections.facility);
        projects.push(Project {
            id: format!("p{}", p + 1),
            name,
            names,
            documents: member.iter().map(|&d| ids[d].to_string()).collect(),
            facilities: k.facilities(),
        });
        known.push(k);
    }
    Partition {
        projects,
        doc_project,
        known,
    }
}

/// The groups of `root` in the order of their first document, and each one's documents.
fn groups_of(root: &[usize]) -> (Vec<usize>, HashMap<usize, Vec<usize>>) {
    let mut order = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::default();
    for (d, &r) in root.iter().enumerate() {
        let m = members.entry(r).or_default();
        if m.is_empty() {
            order.push(r);
        }
        m.push(d);
    }
    (order, members)
}

/// A project's name and the names that tie it: the names salient in most of its
/// documents; as its name, the first of them that is a facility, a product or an
/// organisation and salient in at least half as many documents as the first.
fn project_name<'a>(docs: impl Iterator<Item = &'a Vec<Salient>>) -> (String, Vec<String>) {
    let mut tally: Vec<(String, usize, usize, bool)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::default();
    for names in docs {
        for s in names {
            match at.get(&s.name) {
                Some(&i) => {
                    tally[i].1 += 1;
                    tally[i].2 += s.mentions;
                }
                None => {
                    at.insert(s.name.clone(), tally.len());
                    tally.push((s.name.clone(), 1, s.mentions, s.thing && !s.place));
                }
            }
        }
    }
    tally.sort_by_key(|t| (std::cmp::Reverse(t.1), std::cmp::Reverse(t.2)));
    let most = tally.first().map_or(0, |t| t.1);
    let name = tally
        .iter()
        .find(|t| t.3 && t.1 * 2 >= most)
        .or(tally.first())
        .map_or_else(|| "(no names)".to_string(), |t| t.0.clone());
    (name, tally.into_iter().map(|t| t.0).collect())
}

/// The facilities a project's documents name: kinds that are one facility merged under
/// the name used most.
struct Known {
    /// (the kind named most, its name, other names, mentions)
    facilities: Vec<(Kind, String, Vec<String>, usize)>,
}

impl Known {
    /// The facilities of documents that name each kind so often (in the order first
    /// named).
    fn of<'a>(docs: impl Iterator<Item = &'a Vec<(Kind, usize)>>, aliases: &[Alias]) -> Known {
        let mut counts: Vec<(Kind, usize)> = Vec::new();
        for (k, n) in docs.flatten() {
            match counts.iter_mut().find(|c| c.0 == *k) {
                Some(c) => c.1 += n,
                None => counts.push((k.clone(), *n)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut facilities: Vec<(Kind, String, Vec<String>, usize)> = Vec::new();
        for (k, n) in counts {
            let label = k.label();
            let alias = aliases
                .iter()
                .find(|a| {
                    a.same
                        .iter()
                        .chain([&a.name])
                        .any(|s| s.eq_ignore_ascii_case(&label))
                })
                .map(|a| a.name.clone());
            let found = facilities.iter_mut().find(|f| match &alias {
                Some(a) => f.1 == *a,
                None => f.0.same(&k),
            });
            match found {
                Some(f) => {
                    f.3 += n;
                    if !f.2.contains(&label) && f.1 != label {
                        f.2.push(label);
                    }
                }
                None => facilities.push((k, alias.unwrap_or(label), Vec::new(), n)),
            }
        }
        Known { facilities }
    }

    fn facilities(&self) -> Vec<Facility> {
        self.facilities
            .iter()
            .map(|(_, name, also, n)| Facility {
                name: name.clone(),
                also: also.clone(),
                mentions: *n,
            })
            .collect()
    }

    /// The name of the facility a kind is.
    fn name(&self, kind: &Kind) -> String {
        self.facilities
            .iter()
            .find(|f| kind.is_label(&f.1) || f.2.iter().any(|l| kind.is_label(l)))
            .or_else(|| self.facilities.iter().find(|f| f.0.same(kind)))
            .map_or_else(|| kind.label(), |f| f.1.clone())
    }

    /// The one facility whose product a sentence names ("begin rifle production"), by
    /// its words not capitalised.
    fn by_product(&self, sentence: &str) -> Option<String> {
        if self.facilities.is_empty() {
            return None;
        }
        // (Each word made singular once.)
        let words: Vec<Cow<'_, str>> = lower_words(sentence).collect();
        let words: Vec<Singular<'_>> = words.iter().map(|w| Singular::of(w)).collect();
        let mut found = self.facilities.iter().filter(|f| {
            let product = Singular::of(&f.0.modifier);
            words.iter().any(|w| w.akin_to(&product))
        });
        let one = found.next()?;
        found.next().is_none().then(|| one.1.clone())
    }
}

/// What each statement of a document is about.
fn about_doc(facts: &Facts, known: &Known) -> Vec<About> {
    let doc_mentions = &facts.mentions;
    let names = |m: &Mention| -> Vec<String> {
        let mut out: Vec<String> = m.kinds.iter().map(|k| known.name(k)).collect();
        out.sort();
        out.dedup();
        out
    };
    // The names of the facilities each of the document's mentions stands for (none for
    // a part), made once.
    let doc_names: Vec<Vec<String>> = doc_mentions
        .iter()
        .map(|m| if m.part { Vec::new() } else { names(m) })
        .collect();
    // "The factories": those the document names, else those of the project named more
    // than once.
    let mut here: Vec<String> = doc_names.iter().flatten().cloned().collect();
    here.sort();
    here.dedup();
    let all: Vec<String> = if here.len() >= 2 {
        here
    } else {
        known
            .facilities
            .iter()
            .filter(|f| f.3 >= 2)
            .map(|f| f.1.clone())
            .collect()
    };
    // A mention that names a facility of some kind (not a part).
    let typed = |m: &Mention| !m.part && !m.kinds.is_empty();
    // Statements in the order of the text, so that "the plant" reads the plant named last
    // before it (a part, "production units", any facility named last).
    let statements = &facts.statements;
    let mut order: Vec<usize> = (0..statements.len()).collect();
    order.sort_by_key(|&k| statements[k].start);
    let mut out = vec![About::default(); statements.len()];
    // The last statement resolved by what it makes: (start, noun class, facilities).
    let mut last: Option<(usize, &str, Vec<String>)> = None;
    for k in order {
        let st = &statements[k];
        let in_subject = &st.subject;
        // The document's mentions within the statement (scanned once for the whole
        // document, not again for every statement).
        // (The mentions are in the order of the text.)
        let lo = doc_mentions.partition_point(|m| m.start < st.start);
        let hi = lo + doc_mentions[lo..].partition_point(|m| m.start < st.end);
        let in_sentence = &doc_mentions[lo..hi];
        let plural = in_subject
            .iter()
            .chain(in_sentence)
            .any(|m| m.plural && !m.part && m.kinds.is_empty());
        let mut facilities = in_subject
            .iter()
            .find(|m| typed(m))
            .map(names)
            .or_else(|| {
                (lo..hi)
                    .find(|&i| typed(&doc_mentions[i]))
                    .map(|i| doc_names[i].clone())
            })
            .or_else(|| (plural && all.len() >= 2).then(|| all.clone()));
        // The facility "the plant" or "the units" stands for: the one of that kind named
        // last before the sentence.
        let anchor = in_subject.first().or(in_sentence.first());
        if facilities.is_none()
            && !plural
            && let Some(anchor) = anchor
        {
            let fits = |noun: &str| anchor.part || class(noun) == class(anchor.noun);
            let named = (0..lo)
                .rev()
                .find(|&i| typed(&doc_mentions[i]) && fits(doc_mentions[i].noun))
                .map(|i| (doc_mentions[i].start, &doc_names[i]));
            let resolved = last.as_ref().filter(|l| fits(l.1)).map(|l| (l.0, &l.2));
            facilities = match (named, resolved) {
                (Some(n), Some(r)) => Some(if r.0 > n.0 { r.1 } else { n.1 }),
                (n, r) => n.or(r).map(|x| x.1),
            }
            .cloned();
        }
        // Else the one facility whose product the sentence names.
        if facilities.is_none()
            && let Some(anchor) = in_sentence.first()
            && let Some(sentence) = &st.sentence
            && let Some(f) = known.by_product(sentence)
        {
            last = Some((st.start, class(anchor.noun), vec![f.clone()]));
            facilities = Some(vec![f]);
        }
        let facilities = facilities.unwrap_or_default();
        out[k] = About {
            several: plural && facilities.is_empty(),
            facilities,
            phase: st.phase.clone(),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_read_toml_and_json() {
        let toml = r#"
            [[merge]]
            projects = ["p1", "Rostec"]
            name = "Plants"
            [[split]]
            project = "Bridge"
            documents = ["03.txt"]
            [[facility]]
            name = "ammunition plant"
            same = ["cartridge plant"]
        "#;
        let c = Corrections::parse(Path::new("fix.toml"), toml).expect("valid");
        assert_eq!(c.merge[0].projects, ["p1", "Rostec"]);
        assert_eq!(c.split[0].documents, ["03.txt"]);
        assert_eq!(c.facility[0].same, ["cartridge plant"]);
        let json = r#"{"facility": [{"name": "a", "same": ["b"]}]}"#;
        let c = Corrections::parse(Path::new("fix.json"), json).expect("valid");
        assert_eq!(c.facility[0].name, "a");
        let err = Corrections::parse(Path::new("fix.toml"), "[[merj]]\nprojects = []")
            .expect_err("unknown table");
        assert!(err.to_string().contains("merj"), "{err}");
    }

    #[test]
    fn a_facility_is_found_by_its_product_among_many() {
        let facility = |modifier: &str| {
            let kind = Kind {
                modifier: modifier.into(),
                noun: "plant".into(),
            };
            (kind.clone(), kind.label(), Vec::new(), 1)
        };
        for many in [3, 70] {
            let mut facilities: Vec<_> = (0..many).map(|i| facility(&format!("part{i}"))).collect();
            facilities[many - 1] = facility("ammunition");
            facilities[1] = facility("rifle");
            let known = Known { facilities };
            // One product named (in the plural, or as the end of a longer word): found,
            // however often.
            assert_eq!(
                known.by_product("to begin producing munitions").as_deref(),
                Some("ammunition plant"),
                "{many}"
            );
            assert_eq!(
                known
                    .by_product("rifles soon, rifle after rifle")
                    .as_deref(),
                Some("rifle plant"),
                "{many}"
            );
            // Two, or none, or only capitalised: not found.
            assert_eq!(known.by_product("rifles and ammunition"), None, "{many}");
            assert_eq!(known.by_product("the works began"), None, "{many}");
            assert_eq!(known.by_product("Rifles soon"), None, "{many}");
        }
    }

    #[test]
    fn documents_match_by_the_end_of_their_path() {
        assert!(matches_doc("examples/articles/03.txt", "03.txt"));
        assert!(matches_doc("examples/articles/03.txt", "articles/03.txt"));
        assert!(!matches_doc("examples/articles/103.txt", "03.txt"));
    }
}
