//! Documents in, clean text out: the readers of overdue.
//!
//! [`open`] chooses a reader by extension and content — plain text, HTML, JSON Lines
//! or WARC — and streams raw documents from it, so that a file of many gigabytes is
//! never held whole. A [`Loader`] turns each [`RawDoc`] into a
//! [`Document`]: decoded text (the main content for HTML),
//! boilerplate marked, and a publication date from, in order of trust, `--date`, a
//! sidecar file, the document's own metadata, or the text itself.
//!
//! Reading (I/O, sequential) and loading (decoding and extraction, parallel) are apart
//! so that a caller can spread loading over threads.

mod dates;
mod error;
mod html;
mod jsonl;
mod lines;
mod plain;
mod pubdate;
mod sidecar;
mod warc;

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};

use flate2::bufread::MultiGzDecoder;
use std::path::Path;

use jiff::civil::Date;
use overdue_text::{DateSource, Document, Meta, Published, mark_boilerplate};

pub use dates::normalize as normalize_date;
pub use error::{ErrorKind, ReadError};
pub use html::{Page, read as read_html, strip_tags};
pub use jsonl::{JsonlFields, JsonlReader};
pub use plain::{FrontMatter, decode as decode_text, front_matter};
pub use pubdate::infer as infer_published;
pub use sidecar::{Sidecar, SidecarRow};
pub use warc::WarcReader;

/// The largest document read by default: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

/// The kinds of input overdue reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One plain-text article.
    Text,
    /// One HTML page.
    Html,
    /// Many records, one JSON object a line.
    Jsonl,
    /// A web archive.
    Warc,
}

/// How to read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// The largest document (or JSON Lines record, or WARC record) taken.
    pub max_bytes: u64,
    /// Field names of JSON Lines records.
    pub jsonl: JsonlFields,
    /// Read every file as this format instead of guessing.
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            lossy: false,
            max_bytes: DEFAULT_MAX_BYTES,
            jsonl: JsonlFields::default(),
            format: None,
        }
    }
}

/// The body of a raw document, before decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Bytes of plain text, to decode as UTF-8.
    Text(Vec<u8>),
    /// Plain text already decoded (a JSON string).
    Str(String),
    /// Bytes of HTML, in the charset the page or its headers say.
    Html(Vec<u8>),
    /// HTML already decoded (a JSON string).
    HtmlStr(String),
}

/// A document as a container yields it: its id, body and what the container says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// `path`, or `path#record`.
    pub id: String,
    /// The body.
    pub body: Body,
    /// Metadata from the container (a JSON record's fields, a WARC record's address).
    pub meta: Meta,
    /// When a crawler fetched it: an upper bound of the publication date, never the date.
    pub crawl_date: Option<Date>,
    /// The HTTP content type, for the charset.
    pub content_type: Option<String>,
}

/// A stream of raw documents from one file.
pub type DocStream = Box<dyn Iterator<Item = Result<RawDoc, ReadError>> + Send>;

/// Guesses a file's format from its name and first bytes.
pub fn detect(path: &Path, head: &[u8]) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".warc") || head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
        return Format::Jsonl;
    }
    if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        return Format::Html;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed
        .get(..trimmed.len().min(512))
        .unwrap_or("")
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && lower.contains("<body"))
    {
        return Format::Html;
    }
    if trimmed.starts_with('{') && !name.ends_with(".txt") {
        return Format::Jsonl;
    }
    Format::Text
}

/// Opens `path` and streams its documents. An error here means the file cannot be
/// read at all; errors of single records come from the stream, which goes on past
/// them where the format allows.
pub fn open(path: &str, opts: &ReadOptions) -> Result<DocStream, ReadError> {
    open_as(path, opts, false)
}

/// Whether `path` holds exactly one document, by its name or the format forced by
/// `opts`: plain text or HTML, not compressed. Such a file can be read by whichever
/// thread analyses it ([`read_single`]); containers are streamed by one reader.
pub fn is_single(path: &str, opts: &ReadOptions) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        return false;
    }
    match opts.format {
        Some(f) => matches!(f, Format::Text | Format::Html),
        None => [".txt", ".text", ".md", ".html", ".htm", ".xhtml"]
            .iter()
            .any(|e| lower.ends_with(e)),
    }
}

/// Reads a file as one document (plain text or HTML, whatever its first bytes say).
pub fn read_single(path: &str, opts: &ReadOptions) -> Result<RawDoc, ReadError> {
    match open_as(path, opts, true)?.next() {
        Some(doc) => doc,
        None => Err(ReadError::new(path, ErrorKind::Empty)),
    }
}

