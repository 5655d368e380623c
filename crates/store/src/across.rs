//! The grouping of the stored documents into projects, which every ingest brings up to
//! date, so that the ledger is read from the store without grouping every document again.
//!
//! Two tables. `names` holds what the partition into projects reads of each document:
//! its salient names (made again when its identities across documents change) and how
//! often it names each kind of facility; it is small, and every ingest reads it whole.
//! `grouping` holds each document's project and what each of its statements is about,
//! with the [`signature`] of the project's facilities that was made under. At the end
//! of an ingest the documents are partitioned again from `names` alone (no text, no
//! record), and what a statement is about is made again only for the documents whose
//! project's signature changed: new documents (from the facts their analysis gave,
//! kept in memory), and those of a project whose facilities a new document renamed,
//! reordered or merged (read back from their records).
//!
//! [`signature`]: overdue_timeline::projects::Partition::signature

use std::path::Path;

use overdue_pipeline::statement::Statement;
use overdue_pipeline::{Analysis, Identities, apply_identities};
use overdue_timeline::facilities::Kind;
use overdue_timeline::ledger::{Input, Ledger, build_from, newest};
use overdue_timeline::projects::{About, Corrections, Facts, Grouping, Names, partition};
use rusqlite::{Connection, params};
use serde::de::IgnoredAny;

use crate::{Items, Result, SHOWN, StoreError, on_every_core, parse_stored, sqlite};

/// How many documents are read back at a time.
const CHUNK: usize = 4096;

/// What the grouping reads of a document that needs no other document: made on the
/// worker that analysed it.
#[derive(Debug, Clone)]
pub struct Part {
    /// How often it names each kind of facility (JSON).
    pub kinds: String,
    /// Its facility facts, which the ingest keeps (within a budget) to say what its
    /// statements are about when it ends; `None`: read back from its record.
    pub facts: Option<Facts>,
}

impl Default for Part {
    /// The part of a document that names no facility; its facts read back when needed.
    fn default() -> Part {
        Part {
            kinds: "[]".into(),
            facts: None,
        }
    }
}

impl Part {
    /// The part of a document.
    pub fn of(a: &Analysis) -> Part {
        let facts = Facts::of(a);
        Part {
            kinds: serde_json::to_string(&facts.kinds()).unwrap_or_default(),
            facts: Some(facts),
        }
    }
}

fn pack<T: serde::Serialize>(value: &T) -> Vec<u8> {
    lz4_flex::block::compress_prepend_size(&serde_json::to_vec(value).unwrap_or_default())
}

fn unpack<T: serde::de::DeserializeOwned>(packed: &[u8]) -> std::result::Result<T, String> {
    let json = lz4_flex::block::decompress_size_prepended(packed).map_err(|e| e.to_string())?;
    serde_json::from_slice(&json).map_err(|e| e.to_string())
}

/// Keeps a document's names and facility counts.
pub(crate) fn insert(
    conn: &Connection,
    path: &Path,
    seq: i64,
    kinds: &str,
    names: &Names,
) -> Result<()> {
    // (Not `OR REPLACE`: see schema step 5.)
    conn.prepare_cached("INSERT INTO names (seq, names, kinds) VALUES (?1, ?2, ?3)")
        .and_then(|mut st| {
            st.execute(params![
                seq,
                serde_json::to_string(names).unwrap_or_default(),
                kinds
            ])
        })
        .map_err(|e| sqlite(path, e))?;
    Ok(())
}

/// Keeps a document's names anew (its identities changed).
pub(crate) fn rename(conn: &Connection, path: &Path, seq: i64, names: &Names) -> Result<()> {
    conn.prepare_cached("UPDATE names SET names = ?2 WHERE seq = ?1")
        .and_then(|mut st| {
            st.execute(params![
                seq,
                serde_json::to_string(names).unwrap_or_default()
            ])
        })
        .map_err(|e| sqlite(path, e))?;
    Ok(())
}

