//! Everything a report shows, gathered once: the grouping, ledger, timeline, figures and
//! people of the documents, the one-paragraph summary, the chart, and every cited
//! sentence numbered so that each row can link to it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use overdue_pipeline::Analysis;
use overdue_pipeline::text::Span;
use overdue_timeline::events::Entry;
use overdue_timeline::figures::Figures;
use overdue_timeline::ledger::{Ledger, Source};
use overdue_timeline::people::People;
use overdue_timeline::projects::Grouping;
use serde::Serialize;

/// A document's text and date, for showing its sentences.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    /// Its id.
    pub doc: String,
    /// Publication date.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Text.
    #[serde(skip)]
    pub text: String,
}

/// What a report shows.
pub struct Dossier {
    /// The projects.
    pub grouping: Grouping,
    /// The ledger (with its slippage chains); shared with the first page a server
    /// makes before the rest (given to [`Draft::new`]).
    pub ledger: Arc<Ledger>,
    /// Every statement by date.
    pub timeline: Vec<Entry>,
    /// Figures given more than once.
    pub figures: Figures,
    /// People and organisations.
    pub people: People,
    /// The documents, by id.
    pub docs: HashMap<String, DocInfo>,
    /// The one-paragraph summary.
    pub summary: String,
    /// Every cited passage in the order first cited: (doc, span).
    pub cited: Vec<(String, Span)>,
    /// The number of each cited passage, by (document number, span).
    index: FxHashMap<(u32, Span), usize>,
    /// The number of each document cited, for [`Dossier::index`].
    doc_no: FxHashMap<String, u32>,
    /// What an abridged report leaves out ([`Dossier::abridge`]).
    pub left: Left,
}

/// The rows of each view an abridged report leaves out, and how many sources it cites
/// at most in one row (a ledger row's, a person's statements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    /// Ledger rows.
    pub ledger: usize,
    /// Timeline entries.
    pub timeline: usize,
    /// Figures (measures given more than once).
    pub measures: usize,
    /// Rates restated.
    pub restated: usize,
    /// People and organisations.
    pub people: usize,
    /// Posts given to more than one person.
    pub role_conflicts: usize,
    /// Projects.
    pub projects: usize,
    /// The rows of one view shown, at most.
    pub rows: usize,
    /// The sources cited in one row, at most.
    pub per_row: usize,
}

impl Default for Left {
    fn default() -> Left {
        Left {
            ledger: 0,
            timeline: 0,
            measures: 0,
            restated: 0,
            people: 0,
            role_conflicts: 0,
            projects: 0,
            rows: usize::MAX,
            per_row: usize::MAX,
        }
    }
}

impl Left {
    /// Whether a view was cut short (sources left out of a row are said in the row).
    pub fn any(&self) -> bool {
        self.ledger
            + self.timeline
            + self.measures
            + self.restated
            + self.people
            + self.role_conflicts
            + self.projects
            > 0
    }
}

/// A dossier made a chunk of documents at a time, in input order (as a server or a
/// report reads a large store): each chunk's items are let go once its views have what
/// they need of them, so that the peak is the views, not every analysis.
pub struct Draft {
    people: overdue_timeline::people::Gathering,
    figures: overdue_timeline::figures::Tally,
    timeline: Vec<Entry>,
    docs: HashMap<String, DocInfo>,
    /// The ledger (made of every document, not a chunk at a time).
    ledger: Arc<Ledger>,
    /// Whether the documents' texts are kept (to show cited sentences in context), or
    /// not (pages that link to the documents' own pages instead).
    texts: bool,
    /// The timeline entries kept at most, the first in the timeline's order
    /// ([`Draft::timeline_at_most`]), and how many were left out.
    timeline_rows: usize,
    timeline_left: usize,
}

impl Draft {
    /// An empty draft that keeps the documents' texts if `texts`, of the documents'
    /// `ledger` (say, the one a first page read from a store).
    pub fn new(texts: bool, ledger: Arc<Ledger>) -> Draft {
        Draft {
            people: Default::default(),
            figures: Default::default(),
            timeline: Vec::new(),
            docs: HashMap::new(),
            ledger,
            texts,
            timeline_rows: usize::MAX,
            timeline_left: 0,
        }
    }

