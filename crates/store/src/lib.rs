//! The store: one SQLite file holding every document (text, content hash, metadata, where
//! it came from), everything extracted from it with its spans, and a full-text index of
//! its body.
//!
//! An ingest is one unit: readers see none of its documents until it ends, and a crash
//! or a kill in the middle leaves the store as they saw it before. It writes as it goes
//! (SQLite transactions of some megabytes, so that the write-ahead log stays small and
//! is copied into the store while the documents are analysed), above a mark of what is
//! committed that only its last transaction moves; the next ingest takes up what a
//! killed one wrote and completes it. The file is in WAL mode, so readers (the web page)
//! go on reading during an ingest. One ingest runs at a time (a lock file beside the
//! store).
//!
//! Records are stored with the identities of their own document; identities across
//! documents are given at ingest to the documents it adds, in the order added, by the
//! registry of identities the store keeps (so that it gives what one run over all
//! documents in that order gives), and are stored beside them. The cross-document views
//! (ledger, timeline, figures, people, projects) are built from the records by the
//! reader, so that the store gives the same ledger as the files read at once in that
//! order.

pub mod across;
mod keyed;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use overdue_pipeline::entity::{Entity, Registry};
use overdue_pipeline::text::SpanError;
use overdue_pipeline::{Analysis, Identities, StoredRecord, apply_identities, identify};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::Serialize;
use serde::de::IgnoredAny;

/// The schema, one step per version; `PRAGMA user_version` is the number of steps taken.
const MIGRATIONS: &[&str] = &[
    // 1: documents (the record of each holds its items), their body sentences and a
    // contentless full-text index of them (the text is the document's), views.
    "CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,
        doc TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        published TEXT,
        title TEXT,
        url TEXT,
        outlet TEXT,
        added TEXT NOT NULL,
        text TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL REFERENCES documents(seq),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE VIRTUAL TABLE sentence_words USING fts5(
        text, content = '', tokenize = 'unicode61'
    );
    CREATE TABLE views (name TEXT PRIMARY KEY, json TEXT NOT NULL);",
    // 2: each view says how many documents it was built from, so that a view older than
    // the documents (an ingest stopped between its two transactions) is not served.
    "ALTER TABLE views ADD COLUMN documents INTEGER NOT NULL DEFAULT -1;",
    // 3: one full-text row per document (its body sentences) instead of one per sentence,
    // and the body sentences' offsets kept with the document ("start end start end …"):
    // a row per sentence made storing cost a fifth of the analysis.
    "ALTER TABLE documents ADD COLUMN sentences TEXT NOT NULL DEFAULT '';
    UPDATE documents SET sentences = coalesce((
        SELECT group_concat(start || ' ' || end, ' ')
        FROM (SELECT start, end FROM sentences s WHERE s.seq = documents.seq ORDER BY start)
    ), '');
    CREATE VIRTUAL TABLE document_words USING fts5(
        text, content = '', tokenize = 'unicode61'
    );
    INSERT INTO document_words (rowid, text)
        SELECT d.seq, coalesce((
            SELECT group_concat(CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start)
                AS TEXT), char(10))
            FROM (SELECT start, end FROM sentences s WHERE s.seq = d.seq ORDER BY start) s
        ), '')
        FROM documents d;
    DROP TABLE sentence_words;
    DROP TABLE sentences;",
    // 4: no stored views. The cross-document views (ledger, timeline, figures, people,
    // projects) were rebuilt whole after every ingest, took longer than storing the
    // documents and more room than their text, and no reader used them: readers build
    // them from the stored records. The full-text index keeps which documents hold a
    // word, not where (`detail=column`: a search finds the sentences itself; the index is
    // a third of the size and a quarter faster to fill), and gathers 16 MB of words in
    // memory before it writes a segment (1 MB by default).
    "DROP TABLE views;
    DROP TABLE document_words;
    CREATE VIRTUAL TABLE document_words USING fts5(
        text, content = '', tokenize = 'unicode61', detail = column
    );
    INSERT INTO document_words (document_words, rank) VALUES ('hashsize', 16777216);
    INSERT INTO document_words (rowid, text)
        SELECT d.seq, coalesce((
            SELECT group_concat(CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start)
                AS TEXT), char(10) ORDER BY s.key)
            FROM (SELECT CAST(value AS INTEGER) AS start,
                    CAST(lead(value) OVER (ORDER BY key) AS INTEGER) AS end, key
                FROM json_each('[' || replace(d.sentences, ' ', ',') || ']')) s
            WHERE s.key % 2 = 0
        ), '')
        FROM documents d;",
    // 5: identities across documents, given at ingest and kept: each document's (its own
    // ids to the identities', as JSON) and the registry that gives them (compressed
    // JSON), which an ingest takes up where the last one left it. The documents stored
    // already are given theirs in the same transaction (`identify_all`).
    // (No foreign key and no OR REPLACE on the row of a document: either makes every
    // insert a statement that may roll back alone, which makes the full-text index write
    // out the words it holds in memory, for every document.)
    "CREATE TABLE identities (
        seq INTEGER PRIMARY KEY,
        ids TEXT NOT NULL
    );
    CREATE TABLE registry (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        state BLOB NOT NULL
    );",
    // 6: an ingest writes as it goes. Readers see the documents up to `committed.seq`;
    // those above it are an unfinished ingest's (the next one takes them up), and new
    // versions of stored documents wait in `replacements` until their ingest ends.
    // `generation` counts the ingests that ended (what a reader watches for a change).
    "CREATE TABLE committed (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        seq INTEGER NOT NULL,
        generation INTEGER NOT NULL
    );
    INSERT INTO committed (id, seq, generation)
        VALUES (0, coalesce((SELECT max(seq) FROM documents), 0), 0);
    CREATE TABLE replacements (
        seq INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        hash TEXT NOT NULL,
        published TEXT,
        title TEXT,
        url TEXT,
        outlet TEXT,
        text TEXT NOT NULL,
        record BLOB NOT NULL,
        sentences TEXT NOT NULL
    );
    CREATE INDEX replacements_hash ON replacements (hash);",
    // 7: the grouping into projects, which each ingest keeps up to date, so that the
    // ledger is read from the store (see the module `across`): what the partition reads
    // of each document (`names`, which every ingest reads whole), and each document's
    // project and what its statements are about (`grouping`, which the ledger reads).
    // The documents stored already are grouped in the same transaction.
    "CREATE TABLE names (
        seq INTEGER PRIMARY KEY,
        names TEXT NOT NULL,
        kinds TEXT NOT NULL
    );
    CREATE TABLE grouping (
        seq INTEGER PRIMARY KEY,
        project INTEGER NOT NULL,
        signature INTEGER NOT NULL,
        about BLOB NOT NULL
    );",
    // 8: records are written as MessagePack (compressed), which is made in half the time
    // of JSON and read in four fifths; those written before stay JSON, which is still
    // read. (No SQL: the step keeps older versions of overdue, which read only JSON,
    // from the store.)
    "",
    // 9: records are written with each field keyed by its place instead of its name, a
    // fifth smaller and quicker to read; those written before are still read. (No SQL:
    // older versions read a record's statements or entities alone by their names, and
    // would find none in these; the step keeps them from the store.)
    "",
];

/// How many bytes of documents (text and record) an ingest writes per SQLite
/// transaction at least: each commit lets SQLite copy the write-ahead log into the store
/// (`wal_autocheckpoint`, 1000 pages of 16 KiB) while the next documents are analysed.
/// In a large store it is an eighth of the store's size: every commit writes again the
/// pages of the indexes of ids and hashes that it touched, which are spread all over
/// them (the indexes are about a seventieth of the store), so that they stay about a
/// tenth of what a commit writes, and the log within an eighth of the store.
const COMMIT_BYTES: usize = 16 << 20;

/// The schema step after whose SQL every stored document is given its identities.
const IDENTITIES_STEP: usize = 5;