/// The facility facts an ingest keeps of the documents it added, by `seq`, so as not to
/// read their records back when it ends; within a budget of memory (the default keeps
/// none).
#[derive(Default)]
pub(crate) struct Fresh {
    facts: rustc_hash::FxHashMap<i64, Facts>,
    /// How many it keeps at most.
    room: usize,
}

/// How many documents' facts an ingest keeps: about 8 kB each, so some 130 MB at most.
/// Those of the documents after are made again from their records at the end (2.8 s of
/// the 21 s an ingest of 100,000 generated documents takes).
const FRESH_DOCS: usize = 16_384;

impl Fresh {
    pub(crate) fn new() -> Fresh {
        Fresh {
            facts: Default::default(),
            room: FRESH_DOCS,
        }
    }

    /// Keeps the facts of document `seq`, if there is room.
    pub(crate) fn keep(&mut self, seq: i64, part: &mut Part) {
        if let Some(facts) = part.facts.take()
            && self.facts.len() < self.room
        {
            // A copy made on this thread: the worker's sits among the pages of the
            // analysis it came from, and would keep them from being given back (a third
            // more memory). (What statements share, their subjects' mentions and their
            // sentences, stays shared and is not copied: an ingest of 100,000 documents
            // peaked at 336 MB, 340 MB when they were copied too.)
            let copy = facts.clone();
            drop(facts);
            self.facts.insert(seq, copy);
        }
    }
}

/// Documents read back from their records: `f` of each one's place in `seqs`, its
/// analysis (its own identities) and identities across documents, on every core, a
/// chunk at a time. A
/// record that cannot be read gives `f` nothing (the readers name it): one broken record
/// does not keep the others from their grouping.
fn read_back<T: Send>(
    conn: &Connection,
    path: &Path,
    seqs: &[i64],
    f: impl Fn(usize, Option<(Analysis, Option<Identities>)>) -> T + Sync,
) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(seqs.len());
    for chunk in seqs.chunks(CHUNK) {
        let done = out.len();
        let mut rows = Vec::with_capacity(chunk.len());
        {
            let mut st = conn
                .prepare_cached(
                    "SELECT d.doc, d.text, d.record, i.ids FROM documents d \
                     LEFT JOIN identities i ON i.seq = d.seq WHERE d.seq = ?1",
                )
                .map_err(|e| sqlite(path, e))?;
            for &seq in chunk {
                let row: (String, String, rusqlite::types::Value, Option<String>) = st
                    .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .map_err(|e| sqlite(path, e))?;
                rows.push(row);
            }
        }
        let made = overdue_pipeline::parallel_map(rows.len(), |i| {
            let (_, text, record, ids) = &rows[i];
            let read = || -> Option<(Analysis, Option<Identities>)> {
                let a = Items::Views
                    .parse(record.into())
                    .ok()?
                    .into_unsegmented(text.clone())
                    .ok()?;
                let ids = match ids {
                    Some(ids) => Some(serde_json::from_str(ids).ok()?),
                    None => None,
                };
                Some((a, ids))
            };
            f(done + i, read())
        });
        out.extend(made);
    }
    Ok(out)
}

/// Documents' texts and statements read back from their records: `f` of each one's
/// place in `seqs`, its text and its statements (`None` if its record cannot be read),
/// on every core, a chunk at a time. (Less than [`read_back`] reads: the other items
/// are passed over.)
fn statements_back<T: Send>(
    conn: &Connection,
    path: &Path,
    seqs: &[i64],
    f: impl Fn(usize, &str, Option<Vec<Statement>>) -> T + Sync,
) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(seqs.len());
    let mut st = conn
        .prepare_cached("SELECT text, record FROM documents WHERE seq = ?1")
        .map_err(|e| sqlite(path, e))?;
    for chunk in seqs.chunks(CHUNK) {
        let done = out.len();
        let rows: Vec<(String, rusqlite::types::Value)> = chunk
            .iter()
            .map(|&seq| st.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?))))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| sqlite(path, e))?;
        out.extend(overdue_pipeline::parallel_map(rows.len(), |i| {
            let (text, record) = &rows[i];
            let statements = parse_stored::<Statements>(record.into()).ok();
            f(done + i, text, statements.map(|s| s.statements))
        }));
    }
    Ok(out)
}