fn open_as(path: &str, opts: &ReadOptions, single: bool) -> Result<DocStream, ReadError> {
    let err = |k: ErrorKind| ReadError::new(path, k);
    let mut file = File::open(path).map_err(|e| err(e.into()))?;
    let meta = file.metadata().map_err(|e| err(e.into()))?;
    if meta.is_dir() {
        return Err(err(ErrorKind::Io(std::io::Error::other("is a directory"))));
    }
    // The first bytes tell gzip and the format; small files need no buffered reader.
    let mut head = Vec::with_capacity(8192);
    (&mut file)
        .take(8192)
        .read_to_end(&mut head)
        .map_err(|e| err(e.into()))?;
    let gz = head.starts_with(&[0x1f, 0x8b]);
    if gz {
        let inner = BufReader::new(Cursor::new(head).chain(file));
        let mut reader = BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(inner));
        let sniff = reader.fill_buf().map_err(|e| err(e.into()))?.to_vec();
        let format = opts
            .format
            .unwrap_or_else(|| detect(Path::new(path), &sniff));
        return stream(path, format, Box::new(reader), opts, None);
    }
    let mut format = opts
        .format
        .unwrap_or_else(|| detect(Path::new(path), &head));
    if single && matches!(format, Format::Jsonl | Format::Warc) {
        format = Format::Text;
    }
    let size = Some(meta.len());
    match format {
        Format::Text | Format::Html => stream(
            path,
            format,
            Box::new(Cursor::new(head).chain(file)),
            opts,
            size,
        ),
        _ => {
            let reader = BufReader::with_capacity(256 * 1024, Cursor::new(head).chain(file));
            stream(path, format, Box::new(reader), opts, size)
        }
    }
}

/// A reader that is `Send`, buffered or not.
type Source = Box<dyn Read + Send>;

fn stream(
    path: &str,
    format: Format,
    reader: Source,
    opts: &ReadOptions,
    size: Option<u64>,
) -> Result<DocStream, ReadError> {
    let err = |k: ErrorKind| ReadError::new(path, k);
    match format {
        Format::Warc => Ok(Box::new(WarcReader::new(
            path,
            BufReader::with_capacity(256 * 1024, reader),
            opts.max_bytes,
        ))),
        Format::Jsonl => Ok(Box::new(JsonlReader::new(
            path,
            BufReader::with_capacity(256 * 1024, reader),
            opts.jsonl.clone(),
            opts.max_bytes,
        ))),
        Format::Text | Format::Html => {
            if let Some(size) = size.filter(|&s| s > opts.max_bytes) {
                return Err(err(ErrorKind::TooLarge {
                    size,
                    limit: opts.max_bytes,
                }));
            }
            let mut bytes = Vec::with_capacity(size.unwrap_or(0).min(opts.max_bytes) as usize);
            reader
                .take(opts.max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| err(e.into()))?;
            if bytes.len() as u64 > opts.max_bytes {
                return Err(err(ErrorKind::TooLarge {
                    size: bytes.len() as u64,
                    limit: opts.max_bytes,
                }));
            }
            let body = if format == Format::Html {
                Body::Html(bytes)
            } else {
                Body::Text(bytes)
            };
            let doc = RawDoc {
                id: path.to_string(),
                body,
                meta: Meta::default(),
                crawl_date: None,
                content_type: None,
            };
            Ok(Box::new(std::iter::once(Ok(doc))))
        }
    }
}

/// Turns raw documents into documents, applying the dates and metadata given from
/// outside.
#[derive(Debug, Clone, Default)]
pub struct Loader {
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// `--date`: the publication date of every document.
    pub date: Option<String>,
    /// `--meta`: rows by document.
    pub sidecar: Sidecar,
}