    /// Keeps only the first `rows` entries of the timeline (in its order), and says in
    /// [`Dossier::left`] how many it left out: for a report of the whole abridged to
    /// `rows` rows ([`Dossier::abridge`]), which need not hold every entry of a large
    /// store to show its first (not for one project's part, [`Dossier::project`]).
    pub fn timeline_at_most(mut self, rows: usize) -> Draft {
        self.timeline_rows = rows;
        self
    }

    /// Adds the documents `docs`, those of `grouping` from the `first` on. Each layer of
    /// items is let go once the views that read it have it, so that the next view takes
    /// its memory.
    pub fn add(&mut self, first: usize, mut docs: Vec<Analysis>, grouping: &Grouping) {
        docs.iter().for_each(|a| self.people.add(a));
        docs.iter_mut().for_each(|a| a.entities = Vec::new());
        for (i, a) in docs.iter().enumerate() {
            self.figures.add(a, &grouping.project(first + i).id);
        }
        docs.iter_mut().for_each(|a| a.quantities = Vec::new());
        let entries = overdue_timeline::events::entries_of(&docs, first, grouping);
        self.timeline.extend(entries);
        if self.timeline.len() > self.timeline_rows {
            // (The first of those kept, then of this chunk's, in order: the first of all.)
            overdue_timeline::events::sort(&mut self.timeline);
            self.timeline_left += keep(&mut self.timeline, self.timeline_rows);
        }
        docs.iter_mut().for_each(|a| a.statements = Vec::new());
        self.docs.extend(docs.into_iter().map(|a| {
            (
                a.doc.id.clone(),
                DocInfo {
                    doc: a.doc.id,
                    published: a.doc.meta.published.value,
                    title: a.doc.meta.title,
                    text: if self.texts {
                        a.doc.text
                    } else {
                        String::new()
                    },
                },
            )
        }));
    }

    /// The dossier of the documents added, of `grouping` (all of theirs).
    pub fn done(self, grouping: Grouping) -> Dossier {
        let mut timeline = self.timeline;
        overdue_timeline::events::sort(&mut timeline);
        let mut d = Dossier::assemble(
            grouping,
            self.ledger,
            timeline,
            self.figures.done(),
            self.people.done(),
            self.docs,
        );
        d.left.timeline = self.timeline_left;
        d
    }
}

/// Keeps the first `n` of `v` and says how many it left.
fn keep<T>(v: &mut Vec<T>, n: usize) -> usize {
    let left = v.len().saturating_sub(n);
    v.truncate(n);
    left
}

impl Dossier {
    /// Builds everything from the analyses (their texts are kept, not copied), the
    /// ledger as of `as_of` (default: the newest publication date). Each layer is let go
    /// once the views that read it are built ([`Draft`]).
    pub fn build(
        docs: Vec<Analysis>,
        grouping: Grouping,
        as_of: Option<jiff::civil::Date>,
    ) -> Dossier {
        let ledger = overdue_timeline::ledger::build(&docs, &grouping, as_of);
        let mut draft = Draft::new(true, Arc::new(ledger));
        draft.add(0, docs, &grouping);
        draft.done(grouping)
    }

    /// The dossier of a store, with its grouping as its last ingest kept it, made a
    /// chunk of documents at a time into the draft `draft` makes of its ledger: the one
    /// given, or else the store's as of `as_of`, read first so that the statements it
    /// reads are let go before the other views are made (`overdue report --db` of
    /// 100,000 generated documents: 2.2–2.4 GB at most, 3.2 GB with the ledger made
    /// beside the other views). `None` if the store keeps no grouping for some document
    /// (read it with [`overdue_store::Store::views`], which groups them), or if an
    /// ingest ended meanwhile.
    pub fn of_store(
        store: &overdue_store::Store,
        ledger: Option<Arc<Ledger>>,
        as_of: Option<jiff::civil::Date>,
        draft: impl FnOnce(Arc<Ledger>) -> Draft,
    ) -> Result<Option<Dossier>, overdue_store::StoreError> {
        let before = store.generation()?;
        let ledger = match ledger {
            Some(ledger) => ledger,
            None => match store.ledger(as_of)? {
                Some(ledger) => Arc::new(ledger),
                None => return Ok(None),
            },
        };
        let mut draft = draft(ledger);
        let kept = store.views_each(overdue_store::Items::Views, |at, docs, grouping| {
            draft.add(at, docs, grouping)
        })?;
        let same = store.generation()? == before;
        Ok(kept.filter(|_| same).map(|grouping| draft.done(grouping)))
    }

