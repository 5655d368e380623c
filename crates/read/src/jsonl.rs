//! JSON Lines as news APIs and scrapers export it: one article per line, its text or
//! HTML, date, address, title and id in fields whose names vary by source.

use std::io::BufRead;

use overdue_text::{DateSource, Meta, Published};
use serde_json::{Map, Value};

use crate::{Body, ErrorKind, RawDoc, ReadError, dates, lines::LineReader};

/// The field names looked for in each record, first match wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    /// Fields holding plain text.
    pub text: Vec<String>,
    /// Fields holding HTML.
    pub html: Vec<String>,
    /// Fields holding the publication date.
    pub date: Vec<String>,
    /// Fields holding the address.
    pub url: Vec<String>,
    /// Fields holding the headline.
    pub title: Vec<String>,
    /// Fields holding the record's id.
    pub id: Vec<String>,
    /// Fields holding the outlet's name.
    pub outlet: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for JsonlFields {
    fn default() -> JsonlFields {
        JsonlFields {
            text: names(&[
                "text",
                "content",
                "body",
                "article",
                "maintext",
                "article_text",
            ]),
            html: names(&["html", "raw_html", "content_html", "body_html"]),
            date: names(&[
                "published",
                "publishedAt",
                "published_at",
                "date",
                "datePublished",
                "pubDate",
                "date_publish",
                "publish_date",
            ]),
            url: names(&["url", "link", "canonical_url"]),
            title: names(&["title", "headline"]),
            id: names(&["id", "_id", "uuid", "guid", "doc_id"]),
            outlet: names(&["outlet", "source", "site_name", "publisher"]),
        }
    }
}

/// Streams the records of a JSON Lines file, one line at a time.
pub struct JsonlReader<R> {
    path: String,
    lines: LineReader<R>,
    fields: JsonlFields,
    record: u64,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader of `reader`, named `path` in ids and errors, with records of at most
    /// `max_bytes`.
    pub fn new(path: &str, reader: R, fields: JsonlFields, max_bytes: u64) -> JsonlReader<R> {
        JsonlReader {
            path: path.to_string(),
            lines: LineReader::new(reader, max_bytes),
            fields,
            record: 0,
        }
    }

    fn record(&self, line: u64, bytes: &[u8]) -> Result<RawDoc, ReadError> {
        let at = format!("{}#{}", self.path, self.record);
        let err = |kind: ErrorKind| ReadError::new(at.clone(), kind);
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            err(ErrorKind::Json {
                line,
                message: e.to_string(),
            })
        })?;
        let Value::Object(map) = value else {
            return Err(err(ErrorKind::Json {
                line,
                message: "a JSON value that is not an object".into(),
            }));
        };
        let id = first_string(&map, &self.fields.id)
            .map(|i| format!("{}#{}", self.path, i))
            .unwrap_or(at.clone());
        let text = first_string(&map, &self.fields.text);
        let html = first_string(&map, &self.fields.html);
        let body = match (html, text) {
            (Some(h), _) => Body::HtmlStr(h),
            (None, Some(t)) if looks_like_html(&t) => Body::HtmlStr(t),
            (None, Some(t)) => Body::Str(t),
            (None, None) => {
                let mut fields = self.fields.text.clone();
                fields.extend(self.fields.html.iter().cloned());
                return Err(ReadError::new(
                    id,
                    ErrorKind::NoTextField {
                        line,
                        fields: fields.join(", "),
                    },
                ));
            }
        };
        let published =
            match first_string(&map, &self.fields.date).and_then(|d| dates::normalize(&d)) {
                Some(d) => Published::known(d, DateSource::Meta),
                None => Published::default(),
            };
        Ok(RawDoc {
            id,
            body,
            meta: Meta {
                title: first_string(&map, &self.fields.title),
                url: first_string(&map, &self.fields.url),
                outlet: first_string(&map, &self.fields.outlet),
                published,
            },
            crawl_date: None,
            content_type: None,
        })
    }
}

fn first_string(map: &Map<String, Value>, fields: &[String]) -> Option<String> {
    fields.iter().find_map(|f| match map.get(f) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

fn looks_like_html(s: &str) -> bool {
    let head = s.trim_start();
    head.starts_with('<')
        && (s.contains("</p>")
            || s.contains("</div>")
            || s.contains("<br")
            || s.contains("</html>"))
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.lines.next_line() {
                Err(e) => {
                    let path = self.path.clone();
                    self.lines.stop();
                    return Some(Err(ReadError::new(path, e)));
                }
                Ok(None) => return None,
                Ok(Some(crate::lines::Line::TooLong { number, size })) => {
                    self.record += 1;
                    let limit = self.lines.limit();
                    return Some(Err(ReadError::new(
                        format!("{}#{} (line {number})", self.path, self.record),
                        ErrorKind::TooLarge { size, limit },
                    )));
                }
                Ok(Some(crate::lines::Line::Text { number, bytes })) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.record += 1;
                    let out = self.record(number, &bytes);
                    return Some(out);
                }
            }
        }
    }
}