impl Loader {
    /// Decodes, extracts, marks boilerplate and dates one document.
    pub fn load(&self, raw: RawDoc) -> Result<Document, ReadError> {
        let RawDoc {
            id,
            body,
            mut meta,
            crawl_date,
            content_type,
        } = raw;
        let err = |k: ErrorKind| ReadError::new(id.clone(), k);
        let mut front = None;
        let text = match body {
            Body::Text(bytes) => {
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    return Err(err(ErrorKind::Empty));
                }
                let text = plain::decode(bytes, self.lossy).map_err(&err)?;
                let fm = plain::front_matter(&text);
                if fm.span.is_some() {
                    front = Some(fm);
                }
                text
            }
            Body::Str(s) => s,
            Body::Html(bytes) => {
                if plain::looks_binary(&bytes) {
                    return Err(err(ErrorKind::Binary("control bytes where HTML should be")));
                }
                let html = html::decode(&bytes, content_type.as_deref());
                self.page(html::read(&html, meta.url.as_deref()), &mut meta)
            }
            Body::HtmlStr(s) => self.page(html::read(&s, meta.url.as_deref()), &mut meta),
        };
        if text.trim().is_empty() {
            return Err(err(ErrorKind::Empty));
        }
        let mut boilerplate = mark_boilerplate(&text);
        if let Some(fm) = front {
            if let Some(span) = fm.span {
                boilerplate.retain(|b| !b.overlaps(span));
                boilerplate.insert(0, span);
            }
            meta.title = meta.title.or(fm.title);
            meta.url = meta.url.or(fm.url);
            meta.outlet = meta.outlet.or(fm.outlet);
            if let Some(d) = fm.date {
                meta.published = Published::known(d, DateSource::Meta);
            }
        }
        if let Some(row) = self.sidecar.lookup(&id) {
            meta.title = row.title.clone().or(meta.title);
            meta.url = row.url.clone().or(meta.url);
            meta.outlet = row.outlet.clone().or(meta.outlet);
            if let Some(d) = &row.published {
                meta.published = Published::known(d.clone(), DateSource::Sidecar);
            }
        }
        if let Some(d) = &self.date {
            meta.published = Published::known(d.clone(), DateSource::Flag);
        }
        if !meta.published.is_known() {
            meta.published = pubdate::infer(&text, &boilerplate, crawl_date);
        }
        Ok(Document {
            id,
            text,
            meta,
            boilerplate,
        })
    }

    fn page(&self, page: Page, meta: &mut Meta) -> String {
        meta.title = meta.title.take().or(page.title);
        meta.url = meta.url.take().or(page.url);
        meta.outlet = meta.outlet.take().or(page.outlet);
        if !meta.published.is_known()
            && let Some(d) = page.published
        {
            meta.published = Published::known(d, DateSource::Meta);
        }
        page.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_by_extension_and_content() {
        assert_eq!(detect(Path::new("a.txt"), b"Hello"), Format::Text);
        assert_eq!(detect(Path::new("a.warc.gz"), b""), Format::Warc);
        assert_eq!(detect(Path::new("a"), b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect(Path::new("feed.jsonl"), b"{}"), Format::Jsonl);
        assert_eq!(
            detect(Path::new("x.dat"), b"{\"text\": \"a\"}"),
            Format::Jsonl
        );
        assert_eq!(
            detect(Path::new("page"), b"\n<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            detect(Path::new("a.txt"), b"<!doctype html><html>"),
            Format::Html
        );
        assert_eq!(detect(Path::new("a.htm"), b"whatever"), Format::Html);
    }

    #[test]
    fn loader_date_precedence() {
        let raw = |text: &str| RawDoc {
            id: "a.txt".into(),
            body: Body::Text(text.as_bytes().to_vec()),
            meta: Meta::default(),
            crawl_date: None,
            content_type: None,
        };
        let text = "---\ndate: 2020-01-02\n---\nBy Jane | March 3, 2021\nThe bridge opened, the minister said in a statement on Monday.";
        let mut loader = Loader::default();
        let doc = loader.load(raw(text)).unwrap();
        assert_eq!(
            doc.meta.published,
            Published::known("2020-01-02", DateSource::Meta)
        );
        assert_eq!(&doc.text[doc.boilerplate[0]], "---\ndate: 2020-01-02\n---");
        loader.sidecar =
            Sidecar::parse("path\tpublished\na.txt\t2019-05\n", Path::new(""), "m.tsv").unwrap();
        assert_eq!(
            loader.load(raw(text)).unwrap().meta.published,
            Published::known("2019-05", DateSource::Sidecar)
        );
        loader.date = Some("2018".into());
        assert_eq!(
            loader.load(raw(text)).unwrap().meta.published,
            Published::known("2018", DateSource::Flag)
        );
        let none = Loader::default().load(raw("The bridge opened.")).unwrap();
        assert_eq!(none.meta.published.source, DateSource::Unknown);
        assert!(matches!(
            Loader::default().load(raw("  \n")).unwrap_err().kind,
            ErrorKind::Empty
        ));
    }
}