    /// The dossier of a store's overview ([`overdue_store::Store::overview`]): its
    /// ledger, projects, documents and summary, without the timeline, figures and
    /// people (which need every analysis), and without the texts. Its ledger's sources
    /// have the numbers they have in the whole dossier (they are numbered first).
    pub fn of_overview(o: overdue_store::Overview) -> Dossier {
        let docs = o
            .documents
            .into_iter()
            .map(|l| {
                (
                    l.doc.clone(),
                    DocInfo {
                        doc: l.doc,
                        published: l.published,
                        title: l.title,
                        text: String::new(),
                    },
                )
            })
            .collect();
        let figures = Figures {
            measures: Vec::new(),
            restated: Vec::new(),
        };
        let people = People {
            people: Vec::new(),
            role_conflicts: Vec::new(),
        };
        Dossier::assemble(
            o.grouping,
            Arc::new(o.ledger),
            Vec::new(),
            figures,
            people,
            docs,
        )
    }

    /// The dossier of these views and documents, its sources numbered and its summary
    /// written.
    fn assemble(
        grouping: Grouping,
        ledger: Arc<Ledger>,
        timeline: Vec<Entry>,
        figures: Figures,
        people: People,
        docs: HashMap<String, DocInfo>,
    ) -> Dossier {
        let mut d = Dossier {
            summary: String::new(),
            grouping,
            ledger,
            timeline,
            figures,
            people,
            docs,
            cited: Vec::new(),
            index: FxHashMap::default(),
            doc_no: FxHashMap::default(),
            left: Left::default(),
        };
        d.number_sources();
        d.summary = d.summarise();
        d
    }

    /// One project's part (its ledger and slippage, timeline, figures, the people who
    /// speak or are given a role in its documents, its documents), with a summary and
    /// source numbers of its own; `None` when no project has the id `id`.
    pub fn project(&self, id: &str) -> Option<Dossier> {
        let grouping = self.grouping.only(id)?;
        let docs: HashSet<&str> = grouping.projects[0]
            .documents
            .iter()
            .map(String::as_str)
            .collect();
        let ours = |doc: &str| docs.contains(doc);
        let ledger = Arc::new(Ledger {
            as_of: self.ledger.as_of.clone(),
            rows: self
                .ledger
                .rows
                .iter()
                .filter(|r| r.project == id)
                .cloned()
                .collect(),
            slippage: self
                .ledger
                .slippage
                .iter()
                .filter(|c| c.project == id)
                .cloned()
                .collect(),
        });
        let timeline = self
            .timeline
            .iter()
            .filter(|e| e.project == id)
            .cloned()
            .collect();
        let figures = Figures {
            measures: self
                .figures
                .measures
                .iter()
                .filter(|m| m.project == id)
                .cloned()
                .collect(),
            restated: self
                .figures
                .restated
                .iter()
                .filter(|r| ours(&r.a.source.doc) && ours(&r.b.source.doc))
                .cloned()
                .collect(),
        };
        let people = People {
            people: self
                .people
                .people
                .iter()
                .filter_map(|p| {
                    let mut p = p.clone();
                    p.roles.retain(|r| ours(&r.source.doc));
                    p.statements.retain(|s| ours(&s.doc));
                    (!p.roles.is_empty() || !p.statements.is_empty()).then_some(p)
                })
                .collect(),
            role_conflicts: self
                .people
                .role_conflicts
                .iter()
                .filter_map(|c| {
                    let mut c = c.clone();
                    c.holders.retain(|h| ours(&h.role.source.doc));
                    (c.holders.len() > 1).then_some(c)
                })
                .collect(),
        };
        let docs = self
            .docs
            .iter()
            .filter(|(doc, _)| ours(doc))
            .map(|(doc, info)| (doc.clone(), info.clone()))
            .collect();
        Some(Dossier::assemble(
            grouping, ledger, timeline, figures, people, docs,
        ))
    }