/// The schema step after whose SQL every stored document is grouped into projects.
const ACROSS_STEP: usize = 7;

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused.
    #[error("{path}: {source}")]
    Sqlite {
        /// The store.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The store was made by a newer overdue.
    #[error("{path}: schema version {found}, newer than this overdue knows ({known})")]
    Newer {
        /// The store.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// A stored record cannot be read back.
    #[error("{path}: document {doc}: {why}")]
    Record {
        /// The store.
        path: PathBuf,
        /// The document.
        doc: String,
        /// Why.
        why: String,
    },
    /// The registry of identities kept cannot be read back or written.
    #[error("{path}: the registry of identities: {why}")]
    Registry {
        /// The store.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// There is no store at that path (opening to read).
    #[error("{0}: no store there (run `overdue ingest --db {0}` first)")]
    Missing(PathBuf),
    /// The lock file that keeps two ingests apart could not be made or taken.
    #[error("{path}: {source}")]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

type Result<T> = std::result::Result<T, StoreError>;

/// A document ready to be stored: made on the worker that analysed it.
#[derive(Debug, Clone)]
pub struct NewDoc {
    /// Its id.
    pub doc: String,
    /// The file it came from.
    pub source: String,
    /// The content hash of its text (BLAKE3, hex).
    pub hash: String,
    /// Its publication date, a TIMEX3 value.
    pub published: Option<String>,
    /// Its headline, address and outlet.
    pub title: Option<String>,
    /// Its address.
    pub url: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its text.
    pub text: String,
    /// Its record as MessagePack (identities of its own, the fields of `overdue extract`'s
    /// JSON, each keyed by its place among its struct's fields), compressed (LZ4, its
    /// length before).
    pub record: Vec<u8>,
    /// Its entities (identities of its own), to give them identities across documents.
    pub entities: Vec<Entity>,
    /// Its body, as the store keeps and indexes it.
    pub body: Body,
    /// What the views across documents read of it.
    pub part: across::Part,
}

/// One extracted item as the store indexes it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    /// `timex`, `quantity`, `entity` or `statement`.
    pub layer: &'static str,
    /// Byte offsets.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Its type (`DATE`, `count`, `PERSON`, `forecast`, …).
    pub kind: String,
    /// Its text.
    pub text: String,
    /// Its value (TIMEX3 value, number, identity, event), if any.
    pub value: Option<String>,
}

/// The content hash of a text.
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

impl NewDoc {
    /// A document to store from its analysis (before identities across documents).
    pub fn of(a: Analysis) -> NewDoc {
        // The record serialised from the analysis itself (the fields of
        // `StoredRecord`, borrowed), without copying its items; its fields keyed by
        // place ([`keyed`]).
        let record = {
            use serde::Serialize;
            let r = overdue_pipeline::Record::new(&a, false);
            // Records run to about twice their text.
            let mut packed = Vec::with_capacity(a.doc.text.len() * 2);
            let mut ser = rmp_serde::Serializer::new(&mut packed).with_struct_map();
            let _ = r.serialize(keyed::Keyed(&mut ser));
            lz4_flex::block::compress_prepend_size(&packed)
        };
        // (The segmentation's lower-cased text, which an analysis read back without one
        // lacks.)
        let lowered;
        let lower = if a.seg.lower.len() == a.doc.text.len() {
            &a.seg.lower
        } else {
            lowered = a.doc.text.to_ascii_lowercase();
            &lowered
        };
        let body = Body::of(
            lower,
            a.seg
                .sentences
                .iter()
                .filter(|s| !a.doc.in_boilerplate(s.span))
                .map(|s| (s.span.start(), s.span.end())),
        );
        let part = across::Part::of(&a);
        let doc = a.doc;
        NewDoc {
            part,
            entities: a.entities,
            source: doc.id.split('#').next().unwrap_or(&doc.id).to_string(),
            doc: doc.id,
            hash: content_hash(&doc.text),
            published: doc.meta.published.value,
            title: doc.meta.title,
            url: doc.meta.url,
            outlet: doc.meta.outlet,
            text: doc.text,
            record,
            body,
        }
    }
}

/// A document's body as the store keeps it: made on the worker that analysed the
/// document, so that the thread that stores documents only writes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Its body sentences' offsets, "start end start end …".
    pub offsets: String,
    /// The words the full-text index is given: each word of the body once, lower-cased
    /// where ASCII.
    pub words: String,
}

impl Body {
    /// The body made of the sentences (start, end) given of a text, from the text with
    /// its ASCII letters in lower case, byte for byte (`lower`, as a segmentation keeps
    /// it; its offsets are the text's).
    pub fn of(lower: &str, sentences: impl Iterator<Item = (usize, usize)> + Clone) -> Body {
        let mut offsets = String::new();
        for (s, t) in sentences.clone() {
            if !offsets.is_empty() {
                offsets.push(' ');
            }
            push_number(&mut offsets, s);
            offsets.push(' ');
            push_number(&mut offsets, t);
        }
        Body {
            offsets,
            words: index_words(lower, sentences),
        }
    }
}

/// Writes `n` in decimal at the end of `out`, without the formatting machinery (a
/// body's offsets are made in three fifths of the time so).
fn push_number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// The words of a document's body sentences that the full-text index is given, from its
/// text with ASCII letters in lower case (`lower`): each once, in the order first read.
/// The index keeps which documents hold a word, not where nor how often (`detail =
/// column`), so a word given again adds nothing to it but the work of reading it (news
/// repeats about half its words). The text is cut only at ASCII characters other than
/// letters and digits, which end a word for the index's tokenizer (`unicode61`) wherever
/// they stand, so that it reads from the pieces the words it reads from the text.
fn index_words(lower: &str, sentences: impl Iterator<Item = (usize, usize)>) -> String {
    use std::hash::BuildHasher;
    // Whether each byte is in a word (letters and digits of ASCII, every byte beyond).
    const IN_WORD: [bool; 256] = {
        let mut in_word = [true; 256];
        let mut b = 0;
        while b < 128 {
            in_word[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        in_word
    };
    // The words given so far, by their place in `words` (made without a copy of each
    // word) and their hash, with room for the distinct words of news, about one per ten
    // bytes of text.
    let hasher = rustc_hash::FxBuildHasher;
    let mut seen: hashbrown::HashTable<(usize, usize, u64)> =
        hashbrown::HashTable::with_capacity(lower.len() / 10);
    let mut words = String::with_capacity(lower.len() / 2);
    for (s, t) in sentences {
        let Some(sentence) = lower.get(s..t) else {
            continue;
        };
        let bytes = sentence.as_bytes();
        let mut i = 0;
        loop {
            while i < bytes.len() && !IN_WORD[bytes[i] as usize] {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && IN_WORD[bytes[i] as usize] {
                i += 1;
            }
            if start == i {
                break;
            }
            // (Cut at ASCII bytes only: always between characters.)
            let piece = &sentence[start..i];
            let hash = hasher.hash_one(piece);
            let given = words.as_bytes();
            if seen
                .find(hash, |&(a, b, h)| {
                    h == hash && &given[a..b] == piece.as_bytes()
                })
                .is_some()
            {
                continue;
            }
            if !words.is_empty() {
                words.push(' ');
            }
            let at = words.len();
            words.push_str(piece);
            seen.insert_unique(hash, (at, words.len(), hash), |&(_, _, h)| h);
        }
    }
    words
}

/// Which items of the stored records a reader reads; the others are passed over, not
/// made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// Every item.
    All,
    /// All but the time expressions: what the views across documents read (the
    /// statements keep their targets).
    Views,
    /// The entities and the statements: the people.
    People,
    /// The statements: the timeline.
    Statements,
    /// The quantities: the figures.
    Quantities,
    /// None: a view of the grouping alone (the projects).
    None,
}

impl Items {
    /// A stored record read with these items only.
    pub(crate) fn parse(
        self,
        v: rusqlite::types::ValueRef<'_>,
    ) -> std::result::Result<StoredRecord, String> {
        use overdue_pipeline::entity::Entity;
        use overdue_pipeline::quantity::Quantity;
        use overdue_pipeline::statement::Statement;
        use overdue_pipeline::time::Timex;
        type Skip = IgnoredAny;
        fn read<T, Q, E, S>(
            v: rusqlite::types::ValueRef<'_>,
        ) -> std::result::Result<StoredRecord, String>
        where
            StoredRecord<T, Q, E, S>: serde::de::DeserializeOwned,
            T: overdue_pipeline::Layer<Timex>,
            Q: overdue_pipeline::Layer<Quantity>,
            E: overdue_pipeline::Layer<Entity>,
            S: overdue_pipeline::Layer<Statement>,
        {
            parse_stored::<StoredRecord<T, Q, E, S>>(v).map(StoredRecord::read)
        }
        match self {
            Items::All => read::<Vec<Timex>, Vec<Quantity>, Vec<Entity>, Vec<Statement>>(v),
            Items::Views => read::<Skip, Vec<Quantity>, Vec<Entity>, Vec<Statement>>(v),
            Items::People => read::<Skip, Skip, Vec<Entity>, Vec<Statement>>(v),
            Items::Statements => read::<Skip, Skip, Skip, Vec<Statement>>(v),
            Items::Quantities => read::<Skip, Vec<Quantity>, Skip, Skip>(v),
            Items::None => read::<Skip, Skip, Skip, Skip>(v),
        }
    }
}

/// A stored record: compressed MessagePack or JSON (a BLOB), or JSON text as stores
/// before schema 3 kept it.
fn parse_record<T: serde::de::DeserializeOwned>(
    v: rusqlite::types::ValueRef<'_>,
) -> std::result::Result<StoredRecord<T>, String> {
    parse_stored(v)
}

/// A stored record read as `R` (a record, or the part of one that `R` names).
fn parse_stored<R: serde::de::DeserializeOwned>(
    v: rusqlite::types::ValueRef<'_>,
) -> std::result::Result<R, String> {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Text(json) => serde_json::from_slice(json).map_err(|e| e.to_string()),
        ValueRef::Blob(packed) => {
            let record = lz4_flex::block::decompress_size_prepended(packed)
                .map_err(|e| format!("compressed record: {e}"))?;
            // (A record is a map: `{` in JSON, never the first byte of one in MessagePack.)
            if record.first() == Some(&b'{') {
                serde_json::from_slice(&record).map_err(|e| e.to_string())
            } else {
                rmp_serde::from_slice(&record).map_err(|e| e.to_string())
            }
        }
        _ => Err("no record".into()),
    }
}

/// The words of a text as the full-text index reads them (`unicode61`): runs of letters
/// and digits, lower-cased, without diacritics.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| overdue_pipeline::entity::fold(&w.to_lowercase()))
}

/// The sentences kept with a document ("start end start end …"), those that fit its text.
fn sentence_offsets<'a>(
    offsets: &'a str,
    text: &'a str,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut nums = offsets.split(' ').filter_map(|n| n.parse::<usize>().ok());
    std::iter::from_fn(move || Some((nums.next()?, nums.next()?))).filter(|&(s, e)| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    })
}

/// Every item of a record, in the order of the text (longer first where two start
/// together).
pub fn items_of(r: &StoredRecord, text: &str) -> Vec<ItemRow> {
    let mut items = Vec::new();
    for t in &r.timexes {
        items.push(item(
            "timex",
            t.span,
            t.kind,
            &t.text,
            Some(t.value.clone()),
        ));
    }
    for q in &r.quantities {
        items.push(item(
            "quantity",
            q.span,
            q.kind,
            &q.text,
            Some(q.value.to_string()),
        ));
    }
    for e in &r.entities {
        items.push(item(
            "entity",
            e.span,
            e.kind,
            &e.text,
            Some(e.name.clone()),
        ));
    }
    for st in &r.statements {
        items.push(item(
            "statement",
            st.span,
            st.kind,
            text.get(st.span.range()).unwrap_or(""),
            Some(st.event.to_string()),
        ));
    }
    items.sort_by_key(|i| (i.start, std::cmp::Reverse(i.end)));
    items
}

fn item(
    layer: &'static str,
    span: overdue_pipeline::text::Span,
    kind: &str,
    text: &str,
    value: Option<String>,
) -> ItemRow {
    ItemRow {
        layer,
        start: span.start(),
        end: span.end(),
        kind: kind.to_string(),
        text: text.to_string(),
        value,
    }
}

/// A sentence found by a search.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The document.
    pub doc: String,
    /// The sentence's offsets.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The sentence.
    pub text: String,
}

/// A stored document as a list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// Its id.
    pub doc: String,
    /// Publication date.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
}