/// Makes the names of every document that has none (in a store made before they were
/// kept, or a document replaced), from its record and identities.
fn fill(conn: &Connection, path: &Path, fresh: &mut Fresh) -> Result<()> {
    // Names are kept only for stored documents, and none is ever deleted: as many names
    // as documents means that every one has its names (counted in a few milliseconds for
    // 100,000 documents; looking for those without takes a hundred).
    let missing: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM names)",
            [],
            |r| r.get(0),
        )
        .map_err(|e| sqlite(path, e))?;
    if missing <= 0 {
        return Ok(());
    }
    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM documents WHERE seq NOT IN (SELECT seq FROM names) ORDER BY seq")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| sqlite(path, e))?;
    // A chunk at a time, so that the facts not kept are let go.
    for seqs in seqs.chunks(CHUNK) {
        let made = read_back(conn, path, seqs, |_, read| {
            // (A broken record has no names, and no facts when read back again.)
            let Some((mut a, ids)) = read else {
                return (Names::default(), "[]".to_string(), Part::default());
            };
            let mut part = Part::of(&a);
            if let Some(ids) = ids {
                apply_identities(&mut a, &ids);
            }
            (
                Names::of(&a.entities),
                std::mem::take(&mut part.kinds),
                part,
            )
        })?;
        for (&seq, (names, kinds, mut part)) in seqs.iter().zip(made) {
            insert(conn, path, seq, &kinds, &names)?;
            fresh.keep(seq, &mut part);
        }
    }
    Ok(())
}

/// A document's names and facility counts as `names` keeps them.
fn read_names(
    path: &Path,
    doc: &str,
    names: &str,
    kinds: &str,
) -> Result<(Names, Vec<(Kind, usize)>)> {
    let bad = |why: String| StoreError::Record {
        path: path.to_path_buf(),
        doc: doc.to_string(),
        why,
    };
    let names: Names = serde_json::from_str(names).map_err(|e| bad(format!("names: {e}")))?;
    let kinds = serde_json::from_str(kinds).map_err(|e| bad(format!("facilities: {e}")))?;
    Ok((names, kinds))
}

/// One document's row as the grouping reads it: seq, names, facility counts, and its
/// project and signature as last grouped.
type Grouped = (i64, String, String, Option<i64>, Option<i64>);

/// The ids of the stored documents `seqs` (in that order; "" for a seq not stored),
/// read from the index of ids, not from the documents' rows (which hold their texts and
/// records).
fn ids_of(conn: &Connection, path: &Path, seqs: impl Iterator<Item = i64>) -> Result<Vec<String>> {
    let mut ids: Vec<(i64, String)> = conn
        .prepare("SELECT seq, doc FROM documents")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(|e| sqlite(path, e))?;
    ids.sort_unstable_by_key(|i| i.0);
    Ok(seqs
        .map(|seq| {
            ids.binary_search_by_key(&seq, |i| i.0)
                .map_or_else(|_| String::new(), |i| std::mem::take(&mut ids[i].1))
        })
        .collect())
}