    /// The report of a large store: the first `rows` rows of each view (the ledger, the
    /// timeline, the figures, the people, the projects) and at most `per_row` sources
    /// in one row, with only their sources numbered; [`Dossier::left`] says what was
    /// left out. The summary and the slippage chains (and the chart) stay those of the
    /// whole.
    pub fn abridge(mut self, rows: usize, per_row: usize) -> Dossier {
        let left = Left {
            ledger: keep(&mut Arc::make_mut(&mut self.ledger).rows, rows),
            // (With those a draft left out already.)
            timeline: self.left.timeline + keep(&mut self.timeline, rows),
            measures: keep(&mut self.figures.measures, rows),
            restated: keep(&mut self.figures.restated, rows),
            people: keep(&mut self.people.people, rows),
            role_conflicts: keep(&mut self.people.role_conflicts, rows),
            projects: self.grouping.projects.len().saturating_sub(rows),
            rows,
            per_row,
        };
        if left.any() {
            self.left = left;
            self.number_sources();
        }
        self
    }

    fn number_sources(&mut self) {
        // Every source, by reference; numbered in the order first cited.
        let per_row = self.left.per_row;
        let mut all: Vec<(&str, Span)> = Vec::new();
        for r in &self.ledger.rows {
            all.extend(
                r.sources
                    .iter()
                    .take(per_row)
                    .map(|s| (s.doc.as_str(), s.span)),
            );
            all.extend(r.outcome.iter().map(|o| (o.doc.as_str(), o.span)));
        }
        all.extend(
            self.timeline
                .iter()
                .map(|e| (e.source.doc.as_str(), e.source.span)),
        );
        for m in &self.figures.measures {
            all.extend(
                m.values
                    .iter()
                    .take(per_row)
                    .map(|v| (v.source.doc.as_str(), v.source.span)),
            );
            // (Each side of a conflict is among the values, unless they were cut short.)
            for c in m.conflicts.iter().take(per_row) {
                all.push((c.a.source.doc.as_str(), c.a.source.span));
                all.push((c.b.source.doc.as_str(), c.b.source.span));
            }
        }
        for r in &self.figures.restated {
            all.push((r.a.source.doc.as_str(), r.a.source.span));
            all.push((r.b.source.doc.as_str(), r.b.source.span));
        }
        for p in &self.people.people {
            all.extend(
                p.roles
                    .iter()
                    .take(per_row)
                    .map(|r| (r.source.doc.as_str(), r.source.span)),
            );
            all.extend(
                p.statements
                    .iter()
                    .take(per_row)
                    .map(|s| (s.doc.as_str(), s.span)),
            );
        }
        // (A holder's role is among the people's, unless they were cut short.)
        for c in &self.people.role_conflicts {
            all.extend(
                c.holders
                    .iter()
                    .map(|h| (h.role.source.doc.as_str(), h.role.source.span)),
            );
        }
        let mut doc_no: FxHashMap<String, u32> = FxHashMap::default();
        let mut index: FxHashMap<(u32, Span), usize> = FxHashMap::default();
        let mut cited = Vec::new();
        for (doc, span) in all {
            let n = match doc_no.get(doc) {
                Some(&n) => n,
                None => {
                    let n = doc_no.len() as u32;
                    doc_no.insert(doc.to_string(), n);
                    n
                }
            };
            if let std::collections::hash_map::Entry::Vacant(v) = index.entry((n, span)) {
                v.insert(cited.len() + 1);
                cited.push((doc.to_string(), span));
            }
        }
        self.doc_no = doc_no;
        self.index = index;
        self.cited = cited;
    }

    /// The number of a cited passage (1-based; 0 for one not cited).
    pub fn number(&self, doc: &str, span: Span) -> usize {
        self.doc_no
            .get(doc)
            .and_then(|&n| self.index.get(&(n, span)))
            .copied()
            .unwrap_or(0)
    }

    /// The number of a source.
    pub fn number_of(&self, s: &Source) -> usize {
        self.number(&s.doc, s.span)
    }