/// The ledger, grouping and documents of a store ([`Store::overview`]).
#[derive(Debug, Clone)]
pub struct Overview {
    /// The ledger.
    pub ledger: overdue_timeline::ledger::Ledger,
    /// The documents' projects, and what each statement is about.
    pub grouping: overdue_timeline::projects::Grouping,
    /// The documents, in the order added.
    pub documents: Vec<Listed>,
}

/// A stored document, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDoc {
    /// Its id.
    pub doc: String,
    /// The file it came from.
    pub source: String,
    /// Publication date.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Its text.
    pub text: String,
    /// Its items, in the order of the text.
    pub items: Vec<ItemRow>,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path` to read and write, making it if there is none, and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| sqlite(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .execute_batch(
                "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                 PRAGMA cache_size = -8192;",
            )
            .map_err(|e| store.err(e))?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store to read only (the web page, the reports).
    /// A store of an older schema is brought up to date first (which writes to it).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let store = Store::read_only(path)?;
        if store.version()? < MIGRATIONS.len() as i64 {
            drop(store);
            drop(Store::open(path)?);
            return Store::read_only(path);
        }
        Ok(store)
    }

    fn read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sqlite(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| sqlite(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let version = store.version()?;
        if version > MIGRATIONS.len() as i64 {
            return Err(store.newer(version));
        }
        Ok(store)
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    fn newer(&self, found: i64) -> StoreError {
        StoreError::Newer {
            path: self.path.clone(),
            found,
            known: MIGRATIONS.len() as i64,
        }
    }

    /// The schema version.
    pub fn version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn migrate(&self) -> Result<()> {
        let version = self.version()?;
        if version > MIGRATIONS.len() as i64 {
            return Err(self.newer(version));
        }
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            self.conn
                .execute_batch(&format!("BEGIN; {step};"))
                .map_err(|e| self.err(e))?;
            let done = (|| {
                if i + 1 == IDENTITIES_STEP {
                    identify_all(&self.conn, &self.path)?;
                }
                if i + 1 == ACROSS_STEP {
                    across::regroup(&self.conn, &self.path, across::Fresh::new())?;
                }
                self.conn
                    .execute_batch(&format!("PRAGMA user_version = {}; COMMIT;", i + 1))
                    .map_err(|e| self.err(e))
            })();
            if let Err(e) = done {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        // A step that dropped more than half the file (the views, in 4) gives it back.
        if version > 0 && version < MIGRATIONS.len() as i64 {
            let pages = |p: &str| {
                self.conn
                    .query_row(&format!("PRAGMA {p}"), [], |r| r.get::<_, i64>(0))
                    .map_err(|e| self.err(e))
            };
            if 2 * pages("freelist_count")? > pages("page_count")? {
                self.conn.execute_batch("VACUUM").map_err(|e| self.err(e))?;
            }
        }
        Ok(())
    }

    /// How many ingests have ended in the store: readers rebuild what they keep when it
    /// moves (not on every transaction of an ingest, which shows them nothing new).
    pub fn generation(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT generation FROM committed WHERE id = 0", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))
    }

    /// How many documents it holds.
    pub fn len(&self) -> Result<usize> {
        self.conn
            .query_row(
                &format!("SELECT count(*) FROM documents WHERE seq <= {SHOWN}"),
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// How many documents an ingest that has not ended (running, or killed) wrote:
    /// readers do not see them, and the next ingest takes them up.
    pub fn unfinished(&self) -> Result<usize> {
        let (documents, versions) = unfinished(&self.conn, &self.path)?;
        Ok(documents + versions)
    }

    /// Whether it holds no document.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// Starts an ingest, whose documents readers see when [`Ingest::commit`] ends it.
    /// It waits for another ingest into the store to end (calling `waiting` first), and
    /// takes up what an ingest that never ended (killed, crashed) wrote.
    pub fn ingest(&mut self, waiting: impl FnOnce()) -> Result<Ingest<'_>> {
        let lock = ingest_lock(&self.path, waiting)?;
        let path = self.path.clone();
        let conn = &self.conn;
        let e = |e| sqlite(&path, e);
        conn.execute_batch("BEGIN IMMEDIATE").map_err(e)?;
        // (Made first: an error below drops it, which rolls the transaction back.)
        let mut ingest = Ingest {
            conn,
            path: path.clone(),
            added: 0,
            updated: 0,
            taken_up: 0,
            registry: None,
            reidentify: false,
            written: 0,
            commit_bytes: COMMIT_BYTES,
            fresh: across::Fresh::new(),
            _lock: lock,
        };
        ingest.registry = load_registry(conn, &path)?;
        let size: i64 = conn
            .query_row(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
                [],
                |r| r.get(0),
            )
            .map_err(e)?;
        ingest.commit_bytes = COMMIT_BYTES.max(size as usize / 8);
        let (pending, replacing) = unfinished(conn, &path)?;
        // What it wrote counts as this ingest's.
        ingest.added = pending;
        ingest.updated = replacing;
        ingest.taken_up = pending + replacing;
        if replacing > 0 {
            ingest.reidentify = true;
        } else if pending > 0
            && let Some(registry) = &mut ingest.registry
        {
            // The identities of the documents taken up, given again from the registry as
            // the last ingest that ended left it (the same as they were given).
            let shown: i64 = conn
                .query_row(&format!("SELECT {SHOWN}"), [], |r| r.get(0))
                .map_err(e)?;
            identify_after(conn, &path, shown, registry)?;
        }
        Ok(ingest)
    }

    /// Every stored document's analysis, in the order added, with identities across
    /// documents (its segmentation left empty: see
    /// [`StoredRecord::into_unsegmented`](overdue_pipeline::StoredRecord::into_unsegmented)).
    pub fn analyses(&self) -> Result<Vec<Analysis>> {
        load(&self.conn, &self.path, Items::All, READ_CHUNK)
    }

    /// As [`Store::analyses`], without the time expressions: what the views across
    /// documents (ledger, timeline, figures, people, projects) read. The statements keep
    /// their targets; a sixth less memory.
    pub fn analyses_for_views(&self) -> Result<Vec<Analysis>> {
        load(&self.conn, &self.path, Items::Views, READ_CHUNK)
    }

    /// What the views across documents read: [`Store::analyses_for_views`], and their
    /// grouping into projects as the last ingest kept it (`None` if the store keeps none
    /// for some document: group them), seen at one moment.
    pub fn views(&self) -> Result<(Vec<Analysis>, Option<overdue_timeline::projects::Grouping>)> {
        self.views_of(Items::Views)
    }

    /// As [`Store::views`], with only the `items` a view reads when the store keeps the
    /// grouping (a timeline of 100,000 documents does not hold their entities and
    /// quantities); with all the views read when it does not, to group them.
    pub fn views_of(
        &self,
        items: Items,
    ) -> Result<(Vec<Analysis>, Option<overdue_timeline::projects::Grouping>)> {
        let read = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let grouping = across::grouping(&read, &self.path)?;
        let items = if grouping.is_some() {
            items
        } else {
            Items::Views
        };
        let docs = load_in(&read, &self.path, items, READ_CHUNK)?;
        let n = docs.len();
        Ok((docs, grouping.filter(|g| g.len() == n)))
    }

    /// As [`Store::views_of`], a chunk of documents at a time: `each` is given the place
    /// of the chunk's first document, its analyses and the grouping kept, so that a view
    /// built document by document does not hold every analysis at once. Returns the
    /// grouping; `None`, and nothing given, if the store keeps no grouping for some
    /// document (read them with [`Store::views_of`], which groups them).
    pub fn views_each(
        &self,
        items: Items,
        each: impl FnMut(usize, Vec<Analysis>, &overdue_timeline::projects::Grouping),
    ) -> Result<Option<overdue_timeline::projects::Grouping>> {
        self.views_each_in(items, READ_CHUNK, each)
    }

    /// [`Store::views_each`], `chunk` documents at a time.
    fn views_each_in(
        &self,
        items: Items,
        chunk: usize,
        mut each: impl FnMut(usize, Vec<Analysis>, &overdue_timeline::projects::Grouping),
    ) -> Result<Option<overdue_timeline::projects::Grouping>> {
        let read = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let Some(grouping) = across::grouping(&read, &self.path)? else {
            return Ok(None);
        };
        let n: i64 = read
            .query_row(
                &format!("SELECT count(*) FROM documents WHERE seq <= {SHOWN}"),
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if usize::try_from(n).ok() != Some(grouping.len()) {
            return Ok(None);
        }
        let mut first = 0;
        load_each(&read, &self.path, items, chunk, |docs| {
            let n = docs.len();
            each(first, docs, &grouping);
            first += n;
        })?;
        Ok(Some(grouping))
    }

    /// The ledger of the stored documents as of `as_of` (default: the newest publication
    /// date), read from the grouping every ingest keeps: the same as the ledger of their
    /// analyses ([`Store::analyses_for_views`]) grouped without corrections, without
    /// reading their records. `None` if the store keeps no grouping for some document
    /// (read-only, of an older schema).
    pub fn ledger(
        &self,
        as_of: Option<jiff::civil::Date>,
    ) -> Result<Option<overdue_timeline::ledger::Ledger>> {
        // One read transaction: the count and the rows see the same store.
        let read = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        across::ledger(&read, &self.path, as_of)
    }

    /// What a first page over the store shows, read from the grouping every ingest keeps
    /// without the documents' analyses (a few seconds for 100,000 documents, where the
    /// analyses take twenty): the ledger as of `as_of` (as [`Store::ledger`]), the
    /// grouping and the documents. `None` if the store keeps no grouping for some
    /// document.
    pub fn overview(&self, as_of: Option<jiff::civil::Date>) -> Result<Option<Overview>> {
        let read = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let Some(grouping) = across::grouping(&read, &self.path)? else {
            return Ok(None);
        };
        let Some(ledger) = across::ledger(&read, &self.path, as_of)? else {
            return Ok(None);
        };
        let documents = self.documents()?;
        Ok((grouping.len() == documents.len()).then_some(Overview {
            ledger,
            grouping,
            documents,
        }))
    }

    /// How many identities across documents the store knows.
    pub fn identities(&self) -> Result<usize> {
        Ok(load_registry(&self.conn, &self.path)?.map_or(0, |r| r.len()))
    }

    /// Sentences that hold every word of `query`: those of the documents that hold them
    /// all, best document first (FTS5's rank), in the order of the text within one.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let words: Vec<String> = words_of(query).collect();
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Each word quoted, so that the user's text is never read as FTS5 syntax.
        let fts: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT d.doc, d.text, d.sentences FROM document_words w \
                     JOIN documents d ON d.seq = w.rowid \
                     WHERE document_words MATCH ?1 AND d.seq <= {SHOWN} ORDER BY w.rank"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = st.query(params![fts.join(" ")]).map_err(|e| self.err(e))?;
        let mut hits = Vec::new();
        while hits.len() < limit
            && let Some(r) = rows.next().map_err(|e| self.err(e))?
        {
            let doc: String = r.get(0).map_err(|e| self.err(e))?;
            let text: String = r.get(1).map_err(|e| self.err(e))?;
            let offsets: String = r.get(2).map_err(|e| self.err(e))?;
            for (start, end) in sentence_offsets(&offsets, &text) {
                let sentence = &text[start..end];
                let have: HashSet<String> = words_of(sentence).collect();
                if words.iter().all(|w| have.contains(w)) {
                    hits.push(Hit {
                        doc: doc.clone(),
                        start,
                        end,
                        text: sentence.to_string(),
                    });
                    if hits.len() == limit {
                        break;
                    }
                }
            }
        }
        Ok(hits)
    }

    /// The stored documents (id, publication date, headline), in the order added.
    pub fn documents(&self) -> Result<Vec<Listed>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT doc, published, title FROM documents WHERE seq <= {SHOWN} ORDER BY seq"
            ))
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok(Listed {
                    doc: r.get(0)?,
                    published: r.get(1)?,
                    title: r.get(2)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(|e| self.err(e))
    }

    /// One stored document with its items.
    pub fn document(&self, doc: &str) -> Result<Option<StoredDoc>> {
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT doc, source, published, title, url, text, record FROM documents \
                     WHERE doc = ?1 AND seq <= {SHOWN}"
                ),
                [doc],
                |r| {
                    Ok((
                        StoredDoc {
                            doc: r.get(0)?,
                            source: r.get(1)?,
                            published: r.get(2)?,
                            title: r.get(3)?,
                            url: r.get(4)?,
                            text: r.get(5)?,
                            items: Vec::new(),
                        },
                        parse_record(r.get_ref(6)?),
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((mut d, record)) = found else {
            return Ok(None);
        };
        let r: StoredRecord = record.map_err(|why| StoreError::Record {
            path: self.path.clone(),
            doc: d.doc.clone(),
            why,
        })?;
        d.items = items_of(&r, &d.text);
        Ok(Some(d))
    }
}

fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// One stored document as read back: id, text, record, identities (JSON).
type Row = (String, String, rusqlite::types::Value, Option<String>);

/// How many stored documents are read back and parsed at a time: their rows (text and
/// compressed record) are held only while theirs are parsed.
const READ_CHUNK: usize = 4096;

/// The stored documents in the order added, with identities across documents: the
/// stored ones, or (when a document has none stored, as in a store not made by this
/// version) ones given anew. Their time expressions too if `timexes`. `chunk` rows are
/// held at a time.
fn load(conn: &Connection, path: &Path, items: Items, chunk: usize) -> Result<Vec<Analysis>> {
    // One read transaction: the count and the rows see the same store.
    let read = conn.unchecked_transaction().map_err(|e| sqlite(path, e))?;
    load_in(&read, path, items, chunk)
}

/// [`load`] within a transaction of the caller's.
fn load_in(conn: &Connection, path: &Path, items: Items, chunk: usize) -> Result<Vec<Analysis>> {
    let mut docs = Vec::new();
    load_each(conn, path, items, chunk, |mut c| docs.append(&mut c))?;
    Ok(docs)
}

/// The documents [`load`] reads, given to `each` a chunk at a time (in order), within a
/// transaction of the caller's.
fn load_each(
    conn: &Connection,
    path: &Path,
    items: Items,
    chunk: usize,
    mut each: impl FnMut(Vec<Analysis>),
) -> Result<()> {
    let missing: i64 = conn
        .query_row(
            &format!(
                "SELECT count(*) FROM documents d LEFT JOIN identities i ON i.seq = d.seq \
                 WHERE i.ids IS NULL AND d.seq <= {SHOWN}"
            ),
            [],
            |r| r.get(0),
        )
        .map_err(|e| sqlite(path, e))?;
    let stored_ids = missing == 0;
    // (Identities given here are given from the entities: read those of the views.)
    let items = if stored_ids || items == Items::All {
        items
    } else {
        Items::Views
    };
    // Identities given here, in the order the documents were added, as an ingest would.
    let mut registry = (!stored_ids).then(Registry::new);
    let mut st = conn
        .prepare(&format!(
            "SELECT d.doc, d.text, d.record, i.ids FROM documents d \
                 LEFT JOIN identities i ON i.seq = d.seq WHERE d.seq <= {SHOWN} ORDER BY d.seq"
        ))
        .map_err(|e| sqlite(path, e))?;
    let mut rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .map_err(|e| sqlite(path, e))?;
    loop {
        let chunk: Vec<Row> = rows
            .by_ref()
            .take(chunk.max(1))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| sqlite(path, e))?;
        if chunk.is_empty() {
            break;
        }
        // Records are read back on every core, a chunk at a time.
        let parsed = overdue_pipeline::parallel_into(chunk, |(doc, text, record, ids)| {
            let bad = |why: String| StoreError::Record {
                path: path.to_path_buf(),
                doc: doc.clone(),
                why,
            };
            let record = items.parse((&record).into());
            let mut a = record
                .map_err(bad)?
                .into_unsegmented(text)
                .map_err(|e: SpanError| bad(e.to_string()))?;
            if let Some(json) = ids.filter(|_| stored_ids) {
                let ids: Identities =
                    serde_json::from_str(&json).map_err(|e| bad(format!("identities: {e}")))?;
                apply_identities(&mut a, &ids);
            }
            Ok(a)
        });
        let mut docs = parsed.into_iter().collect::<Result<Vec<Analysis>>>()?;
        if let Some(registry) = &mut registry {
            for a in &mut docs {
                identify(registry, a);
            }
        }
        each(docs);
    }
    Ok(())
}

/// `f` of every row, on every core, in order; the first error if any.
fn on_every_core<R: Sync, T: Send>(
    rows: &[R],
    f: impl Fn(&R) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    overdue_pipeline::parallel_map(rows.len(), |i| f(&rows[i]))
        .into_iter()
        .collect()
}

/// The registry of identities the store keeps, if it keeps one.
fn load_registry(conn: &Connection, path: &Path) -> Result<Option<Registry>> {
    let state: Option<Vec<u8>> = conn
        .query_row("SELECT state FROM registry WHERE id = 0", [], |r| r.get(0))
        .optional()
        .map_err(|e| sqlite(path, e))?;
    let Some(state) = state else {
        return Ok(None);
    };
    let bad = |why: String| StoreError::Registry {
        path: path.to_path_buf(),
        why,
    };
    let json = lz4_flex::block::decompress_size_prepended(&state)
        .map_err(|e| bad(format!("compressed: {e}")))?;
    serde_json::from_slice(&json)
        .map(Some)
        .map_err(|e| bad(e.to_string()))
}

/// Keeps the registry of identities.
fn save_registry(conn: &Connection, path: &Path, registry: &Registry) -> Result<()> {
    let json = serde_json::to_vec(registry).map_err(|e| StoreError::Registry {
        path: path.to_path_buf(),
        why: e.to_string(),
    })?;
    conn.prepare_cached("INSERT OR REPLACE INTO registry (id, state) VALUES (0, ?1)")
        .and_then(|mut st| st.execute([lz4_flex::block::compress_prepend_size(&json)]))
        .map_err(|e| sqlite(path, e))?;
    Ok(())
}

/// Gives every stored document its identities across documents anew, in the order
/// added, and keeps them and the registry: for a store made before identities were
/// kept, and after an ingest replaced a document (which may change the identities of
/// every document after it). Reads every record back.
fn identify_all(conn: &Connection, path: &Path) -> Result<Registry> {
    let mut registry = Registry::new();
    identify_after(conn, path, i64::MIN, &mut registry)?;
    save_registry(conn, path, &registry)?;
    Ok(registry)
}

/// Gives the stored documents after `seq` their identities across documents anew, in
/// the order added, from `registry`, and keeps them.
fn identify_after(conn: &Connection, path: &Path, seq: i64, registry: &mut Registry) -> Result<()> {
    let mut st = conn
        .prepare("SELECT seq, record FROM documents WHERE seq > ?1 ORDER BY seq")
        .map_err(|e| sqlite(path, e))?;
    let rows: Vec<(i64, rusqlite::types::Value)> = st
        .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| sqlite(path, e))?;
    // Only the entities are read. A record that cannot be read has none here (the reader
    // names it): one broken record does not keep the others from their identities.
    type Entities = StoredRecord<IgnoredAny, IgnoredAny, Vec<Entity>, IgnoredAny>;
    let entities = on_every_core(&rows, |(_, record)| {
        Ok(parse_stored::<Entities>(record.into()).map_or_else(|_| Vec::new(), |e| e.entities))
    })?;
    conn.execute("DELETE FROM identities WHERE seq > ?1", [seq])
        .map_err(|e| sqlite(path, e))?;
    // The names the grouping reads change with the identities (once the schema keeps
    // them).
    let grouped: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'names'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| sqlite(path, e))?;
    for ((seq, _), mut entities) in rows.iter().zip(entities) {
        let ids = registry.assign(&mut entities);
        store_identities(conn, path, *seq, &ids)?;
        if grouped {
            across::rename(
                conn,
                path,
                *seq,
                &overdue_timeline::projects::Names::of(&entities),
            )?;
        }
    }
    Ok(())
}

/// What an ingest that has not ended wrote: documents above the mark readers keep to,
/// and new versions of stored documents waiting.
fn unfinished(conn: &Connection, path: &Path) -> Result<(usize, usize)> {
    conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM documents WHERE seq > {SHOWN}), \
             (SELECT count(*) FROM replacements)"
        ),
        [],
        |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
    )
    .map_err(|e| sqlite(path, e))
}

/// Gives the full-text index the words of document `seq` (what [`body`] makes), or, with
/// `delete`, takes back what it was given.
fn index(conn: &Connection, path: &Path, seq: i64, words: &str, delete: bool) -> Result<()> {
    let sql = if delete {
        "INSERT INTO document_words (document_words, rowid, text) VALUES ('delete', ?1, ?2)"
    } else {
        "INSERT INTO document_words (rowid, text) VALUES (?1, ?2)"
    };
    conn.prepare_cached(sql)
        .and_then(|mut st| st.execute(params![seq, words]))
        .map_err(|e| sqlite(path, e))?;
    Ok(())
}

/// Where the documents readers see end: the `seq` of the last document of the last
/// ingest that ended (SQL).
const SHOWN: &str = "(SELECT seq FROM committed WHERE id = 0)";

/// Takes the lock that keeps two ingests into the store at `db` apart (a file beside
/// it, `<db>-lock`), waiting for it if another ingest holds it. The system lets it go
/// when its holder ends, however it ends.
fn ingest_lock(db: &Path, waiting: impl FnOnce()) -> Result<std::fs::File> {
    let mut name = db.as_os_str().to_owned();
    name.push("-lock");
    let path = PathBuf::from(name);
    let bad = |source| StoreError::Lock {
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(bad)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().map_err(bad)?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(bad(e)),
    }
    Ok(file)
}

/// Keeps one document's identities across documents.
fn store_identities(conn: &Connection, path: &Path, seq: i64, ids: &Identities) -> Result<()> {
    // (In the order of the document's own ids, so that the same documents make the same
    // store.)
    let ids: std::collections::BTreeMap<_, _> = ids.iter().collect();
    let json = serde_json::to_string(&ids).map_err(|e| StoreError::Registry {
        path: path.to_path_buf(),
        why: e.to_string(),
    })?;
    conn.prepare_cached("INSERT INTO identities (seq, ids) VALUES (?1, ?2)")
        .and_then(|mut st| st.execute(params![seq, json]))
        .map_err(|e| sqlite(path, e))?;
    Ok(())
}

/// An ingest in progress: documents written as they come, shown to readers when it ends.
pub struct Ingest<'a> {
    conn: &'a Connection,
    path: PathBuf,
    added: usize,
    updated: usize,
    /// Documents and new versions an ingest that never ended had written, taken up.
    taken_up: usize,
    /// The store's registry of identities, taken up where the last ingest left it
    /// (`None`: the store keeps none, and documents are identified anew at commit).
    registry: Option<Registry>,
    /// Whether every document must be identified anew at commit (one was replaced).
    reidentify: bool,
    /// Bytes of documents written since the last SQLite commit.
    written: usize,
    /// Bytes of documents per SQLite commit ([`COMMIT_BYTES`]).
    commit_bytes: usize,
    /// The facility facts of the documents it added, kept to group them at the end.
    fresh: across::Fresh,
    /// The lock that keeps other ingests out until this one ends.
    _lock: std::fs::File,
}

/// What [`Ingest::add`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Added.
    New,
    /// It replaced the stored document of the same id, whose text was another.
    Updated,
    /// Its text is stored already: left.
    Known,
}

/// What an ingest finds stored when it starts.
#[derive(Debug, Default)]
pub struct Stored {
    /// The content hashes of every document stored or written by an ingest taken up
    /// (with the new versions waiting): documents with these texts need no analysis.
    pub hashes: HashSet<String>,
    /// The ids of the documents and new versions an ingest that never ended wrote, which
    /// this one takes up.
    pub taken_up: HashSet<String>,
}

/// The words the full-text index holds of a stored document (its text and its
/// sentences' offsets).
fn stored_words(text: &str, sentences: &str) -> String {
    index_words(
        &text.to_ascii_lowercase(),
        sentence_offsets(sentences, text),
    )
}

impl Ingest<'_> {
    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    /// What is stored: see [`Stored`].
    pub fn stored(&self) -> Result<Stored> {
        let mut stored = Stored::default();
        // The hashes from their index, the ids of what an ingest not ended wrote from its
        // rows: not every document's row (a scan of their texts).
        let mut hashes = self
            .conn
            .prepare("SELECT hash FROM documents UNION ALL SELECT hash FROM replacements")
            .map_err(|e| self.err(e))?;
        let mut rows = hashes.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            stored.hashes.insert(r.get(0).map_err(|e| self.err(e))?);
        }
        let mut taken_up = self
            .conn
            .prepare(&format!(
                "SELECT doc FROM documents WHERE seq > {SHOWN} \
                 UNION ALL SELECT d.doc FROM replacements r JOIN documents d ON d.seq = r.seq"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = taken_up.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            stored.taken_up.insert(r.get(0).map_err(|e| self.err(e))?);
        }
        Ok(stored)
    }

    /// Adds a document: a new one is added, one whose id is stored with another text
    /// replaces it when the ingest ends (in its place: the order documents were added in
    /// stays), and one whose text is stored already is left.
    pub fn add(&mut self, mut d: NewDoc, added_on: &str) -> Result<Added> {
        // What a row holds besides its id and the day it was added: the same for a new
        // document and for a new version of a stored one.
        let fields: [&dyn rusqlite::ToSql; 9] = [
            &d.source,
            &d.hash,
            &d.published,
            &d.title,
            &d.url,
            &d.outlet,
            &d.text,
            &d.record,
            &d.body.offsets,
        ];
        // Not when a new version waiting holds the same text.
        let n = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO documents \
                 (doc, added, source, hash, published, title, url, outlet, text, record, \
                 sentences) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 \
                 WHERE NOT EXISTS (SELECT 1 FROM replacements WHERE hash = ?4)",
            )
            .and_then(|mut st| {
                let id: [&dyn rusqlite::ToSql; 2] = [&d.doc, &added_on];
                st.execute(rusqlite::params_from_iter(id.into_iter().chain(fields)))
            })
            .map_err(|e| self.err(e))?;
        let added = if n == 1 {
            self.added += 1;
            let seq = self.conn.last_insert_rowid();
            // Identities across documents, in the order added (unless all are given anew
            // at commit).
            if !self.reidentify
                && let Some(registry) = &mut self.registry
            {
                let ids = registry.assign(&mut d.entities);
                store_identities(self.conn, &self.path, seq, &ids)?;
            }
            // (Its names again at commit if its identities are given then.)
            let names = overdue_timeline::projects::Names::of(&d.entities);
            across::insert(self.conn, &self.path, seq, &d.part.kinds, &names)?;
            self.fresh.keep(seq, &mut d.part);
            index(self.conn, &self.path, seq, &d.body.words, false)?;
            Added::New
        } else {
            // The same id with another text (a corrected article): the new version
            // waits, and takes the old one's row when the ingest ends.
            let old: Option<i64> = self
                .conn
                .prepare_cached(
                    "SELECT seq FROM documents WHERE doc = ?1 AND hash != ?2 \
                     AND NOT EXISTS (SELECT 1 FROM documents WHERE hash = ?2) \
                     AND NOT EXISTS (SELECT 1 FROM replacements WHERE hash = ?2)",
                )
                .and_then(|mut st| {
                    st.query_row(params![d.doc, d.hash], |r| r.get(0))
                        .optional()
                })
                .map_err(|e| self.err(e))?;
            let Some(seq) = old else {
                return Ok(Added::Known);
            };
            self.conn
                .prepare_cached(
                    "INSERT OR REPLACE INTO replacements (seq, source, hash, published, title, \
                     url, outlet, text, record, sentences) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .and_then(|mut st| {
                    let id: [&dyn rusqlite::ToSql; 1] = [&seq];
                    st.execute(rusqlite::params_from_iter(id.into_iter().chain(fields)))
                })
                .map_err(|e| self.err(e))?;
            self.updated += 1;
            // The identities of this document and of every one after it may change.
            self.reidentify = true;
            Added::Updated
        };
        // Commits as it goes, so that the write-ahead log is copied into the store while
        // the next documents are analysed, not all at the end.
        self.written += d.text.len() + d.record.len();
        if self.written >= self.commit_bytes {
            self.written = 0;
            self.conn
                .execute_batch("COMMIT; BEGIN IMMEDIATE")
                .map_err(|e| self.err(e))?;
        }
        Ok(added)
    }

    /// How many stored documents this ingest replaced with another version so far (with
    /// those taken up).
    pub fn updated(&self) -> usize {
        self.updated
    }

    /// How many documents this ingest added so far (with those taken up).
    pub fn added(&self) -> usize {
        self.added
    }

    /// How many documents and new versions that an ingest which never ended wrote this
    /// one takes up (and shows when it ends): part of [`Ingest::added`] and
    /// [`Ingest::updated`].
    pub fn taken_up(&self) -> usize {
        self.taken_up
    }

    /// Ends the ingest: readers see its documents (all of them or, if this is never
    /// reached, none). Returns the number of documents stored.
    pub fn commit(mut self) -> Result<usize> {
        let path = self.path.clone();
        let e = |e| sqlite(&path, e);
        // The documents committed first, and copied from the write-ahead log into the
        // store on another thread while the grouping is made on this one (an ingest of
        // 10,000 real articles ended about 20 ms sooner so): the last commit copies only
        // what the grouping wrote.
        let pages: i64 = self
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .map_err(e)?;
        self.conn
            .execute_batch("PRAGMA wal_autocheckpoint = 0")
            .map_err(e)?;
        let ended = self
            .conn
            .execute_batch("COMMIT; BEGIN IMMEDIATE")
            .map_err(e)
            .and_then(|()| {
                let to = path.clone();
                let checkpoint = std::thread::spawn(move || {
                    // (What it does not copy, the last commit does.)
                    if let Ok(conn) = Connection::open(&to) {
                        let _ = conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)");
                    }
                });
                let ended = self.end();
                let _ = checkpoint.join();
                ended
            });
        let restored = self
            .conn
            .execute_batch(&format!("PRAGMA wal_autocheckpoint = {pages}"))
            .map_err(e);
        let n = ended?;
        restored?;
        self.conn.execute_batch("COMMIT").map_err(e)?;
        Ok(n)
    }

    /// What ends an ingest within its last transaction: the index and rows of the new
    /// versions of documents, identities, the grouping, and the documents shown; the
    /// number of documents stored.
    fn end(&mut self) -> Result<usize> {
        let e = |e| sqlite(&self.path, e);
        // The new versions take their documents' rows, and the index their words.
        let waiting: Vec<(i64, String, String, String, String)> = self
            .conn
            .prepare(
                "SELECT r.seq, d.text, d.sentences, r.text, r.sentences FROM replacements r \
                 JOIN documents d ON d.seq = r.seq",
            )
            .and_then(|mut st| {
                st.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect()
            })
            .map_err(e)?;
        // The index takes back the old versions' words, then is given the new ones'.
        let reindex = |old: bool| -> Result<()> {
            for (seq, old_text, old_sentences, new_text, new_sentences) in &waiting {
                let (text, sentences) = if old {
                    (old_text, old_sentences)
                } else {
                    (new_text, new_sentences)
                };
                index(
                    self.conn,
                    &self.path,
                    *seq,
                    &stored_words(text, sentences),
                    old,
                )?;
            }
            Ok(())
        };
        reindex(true)?;
        if !waiting.is_empty() {
            self.reidentify = true;
            self.conn
                .execute_batch(
                    "UPDATE documents SET (source, hash, published, title, url, outlet, text, \
                     record, sentences) = (SELECT source, hash, published, title, url, outlet, \
                     text, record, sentences FROM replacements r WHERE r.seq = documents.seq) \
                     WHERE seq IN (SELECT seq FROM replacements); \
                     DELETE FROM names WHERE seq IN (SELECT seq FROM replacements); \
                     DELETE FROM grouping WHERE seq IN (SELECT seq FROM replacements); \
                     DELETE FROM replacements;",
                )
                .map_err(e)?;
        }
        reindex(false)?;
        match &self.registry {
            Some(registry) if !self.reidentify => {
                if self.added > 0 {
                    save_registry(self.conn, &self.path, registry)?;
                }
            }
            _ => {
                identify_all(self.conn, &self.path)?;
            }
        }
        across::regroup(self.conn, &self.path, std::mem::take(&mut self.fresh))?;
        self.conn
            .execute(
                "UPDATE committed SET seq = (SELECT coalesce(max(seq), 0) FROM documents), \
                 generation = generation + 1 WHERE id = 0",
                [],
            )
            .map_err(e)?;
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .map_err(e)?;
        Ok(n as usize)
    }
}

impl Drop for Ingest<'_> {
    /// An ingest not ended: what it wrote since its last SQLite commit is rolled back;
    /// what it committed waits, unseen, for the next ingest to take it up.
    fn drop(&mut self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, sentences: &[(usize, usize)]) -> NewDoc {
        NewDoc {
            doc: id.into(),
            source: id.into(),
            hash: content_hash(text),
            published: None,
            title: None,
            url: None,
            outlet: None,
            text: text.into(),
            record: lz4_flex::block::compress_prepend_size(b"{}"),
            entities: Vec::new(),
            body: Body::of(&text.to_ascii_lowercase(), sentences.iter().copied()),
            part: across::Part::default(),
        }
    }

    #[test]
    fn a_record_reads_the_same_as_messagepack_as_in_the_json_stores_kept_before() {
        use rusqlite::types::ValueRef;
        let text = "The minister said on Monday that the bridge would open in 2027. \
                    It will carry 40,000 vehicles a day.";
        let a = overdue_pipeline::analyse(overdue_pipeline::text::Document::new("a", text));
        let json = serde_json::to_vec(&overdue_pipeline::Record::new(&a, false)).unwrap();
        let stored = NewDoc::of(a).record;
        assert_ne!(
            lz4_flex::block::decompress_size_prepended(&stored).unwrap()[0],
            b'{'
        );
        let read = |v: ValueRef<'_>| {
            serde_json::to_string(&parse_record::<Vec<overdue_pipeline::time::Timex>>(v).unwrap())
                .unwrap()
        };
        let now = read(ValueRef::Blob(&stored));
        let packed_json = lz4_flex::block::compress_prepend_size(&json);
        assert_eq!(read(ValueRef::Blob(&packed_json)), now);
        assert_eq!(read(ValueRef::Text(&json)), now);
        assert!(
            now.contains("\"statements\":[{") && now.contains("40,000"),
            "{now}"
        );
        // The part a reader names, skipping the rest.
        type Statements = StoredRecord<
            IgnoredAny,
            IgnoredAny,
            IgnoredAny,
            Vec<overdue_pipeline::statement::Statement>,
        >;
        let some = parse_stored::<Statements>(ValueRef::Blob(&stored)).unwrap();
        assert!(!some.statements.is_empty());
        assert!(parse_stored::<Statements>(ValueRef::Blob(&stored[..8])).is_err());
    }

    /// A record with every optional field, as JSON, and its text.
    const FULL_RECORD: (&str, &str) = (
        r#"{"doc":"a","published":{"value":"2024-05-06","source":"meta","not_before":"2024-05-01","not_after":"2024-05-07"},"title":"Bridge","url":"https://news.test/a","outlet":"News","boilerplate":[[0,8]],"timexes":[{"span":[38,44],"text":"Monday","type":"DATE","value":"2024-05-06","signal":"on"},{"span":[114,124],"text":"early 2027","type":"DATE","value":"2027","mod":"START","signal":"by"}],"quantities":[{"span":[138,159],"text":"$40-50 million a year","kind":"money","value":40000000.0,"value_max":50000000.0,"unit":"USD","currency":"USD","per":"P1Y","bound":"range"}],"entities":[{"span":[9,17],"text":"Ana Ruiz","type":"PERSON","id":"e1","name":"Ana Ruiz","role":{"title":"minister","org":"Lakeland"}},{"span":[21,29],"text":"Lakeland","type":"GPE","id":"e2","name":"Lakeland"}],"statements":[{"span":[0,160],"kind":"forecast","event":"operation_start","speaker":{"id":"e1","name":"Ana Ruiz","role":"minister"},"subject":{"text":"the first phase of the bridge"},"said":"2024-05-06","target":{"value":"2027","mod":"START","bound":"by"},"cause":"floods"},{"span":[0,160],"kind":"outcome","event":"delayed","speaker":null,"when":"2024-05-06"}]}"#,
        "Minister Ana Ruiz of Lakeland said on Monday that the first phase of the bridge, \
         delayed by floods, would open by early 2027 at a cost of $40-50 million a year.",
    );

    /// [`FULL_RECORD`] as stores since fields were keyed by place keep it (MessagePack,
    /// before compression), in hex.
    const FULL_RECORD_KEYED: &str = concat!(
        "8a00a161018400aa323032342d30352d303601a46d65746102aa323032342d30352d303103aa3230",
        "32342d30352d303702a642726964676503b368747470733a2f2f6e6577732e746573742f6104a44e",
        "65777305919200080692850092262c01a64d6f6e64617902a44441544503aa323032342d30352d30",
        "3605a26f6e860092727c01aa6561726c79203230323702a44441544503a43230323704a553544152",
        "5405a262790791890092cc8acc9f01b52434302d3530206d696c6c696f6e2061207965617202a56d",
        "6f6e657903cb418312d00000000004cb4187d7840000000005a355534406a355534407a350315908",
        "a572616e67650892860092091101a8416e61205275697a02a6504552534f4e03a2653104a8416e61",
        "205275697a058200a86d696e697374657201a84c616b656c616e64850092151d01a84c616b656c61",
        "6e6402a347504503a2653204a84c616b656c616e64099288009200cca001a8666f72656361737402",
        "af6f7065726174696f6e5f7374617274038300a2653101a8416e61205275697a02a86d696e697374",
        "6572048100bd746865206669727374207068617365206f66207468652062726964676505aa323032",
        "342d30352d3036068300a43230323701a5535441525402a2627908a6666c6f6f647385009200cca0",
        "01a76f7574636f6d6502a764656c6179656403c007aa323032342d30352d3036",
    );

    #[test]
    fn keyed_records_stored_before_read_the_same() {
        use rusqlite::types::ValueRef;
        let (json, text) = FULL_RECORD;
        let want: serde_json::Value = serde_json::from_str(json).unwrap();
        let record: StoredRecord = serde_json::from_value(want.clone()).unwrap();
        let a = record.into_analysis(text.to_string()).unwrap();
        // Written now as stored before: a field moved, added before others or read
        // differently fails here, and would misread every store written before.
        let written = lz4_flex::block::decompress_size_prepended(&NewDoc::of(a).record).unwrap();
        let hex: String = written.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, FULL_RECORD_KEYED);
        // Read, as keyed and as named (stores written before), the same.
        let read = |packed: &[u8]| -> serde_json::Value {
            let stored = lz4_flex::block::compress_prepend_size(packed);
            serde_json::to_value(
                parse_record::<Vec<overdue_pipeline::time::Timex>>(ValueRef::Blob(&stored))
                    .unwrap(),
            )
            .unwrap()
        };
        assert_eq!(read(&written), want);
        let named =
            rmp_serde::to_vec_named(&serde_json::from_value::<StoredRecord>(want.clone()).unwrap())
                .unwrap();
        assert_eq!(read(&named), want);
        assert!(
            named.len() > written.len() * 3 / 2,
            "{} {}",
            named.len(),
            written.len()
        );
    }

    #[test]
    fn the_index_reads_the_same_words_from_each_word_once_as_from_the_body() {
        let text = "The Plant's first phase (AK-103) opened; the plant's SECOND phase \
                    didn't. Zürich, ZÜRICH and naïve café e\u{301}tude: «quoted» 3.5% of \
                    $1,200, under_score x@y.z O'Neill's 東京タワー 東京. Boilerplate here.";
        let first = text.find(" Zürich").unwrap();
        let end = text.find(" Boilerplate").unwrap();
        let sentences = [(0, first), (first + 1, end)];
        let body = Body::of(&text.to_ascii_lowercase(), sentences.iter().copied());
        assert_eq!(body.offsets, format!("0 {first} {} {end}", first + 1));
        // Each word once, ASCII letters in lower case; nothing of what is not body.
        let words: Vec<&str> = body.words.split(' ').collect();
        assert_eq!(words[..6], ["the", "plant", "s", "first", "phase", "ak"]);
        assert_eq!(words.iter().filter(|w| **w == "phase").count(), 1);
        assert!(words.contains(&"zÜrich") && words.contains(&"zürich"));
        assert!(!words.contains(&"boilerplate"));
        // What the index holds of them is what it holds of the sentences themselves.
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE whole USING fts5(text, content = '', detail = column);
             CREATE VIRTUAL TABLE once USING fts5(text, content = '', detail = column);
             CREATE VIRTUAL TABLE whole_terms USING fts5vocab(whole, 'row');
             CREATE VIRTUAL TABLE once_terms USING fts5vocab(once, 'row');",
        )
        .unwrap();
        let sentences: Vec<&str> = sentences.iter().map(|&(s, t)| &text[s..t]).collect();
        conn.execute(
            "INSERT INTO whole (rowid, text) VALUES (1, ?1)",
            [sentences.join("\n")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO once (rowid, text) VALUES (1, ?1)",
            [&body.words],
        )
        .unwrap();
        let terms = |table: &str| -> Vec<String> {
            let mut st = conn
                .prepare(&format!("SELECT term FROM {table}_terms ORDER BY term"))
                .unwrap();
            st.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let whole = terms("whole");
        assert_eq!(terms("once"), whole);
        for term in [
            "zurich", "naive", "cafe", "103", "200", "neill", "didn", "under",
        ] {
            assert!(whole.iter().any(|t| t == term), "{term}: {whole:?}");
        }
    }

    #[test]
    fn search_finds_sentences_that_hold_every_word() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let text =
            "The toll stations open in May. Steel is short. Steel shortage delays the Bridge.";
        let mut tx = store.ingest(|| ()).unwrap();
        tx.add(doc("a", text, &[(0, 30), (31, 46), (47, 80)]), "2026-01-01")
            .unwrap();
        tx.add(doc("b", "Nothing of note.", &[(0, 16)]), "2026-01-01")
            .unwrap();
        tx.commit().unwrap();
        let hits = store.search("steel bridge", 10).unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!((hits[0].start, hits[0].end), (47, 80));
        assert_eq!(hits[0].text, &text[47..80]);
        // Words are matched as the index reads them: case, punctuation, quotes.
        assert_eq!(store.search("\"STEEL\" short.", 10).unwrap().len(), 1);
        assert_eq!(store.search("steel", 10).unwrap().len(), 2);
        assert_eq!(store.search("steel", 1).unwrap().len(), 1);
        assert!(store.search("steel may", 10).unwrap().is_empty());
        assert!(store.search("  ", 10).unwrap().is_empty());
    }

    fn analysed(id: &str, text: &str) -> NewDoc {
        NewDoc::of(overdue_pipeline::analyse(
            overdue_pipeline::text::Document::new(id, text),
        ))
    }

    /// Each document's (id, name) of every entity, as the store gives them.
    fn people(store: &Store) -> Vec<Vec<(String, String)>> {
        store
            .analyses()
            .unwrap()
            .iter()
            .map(|a| {
                a.entities
                    .iter()
                    .map(|e| (e.id.clone(), e.name.clone()))
                    .collect()
            })
            .collect()
    }

    /// What one run over the texts in this order gives.
    fn people_at_once(texts: &[(&str, &str)]) -> Vec<Vec<(String, String)>> {
        let mut registry = Registry::new();
        texts
            .iter()
            .map(|(id, text)| {
                let mut a =
                    overdue_pipeline::analyse(overdue_pipeline::text::Document::new(*id, *text));
                identify(&mut registry, &mut a);
                a.entities
                    .iter()
                    .map(|e| (e.id.clone(), e.name.clone()))
                    .collect()
            })
            .collect()
    }

    /// The ledger of texts read at once (as JSON), and each document's statements'
    /// facilities, as `overdue ledger` on files gives them.
    fn ledger_at_once(texts: &[(&str, &str)]) -> (String, Vec<Vec<Vec<String>>>) {
        let mut registry = Registry::new();
        let docs: Vec<Analysis> = texts
            .iter()
            .map(|(id, text)| {
                let mut a =
                    overdue_pipeline::analyse(overdue_pipeline::text::Document::new(*id, *text));
                identify(&mut registry, &mut a);
                a
            })
            .collect();
        let grouping = overdue_timeline::projects::group(&docs, &Default::default());
        let ledger = overdue_timeline::ledger::build(&docs, &grouping, None);
        (
            serde_json::to_string(&ledger).unwrap(),
            facilities(&docs, &grouping),
        )
    }

    /// What each statement of each document is about.
    fn facilities(
        docs: &[Analysis],
        grouping: &overdue_timeline::projects::Grouping,
    ) -> Vec<Vec<Vec<String>>> {
        docs.iter()
            .enumerate()
            .map(|(d, a)| {
                (0..a.statements.len())
                    .map(|k| grouping.about(d, k).facilities.clone())
                    .collect()
            })
            .collect()
    }

    /// The ledger the store keeps (as JSON), and what each statement is about.
    fn ledger_kept(store: &Store) -> (String, Vec<Vec<Vec<String>>>) {
        let ledger = store.ledger(None).unwrap().expect("a grouping kept");
        let (docs, grouping) = store.views().unwrap();
        let grouping = grouping.expect("a grouping kept");
        (
            serde_json::to_string(&ledger).unwrap(),
            facilities(&docs, &grouping),
        )
    }

    #[test]
    fn the_grouping_kept_follows_a_facility_renamed_by_later_documents() {
        let texts = [
            (
                "1",
                "Norland Arms said on Monday that its rifle plant in Teska will be                  completed by 2027. The plant will employ 300 people.",
            ),
            (
                "2",
                "Norland Arms said the rifle factory in Teska will open in 2028. The rifle                  factory is late, and the rifle factory was to open in 2026.",
            ),
            (
                "3",
                "Norland Arms opened the rifle factory in Teska in March 2028.",
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let mut tx = store.ingest(|| ()).unwrap();
        tx.add(analysed(texts[0].0, texts[0].1), "2026-01-01")
            .unwrap();
        tx.commit().unwrap();
        let first = ledger_kept(&store);
        assert_eq!(first, ledger_at_once(&texts[..1]));
        assert!(
            first.1[0].iter().any(|f| f == &["rifle plant"]),
            "{:?}",
            first.1
        );
        let mut tx = store.ingest(|| ()).unwrap();
        for (id, text) in &texts[1..] {
            tx.add(analysed(id, text), "2026-01-02").unwrap();
        }
        tx.commit().unwrap();
        // The first document's statements are about the facility by its new name.
        let kept = ledger_kept(&store);
        assert_eq!(kept, ledger_at_once(&texts));
        assert!(
            kept.1[0].iter().any(|f| f == &["rifle factory"]),
            "{:?}",
            kept.1
        );
        assert!(kept.0.contains("\"facility\":\"rifle factory\""));
        // An ingest that adds nothing changes nothing.
        store.ingest(|| ()).unwrap().commit().unwrap();
        assert_eq!(ledger_kept(&store), kept);
        // The same when the facts of the documents added are read back from their
        // records (an ingest larger than it keeps them for).
        let mut again = Store::open(&dir.path().join("again.db")).unwrap();
        for part in [&texts[..1], &texts[1..]] {
            let mut tx = again.ingest(|| ()).unwrap();
            tx.fresh = across::Fresh::default();
            for (id, text) in part {
                tx.add(analysed(id, text), "2026-01-02").unwrap();
            }
            tx.commit().unwrap();
        }
        assert_eq!(ledger_kept(&again), kept);
    }

    const TEXTS: [(&str, &str); 3] = [
        (
            "a",
            "Transport minister Marina Ortega said the Kestrel Bridge will open in 2027.",
        ),
        (
            "b",
            "The Harbour Authority said the terminal is late. Minister Ortega said on \
             Monday that the bridge would open in 2028.",
        ),
        (
            "c",
            "Marina Ortega visited the Harbour Authority, which runs the terminal.",
        ),
    ];

    #[test]
    fn identities_are_given_at_ingest_and_taken_up_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        for batch in [&TEXTS[..1], &TEXTS[1..]] {
            let mut tx = store.ingest(|| ()).unwrap();
            for (id, text) in batch {
                tx.add(analysed(id, text), "2026-01-01").unwrap();
            }
            tx.commit().unwrap();
        }
        let stored = people(&store);
        assert_eq!(stored, people_at_once(&TEXTS));
        // "Ortega" in the second ingest is the person the first one named.
        let ortega = |d: &[(String, String)]| d.iter().find(|e| e.1 == "Marina Ortega").cloned();
        assert!(ortega(&stored[0]).is_some(), "{stored:?}");
        assert_eq!(ortega(&stored[1]), ortega(&stored[0]), "{stored:?}");
        assert_eq!(ortega(&stored[2]), ortega(&stored[0]), "{stored:?}");
        let known = store.identities().unwrap();
        assert!(known >= 3, "{known}");
        let kept: i64 = store
            .conn
            .query_row("SELECT count(*) FROM identities", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 3);
        // A correction of the first document gives every document its identities anew,
        // as one run over the texts as they are now would.
        let corrected = [
            (
                "a",
                "Transport minister Elena Ortega said the Kestrel Bridge opens in 2027.",
            ),
            TEXTS[1],
            TEXTS[2],
        ];
        let mut tx = store.ingest(|| ()).unwrap();
        assert_eq!(
            tx.add(analysed("a", corrected[0].1), "2026-01-02").unwrap(),
            Added::Updated
        );
        tx.commit().unwrap();
        assert_eq!(people(&store), people_at_once(&corrected));
        assert_ne!(people(&store), stored);
    }

    #[test]
    fn an_ingest_that_never_ends_is_not_seen_and_the_next_takes_it_up() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let mut tx = store.ingest(|| ()).unwrap();
        tx.add(analysed(TEXTS[0].0, TEXTS[0].1), "2026-01-01")
            .unwrap();
        tx.commit().unwrap();
        let generation = store.generation().unwrap();
        let corrected = (
            "a",
            "Transport minister Elena Ortega said the Kestrel Bridge opens in 2027.",
        );
        {
            let mut tx = store.ingest(|| ()).unwrap();
            // A SQLite commit after every document, as a large ingest makes them.
            tx.commit_bytes = 1;
            assert_eq!(
                tx.add(analysed(TEXTS[1].0, TEXTS[1].1), "2026-01-02")
                    .unwrap(),
                Added::New
            );
            assert_eq!(
                tx.add(analysed(corrected.0, corrected.1), "2026-01-02")
                    .unwrap(),
                Added::Updated
            );
            // Dropped without its end, as a kill leaves it.
        }
        // Readers see the store as it was.
        assert_eq!(store.unfinished().unwrap(), 2);
        assert_eq!(store.len().unwrap(), 1);
        assert_eq!(store.generation().unwrap(), generation);
        let docs = store.documents().unwrap();
        assert_eq!(docs.len(), 1);
        assert!(store.document("b").unwrap().is_none());
        assert_eq!(store.document("a").unwrap().unwrap().text, TEXTS[0].1);
        assert!(store.search("terminal", 10).unwrap().is_empty());
        assert!(store.search("Elena", 10).unwrap().is_empty());
        assert_eq!(store.search("Marina", 10).unwrap().len(), 1);
        assert_eq!(people(&store), people_at_once(&TEXTS[..1]));
        // The next ingest takes it up: what it wrote needs no analysis again.
        let mut tx = store.ingest(|| ()).unwrap();
        assert_eq!(tx.taken_up(), 2);
        let stored = tx.stored().unwrap();
        assert!(stored.hashes.contains(&content_hash(TEXTS[1].1)));
        assert!(stored.hashes.contains(&content_hash(corrected.1)));
        assert_eq!(
            stored.taken_up,
            ["a", "b"].into_iter().map(String::from).collect()
        );
        assert_eq!(
            tx.add(analysed(TEXTS[1].0, TEXTS[1].1), "2026-01-03")
                .unwrap(),
            Added::Known
        );
        assert_eq!(
            tx.add(analysed(TEXTS[2].0, TEXTS[2].1), "2026-01-03")
                .unwrap(),
            Added::New
        );
        assert_eq!((tx.added(), tx.updated()), (2, 1));
        assert_eq!(tx.commit().unwrap(), 3);
        assert_eq!(store.unfinished().unwrap(), 0);
        assert_eq!(store.generation().unwrap(), generation + 1);
        let all = [corrected, TEXTS[1], TEXTS[2]];
        assert_eq!(people(&store), people_at_once(&all));
        assert_eq!(ledger_kept(&store), ledger_at_once(&all));
        assert_eq!(store.document("a").unwrap().unwrap().text, corrected.1);
        assert_eq!(store.search("Elena", 10).unwrap().len(), 1);
        assert!(store.search("Marina", 10).unwrap().len() == 1);
        assert_eq!(store.search("terminal", 10).unwrap().len(), 2);
    }

    #[test]
    fn one_ingest_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut first = Store::open(&path).unwrap();
        let tx = first.ingest(|| ()).unwrap();
        let waiter = std::thread::spawn({
            let path = path.clone();
            move || {
                let mut second = Store::open(&path).unwrap();
                let (told, waited) = std::sync::mpsc::channel();
                let tx = second.ingest(move || told.send(()).unwrap()).unwrap();
                // It waited, and was told so, before it got the store.
                assert!(waited.try_recv().is_ok());
                tx.commit().unwrap()
            }
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!waiter.is_finished());
        tx.commit().unwrap();
        assert_eq!(waiter.join().unwrap(), 0);
    }

    /// Each document and its items, to compare what two reads give.
    fn shown(docs: &[Analysis]) -> Vec<String> {
        docs.iter()
            .map(|a| {
                format!(
                    "{:?} {:?} {:?} {:?} {:?}",
                    a.doc, a.timexes, a.quantities, a.entities, a.statements
                )
            })
            .collect()
    }

    #[test]
    fn records_read_a_chunk_at_a_time_and_without_time_expressions_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let mut tx = store.ingest(|| ()).unwrap();
        for (id, text) in TEXTS {
            tx.add(analysed(id, text), "2026-01-01").unwrap();
        }
        tx.commit().unwrap();
        let whole = store.analyses().unwrap();
        assert!(whole.iter().filter(|a| !a.timexes.is_empty()).count() >= 2);
        for chunk in [1, 2, 3, 100] {
            let docs = load(&store.conn, &store.path, Items::All, chunk).unwrap();
            assert_eq!(shown(&docs), shown(&whole), "chunk {chunk}");
        }
        let mut lean = whole.clone();
        lean.iter_mut().for_each(|a| a.timexes.clear());
        assert_eq!(shown(&store.analyses_for_views().unwrap()), shown(&lean));
        assert_eq!(
            shown(&load(&store.conn, &store.path, Items::Views, 2).unwrap()),
            shown(&lean)
        );
    }

    #[test]
    fn a_view_reads_only_the_items_it_asks_for_and_the_grouping_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let mut tx = store.ingest(|| ()).unwrap();
        let figures = (
            "d",
            "The terminal will cost $40 million and handle 2 million passengers a year, \
             the Harbour Authority said.",
        );
        for (id, text) in TEXTS.into_iter().chain([figures]) {
            tx.add(analysed(id, text), "2026-01-01").unwrap();
        }
        tx.commit().unwrap();
        let (whole, grouping) = store.views().unwrap();
        let grouping = grouping.expect("a grouping kept");
        // Every kind of item is there to be left out.
        assert!(whole.iter().any(|a| !a.quantities.is_empty()));
        assert!(whole.iter().any(|a| !a.entities.is_empty()));
        assert!(whole.iter().any(|a| !a.statements.is_empty()));
        // (Quantities, entities, statements.)
        for (items, kept) in [
            (Items::Views, [true, true, true]),
            (Items::People, [false, true, true]),
            (Items::Statements, [false, false, true]),
            (Items::Quantities, [true, false, false]),
            (Items::None, [false, false, false]),
        ] {
            let mut want = whole.clone();
            for a in &mut want {
                if !kept[0] {
                    a.quantities.clear();
                }
                if !kept[1] {
                    a.entities.clear();
                }
                if !kept[2] {
                    a.statements.clear();
                }
            }
            let (docs, got) = store.views_of(items).unwrap();
            assert_eq!(shown(&docs), shown(&want), "{items:?}");
            let got = got.expect("a grouping kept");
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&grouping).unwrap(),
                "{items:?}"
            );
        }
        // With every kind of item, the time expressions too.
        let all = load(&store.conn, &store.path, Items::All, READ_CHUNK).unwrap();
        assert_eq!(shown(&all), shown(&store.analyses().unwrap()));
        assert!(all.iter().any(|a| !a.timexes.is_empty()));
        // A chunk at a time: the same documents, each chunk given its first one's place.
        for chunk in [1, 3, 100] {
            let mut docs = Vec::new();
            let mut firsts = Vec::new();
            let kept = store
                .views_each_in(Items::Statements, chunk, |first, part, got| {
                    assert_eq!(
                        serde_json::to_string(got).unwrap(),
                        serde_json::to_string(&grouping).unwrap()
                    );
                    firsts.push(first);
                    docs.extend(part);
                })
                .unwrap();
            assert_eq!(
                serde_json::to_string(&kept).unwrap(),
                serde_json::to_string(&Some(&grouping)).unwrap()
            );
            let (all, _) = store.views_of(Items::Statements).unwrap();
            assert_eq!(shown(&docs), shown(&all), "{chunk}");
            let want: Vec<usize> = (0..whole.len()).step_by(chunk).collect();
            assert_eq!(firsts, want, "{chunk}");
        }
        // A store that keeps no grouping for some document: every item of the views is
        // read, to group the documents; none a chunk at a time.
        store
            .conn
            .execute(
                "DELETE FROM grouping WHERE seq = (SELECT min(seq) FROM grouping)",
                [],
            )
            .unwrap();
        for items in [Items::Statements, Items::None] {
            let (docs, got) = store.views_of(items).unwrap();
            assert!(got.is_none());
            assert_eq!(shown(&docs), shown(&whole), "{items:?}");
        }
        assert!(
            store
                .views_each(Items::Statements, |_, _, _| panic!())
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_store_of_schema_4_is_given_its_identities() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            let steps: Vec<&str> = MIGRATIONS[..4].to_vec();
            conn.execute_batch(&format!(
                "BEGIN; {}; PRAGMA user_version = 4; COMMIT;",
                steps.join(";\n")
            ))
            .unwrap();
            for (seq, (id, text)) in TEXTS.iter().enumerate() {
                let d = analysed(id, text);
                conn.execute(
                    "INSERT INTO documents (seq, doc, source, hash, added, text, record) \
                     VALUES (?1, ?2, ?2, ?3, '2026-01-01', ?4, ?5)",
                    params![seq as i64 + 1, d.doc, d.hash, d.text, d.record],
                )
                .unwrap();
            }
        }
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.version().unwrap(), MIGRATIONS.len() as i64);
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM identities", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);
        assert_eq!(people(&store), people_at_once(&TEXTS));
        // And the next ingest goes on from there.
        drop(store);
        let mut store = Store::open(&path).unwrap();
        let mut tx = store.ingest(|| ()).unwrap();
        let more = (
            "d",
            "Minister Ortega said the Harbour Authority will finish in 2030.",
        );
        tx.add(analysed(more.0, more.1), "2026-01-02").unwrap();
        tx.commit().unwrap();
        let mut all = TEXTS.to_vec();
        all.push(more);
        assert_eq!(people(&store), people_at_once(&all));
    }

    #[test]
    fn a_store_of_schema_2_is_migrated_with_its_sentences_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let text = "Steel is short. The toll stations open in May.";
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&format!(
                "BEGIN; {}; {}; PRAGMA user_version = 2; COMMIT;",
                MIGRATIONS[0], MIGRATIONS[1]
            ))
            .unwrap();
            conn.execute(
                "INSERT INTO documents (doc, source, hash, added, text, record) \
                 VALUES ('a', 'a', 'h', '2026-01-01', ?1, '{}')",
                [text],
            )
            .unwrap();
            for (s, e) in [(16, 46), (0, 15)] {
                conn.execute(
                    "INSERT INTO sentences (seq, start, end) VALUES (1, ?1, ?2)",
                    [s as i64, e as i64],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO sentence_words (rowid, text) VALUES (last_insert_rowid(), ?1)",
                    [&text[s..e]],
                )
                .unwrap();
            }
        }
        // A reader upgrades it.
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.version().unwrap(), MIGRATIONS.len() as i64);
        let hits = store.search("toll may", 10).unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].text, "The toll stations open in May.");
        assert_eq!(store.search("steel", 10).unwrap()[0].start, 0);
    }
}