/// Brings the grouping of every stored document up to date: names for documents
/// without, the partition into projects, and what each statement is about where its
/// project's facilities changed (from the facts in `fresh`, or read back). Within the
/// ingest's last transaction.
pub(crate) fn regroup(conn: &Connection, path: &Path, mut fresh: Fresh) -> Result<()> {
    fill(conn, path, &mut fresh)?;
    let rows: Vec<Grouped> = conn
        .prepare(
            "SELECT n.seq, n.names, n.kinds, g.project, g.signature FROM names n \
             LEFT JOIN grouping g ON g.seq = n.seq ORDER BY n.seq",
        )
        .and_then(|mut st| st.query_map([], |r| Grouped::try_from(r))?.collect())
        .map_err(|e| sqlite(path, e))?;
    // (Every document named has an id: names are kept only for stored documents.)
    let ids = ids_of(conn, path, rows.iter().map(|r| r.0))?;
    let keyed: Vec<_> = rows.iter().zip(&ids).collect();
    let parsed = on_every_core(&keyed, |((_, names, kinds, _, _), doc)| {
        read_names(path, doc, names, kinds)
    })?;
    drop(keyed);
    let (names, kinds): (Vec<Names>, Vec<Vec<(Kind, usize)>>) = parsed.into_iter().unzip();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let partition = partition(&ids, &names, &kinds, &Corrections::default());
    drop((names, kinds));
    let signatures: Vec<i64> = (0..partition.projects.len())
        // (Kept as SQLite's signed integers.)
        .map(|p| partition.signature(p) as i64)
        .collect();
    // Documents whose statements must be said again what they are about (those kept in
    // memory, and those to read back), and those that only moved.
    let mut kept = Vec::new();
    let mut stale = Vec::new();
    for (d, (seq, _, _, project, signature)) in rows.iter().enumerate() {
        let p = partition.doc_project[d];
        if *signature != Some(signatures[p]) {
            if fresh.facts.contains_key(seq) {
                kept.push(d);
            } else {
                stale.push(d);
            }
        } else if *project != Some(p as i64) {
            conn.prepare_cached("UPDATE grouping SET project = ?2 WHERE seq = ?1")
                .and_then(|mut st| st.execute(params![seq, p as i64]))
                .map_err(|e| sqlite(path, e))?;
        }
    }
    // (The facts taken, to be let go on every core.)
    let kept: Vec<(usize, Facts)> = kept
        .into_iter()
        .filter_map(|d| Some((d, fresh.facts.remove(&rows[d].0)?)))
        .collect();
    drop(fresh);
    let mut about: Vec<(usize, Vec<u8>)> =
        overdue_pipeline::parallel_into(kept, |(d, facts)| (d, pack(&partition.about(d, &facts))));
    let seqs: Vec<i64> = stale.iter().map(|&d| rows[d].0).collect();
    // (What they are about made as they are read: their facts are not all held.)
    about.extend(statements_back(
        conn,
        path,
        &seqs,
        |i, text, statements| {
            let facts = statements
                .and_then(|st| Facts::read(text, &st))
                .unwrap_or_default();
            (stale[i], pack(&partition.about(stale[i], &facts)))
        },
    )?);
    let mut st = conn
        .prepare_cached(
            "INSERT OR REPLACE INTO grouping (seq, project, signature, about) \
             VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(|e| sqlite(path, e))?;
    for (d, about) in about {
        let p = partition.doc_project[d];
        st.execute(params![rows[d].0, p as i64, signatures[p], about])
            .map_err(|e| sqlite(path, e))?;
    }
    Ok(())
}

/// The grouping of the documents readers see, as the last ingest kept it; `None` if a
/// document has none kept. Within a read transaction of the caller's.
pub(crate) fn grouping(conn: &Connection, path: &Path) -> Result<Option<Grouping>> {
    if ungrouped(conn, path)? > 0 {
        return Ok(None);
    }
    let rows: Vec<(i64, String, String, Vec<u8>)> = conn
        .prepare(&format!(
            "SELECT n.seq, n.names, n.kinds, g.about FROM names n \
             JOIN grouping g ON g.seq = n.seq WHERE n.seq <= {SHOWN} ORDER BY n.seq"
        ))
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .map_err(|e| sqlite(path, e))?;
    let ids = ids_of(conn, path, rows.iter().map(|r| r.0))?;
    let keyed: Vec<_> = rows.iter().zip(&ids).collect();
    let parsed = on_every_core(&keyed, |((_, names, kinds, about), doc)| {
        let (names, kinds) = read_names(path, doc, names, kinds)?;
        let about: Vec<About> = unpack(about).map_err(|why| StoreError::Record {
            path: path.to_path_buf(),
            doc: doc.to_string(),
            why: format!("grouping: {why}"),
        })?;
        Ok((names, kinds, about))
    })?;
    let mut names = Vec::with_capacity(rows.len());
    let mut kinds = Vec::with_capacity(rows.len());
    let mut about = Vec::with_capacity(rows.len());
    for (n, k, a) in parsed {
        names.push(n);
        kinds.push(k);
        about.push(a);
    }
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    Ok(Some(
        partition(&ids, &names, &kinds, &Corrections::default()).into_grouping(about),
    ))
}

/// How many documents readers see have no grouping kept.
fn ungrouped(conn: &Connection, path: &Path) -> Result<i64> {
    conn.query_row(
        &format!(
            "SELECT count(*) FROM documents d WHERE d.seq <= {SHOWN} \
             AND NOT EXISTS (SELECT 1 FROM grouping g WHERE g.seq = d.seq)"
        ),
        [],
        |r| r.get(0),
    )
    .map_err(|e| sqlite(path, e))
}

/// One document's statements as the ledger reads them.
struct LedgerDoc {
    doc: String,
    project: usize,
    statements: Vec<Statement>,
    about: Vec<About>,
}

/// A record read for its statements only (the other items passed over).
type Statements =
    overdue_pipeline::StoredRecord<IgnoredAny, IgnoredAny, IgnoredAny, Vec<Statement>>;

/// The ledger of the documents readers see, as of `as_of` (default: the newest
/// publication date), from their statements and their grouping kept; `None` if a
/// document has no grouping kept.
pub(crate) fn ledger(
    read: &Connection,
    path: &Path,
    as_of: Option<jiff::civil::Date>,
) -> Result<Option<Ledger>> {
    if ungrouped(read, path)? > 0 {
        return Ok(None);
    }
    type Row = (
        String,
        Option<String>,
        i64,
        Vec<u8>,
        rusqlite::types::Value,
        Option<String>,
    );
    let mut st = read
        .prepare(&format!(
            "SELECT d.doc, d.published, g.project, g.about, d.record, i.ids FROM documents d \
             JOIN grouping g ON g.seq = d.seq LEFT JOIN identities i ON i.seq = d.seq \
             WHERE d.seq <= {SHOWN} ORDER BY d.seq"
        ))
        .map_err(|e| sqlite(path, e))?;
    let mut rows = st
        .query_map([], |r| Row::try_from(r))
        .map_err(|e| sqlite(path, e))?;
    let mut docs: Vec<LedgerDoc> = Vec::new();
    let mut published: Vec<Option<String>> = Vec::new();
    loop {
        let chunk: Vec<Row> = rows
            .by_ref()
            .take(CHUNK)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| sqlite(path, e))?;
        if chunk.is_empty() {
            break;
        }
        let parsed = on_every_core(&chunk, |(doc, _, project, about, record, ids)| {
            let bad = |why: String| StoreError::Record {
                path: path.to_path_buf(),
                doc: doc.clone(),
                why,
            };
            let mut statements = parse_stored::<Statements>(record.into())
                .map_err(bad)?
                .statements;
            let about: Vec<About> = unpack(about).map_err(|e| bad(format!("grouping: {e}")))?;
            if about.len() != statements.len() {
                return Err(bad("grouping: not one per statement".into()));
            }
            if let Some(ids) = ids {
                let ids: Identities =
                    serde_json::from_str(ids).map_err(|e| bad(format!("identities: {e}")))?;
                overdue_pipeline::apply_identities_to(&mut statements, &ids);
            }
            Ok(LedgerDoc {
                doc: doc.clone(),
                project: *project as usize,
                statements,
                about,
            })
        })?;
        docs.extend(parsed);
        published.extend(chunk.into_iter().map(|r| r.1));
    }
    let newest = newest(published.iter().map(Option::as_deref));
    let projects = docs.iter().map(|d| d.project + 1).max().unwrap_or(0);
    let ids: Vec<String> = (1..=projects).map(|p| format!("p{p}")).collect();
    let inputs = docs.iter().flat_map(|d| {
        let project = ids[d.project].as_str();
        d.statements
            .iter()
            .zip(&d.about)
            .map(move |(statement, about)| Input {
                doc: &d.doc,
                statement,
                project,
                about,
            })
    });
    Ok(Some(build_from(inputs, as_of.or(newest))))
}