    /// The passage and what surrounds it: (before, passage, after), whitespace folded,
    /// at most `around` bytes either side, cut on character boundaries.
    pub fn context(&self, doc: &str, span: Span, around: usize) -> (String, String, String) {
        let Some(info) = self.docs.get(doc) else {
            return (String::new(), String::new(), String::new());
        };
        let t = &info.text;
        let (a, b) = (span.start().min(t.len()), span.end().min(t.len()));
        let mut from = a.saturating_sub(around);
        while !t.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (b + around).min(t.len());
        while !t.is_char_boundary(to) {
            to -= 1;
        }
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let before = if from > 0 {
            format!("…{}", fold(&t[from..a]))
        } else {
            fold(&t[from..a])
        };
        let after = if to < t.len() {
            format!("{}…", fold(&t[b..to]))
        } else {
            fold(&t[b..to])
        };
        (before, fold(&t[a..b]), after)
    }

    fn summarise(&self) -> String {
        let mut dates: Vec<&str> = self
            .docs
            .values()
            .filter_map(|d| d.published.as_deref())
            .collect();
        dates.sort_unstable();
        let n = self.docs.len();
        let mut out = format!("{n} {}", if n == 1 { "article" } else { "articles" });
        if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
            out.push_str(&format!(" published from {first} to {last}"));
        }
        let projects = self.grouping.projects.len();
        match projects {
            0 => {}
            1 => out.push_str(&format!(
                ", about one project ({})",
                self.grouping.projects[0].name
            )),
            p => out.push_str(&format!(", about {p} projects")),
        }
        out.push_str(". ");
        // The first promise on record.
        let first = self
            .ledger
            .rows
            .iter()
            .filter_map(|r| {
                let said = r.said.as_deref()?;
                Some((overdue_timeline::deadline::interval(said)?.first, said, r))
            })
            .min_by_key(|(d, _, _)| *d);
        if let Some((_, said, r)) = first {
            let who = r
                .speaker
                .as_ref()
                .map_or(String::new(), |s| format!(" by {}", s.name));
            let target = r
                .deadline
                .as_deref()
                .map_or(String::new(), |d| format!(", for {d}"));
            // "on 2016-03-14", "in 2013-SP".
            let prep = if said.len() == 10 { "on" } else { "in" };
            out.push_str(&format!(
                "The first promise on record was made {prep} {said}{who}{target}. "
            ));
        }
        let count = |s: &str| self.ledger.rows.iter().filter(|r| r.status == s).count();
        let rows = self.ledger.rows.len();
        out.push_str(&format!(
            "{rows} promised {} as of {}: {} overdue, {} kept late, {} kept, {} pending, {} with no date.",
            if rows == 1 { "date" } else { "dates" },
            self.ledger.as_of,
            count("overdue"),
            count("late"),
            count("kept"),
            count("pending"),
            count("open"),
        ));
        if let Some(c) = self
            .ledger
            .slippage
            .iter()
            .filter(|c| c.event == "milestones")
            .max_by_key(|c| c.slip_days)
            .or(self.ledger.slippage.first())
            && let (Some(a), Some(b)) = (c.points.first(), c.points.last())
        {
            out.push_str(&format!(
                " The promised completion has slipped {} days ({:.1} years): from {} (said {}) to {} (said {}).",
                c.slip_days,
                c.slip_days as f64 / 365.25,
                a.deadline,
                a.said,
                b.deadline,
                b.said
            ));
        }
        out
    }

    /// The chains the chart draws, each with its label.
    pub fn chart(&self) -> Option<String> {
        let several = self.grouping.projects.len() > 1;
        let chains: Vec<(String, &overdue_timeline::slippage::Chain)> = self
            .ledger
            .slippage
            .iter()
            .map(|c| {
                let what = match &c.facility {
                    Some(f) => format!("{f}, {}", c.event.replace('_', " ")),
                    None if c.event == "milestones" => "project: completion".to_string(),
                    None => format!("project, {}", c.event.replace('_', " ")),
                };
                let label = if several {
                    format!("{}: {what}", c.project)
                } else {
                    what
                };
                (label, c)
            })
            .collect();
        crate::chart::svg(&chains)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use overdue_store::{NewDoc, Store};

    /// Three articles on one project, ingested in two batches.
    fn store(dir: &std::path::Path) -> Store {
        let texts = [
            (
                "a.txt",
                "Norland Arms said on Monday that its rifle plant in Teska will be \
                 completed by 2027. The plant will produce 50,000 rifles a year.",
            ),
            (
                "b.txt",
                "Norland Arms chief executive Ida Varn said the rifle plant in Teska will \
                 open in 2028. The plant will produce 60,000 rifles a year.",
            ),
            (
                "c.txt",
                "Norland Arms opened the rifle plant in Teska in March 2028, Ida Varn said.",
            ),
        ];
        let mut store = Store::open(&dir.join("s.db")).unwrap();
        for batch in [&texts[..2], &texts[2..]] {
            let mut tx = store.ingest(|| ()).unwrap();
            for (id, text) in batch {
                let doc = overdue_pipeline::text::Document::new(*id, *text);
                tx.add(NewDoc::of(overdue_pipeline::analyse(doc)), "2026-01-01")
                    .unwrap();
            }
            tx.commit().unwrap();
        }
        store
    }

    /// What a reader sees of a dossier: its summary and views as JSON, and the number
    /// of each ledger source.
    fn seen(d: &Dossier) -> (String, String, String, Vec<usize>) {
        let numbers = d
            .ledger
            .rows
            .iter()
            .flat_map(|r| &r.sources)
            .map(|s| d.number_of(s))
            .collect();
        (
            d.summary.clone(),
            serde_json::to_string(d.ledger.as_ref()).unwrap(),
            serde_json::to_string(&(&d.timeline, &d.figures, &d.people)).unwrap(),
            numbers,
        )
    }

    #[test]
    fn a_dossier_from_the_overview_or_made_in_parts_is_the_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let (docs, grouping) = store.views().unwrap();
        let whole = Dossier::build(docs.clone(), grouping.unwrap(), None);
        assert!(!whole.ledger.rows.is_empty() && !whole.timeline.is_empty());
        let first = Dossier::of_overview(store.overview(None).unwrap().unwrap());
        let (want, got) = (seen(&whole), seen(&first));
        // The summary, the ledger and its sources' numbers: the same.
        assert_eq!((&got.0, &got.1, &got.3), (&want.0, &want.1, &want.3));
        assert!(first.timeline.is_empty() && first.people.people.is_empty());
        // Made a part at a time on the first page's ledger and grouping, as a server does:
        // the same as built alone, the ledger shared.
        let mut docs = docs;
        let rest = docs.split_off(1);
        let mut draft = Draft::new(true, first.ledger.clone());
        draft.add(0, docs, &first.grouping);
        draft.add(1, rest, &first.grouping);
        let on = draft.done(first.grouping.clone());
        assert_eq!(seen(&on), want);
        assert_eq!(cited(&on), cited(&whole));
        assert!(Arc::ptr_eq(&on.ledger, &first.ledger));
        // From the store, a chunk at a time, its ledger made there too; and without the
        // texts.
        let read = Dossier::of_store(&store, None, None, |l| Draft::new(true, l))
            .unwrap()
            .unwrap();
        assert_eq!(seen(&read), want);
        assert_eq!(cited(&read), cited(&whole));
        assert!(whole.docs.values().all(|i| !i.text.is_empty()));
        let bare = Dossier::of_store(&store, None, None, |l| Draft::new(false, l))
            .unwrap()
            .unwrap();
        assert_eq!(seen(&bare), want);
        assert_eq!(bare.docs.len(), 3);
        assert!(bare.docs.values().all(|i| i.text.is_empty()));
        // A draft that keeps only the timeline's first entries, abridged to as many
        // rows: the same as the whole abridged.
        let short = Dossier::of_store(&store, None, None, |l| {
            Draft::new(true, l).timeline_at_most(2)
        })
        .unwrap()
        .unwrap();
        assert_eq!(short.timeline.len(), 2);
        assert_eq!(short.left.timeline, whole.timeline.len() - 2);
        let (short, want) = (short.abridge(2, 1), whole.abridge(2, 1));
        assert!(want.left.timeline > 0);
        assert_eq!(short.left, want.left);
        assert_eq!(seen(&short), seen(&want));
        assert_eq!(cited(&short), cited(&want));
    }

    /// Every passage a dossier cites, in the order numbered, and its documents' dates and
    /// headlines.
    fn cited(d: &Dossier) -> String {
        let mut docs: Vec<_> = d.docs.values().collect();
        docs.sort_by(|a, b| a.doc.cmp(&b.doc));
        serde_json::to_string(&(&d.cited, docs)).unwrap()
    }
}
