//! WARC (ISO 28500), as web crawls ship it (`.warc`, `.warc.gz`): the HTML of each
//! `response` record, streamed one record at a time.
//!
//! Written here rather than taken from the `warc` crate (0.4): that crate reads
//! headers and bodies with unbounded `read_until`, overflows on a huge
//! `Content-Length`, and cannot skip a record it does not want. The framing is small:
//! a version line, header lines, a blank line, `Content-Length` bytes, two line breaks.

use std::io::{self, BufRead, Read};

use jiff::civil::Date;
use overdue_text::Meta;

use crate::{Body, ErrorKind, RawDoc, ReadError, dates};

const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADERS: usize = 512;

/// Streams the HTML responses of a WARC file.
pub struct WarcReader<R> {
    path: String,
    reader: R,
    max_bytes: u64,
    done: bool,
    records: u64,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader of `reader`, named `path` in ids and errors, taking responses of at most
    /// `max_bytes`.
    pub fn new(path: &str, reader: R, max_bytes: u64) -> WarcReader<R> {
        WarcReader {
            path: path.to_string(),
            reader,
            max_bytes,
            done: false,
            records: 0,
        }
    }

    fn fail(&mut self, kind: ErrorKind) -> Option<Result<RawDoc, ReadError>> {
        self.done = true;
        let at = format!("{} (record {})", self.path, self.records.max(1));
        Some(Err(ReadError::new(at, kind)))
    }

    /// Reads one line of at most [`MAX_HEADER_LINE`] bytes; `None` at the end.
    fn header_line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_HEADER_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if buf.len() > MAX_HEADER_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "header line too long",
            ));
        }
        Ok(Some(
            String::from_utf8_lossy(&buf)
                .trim_end_matches(['\r', '\n'])
                .to_string(),
        ))
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            // The version line, after any blank lines between records.
            let version = loop {
                match self.header_line() {
                    Err(e) => return self.fail(truncation(e)),
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Ok(Some(l)) if l.trim().is_empty() => continue,
                    Ok(Some(l)) => break l,
                }
            };
            self.records += 1;
            if !version.starts_with("WARC/") {
                return self.fail(ErrorKind::Warc(format!(
                    "expected a WARC version line, found {:?}",
                    truncate(&version)
                )));
            }
            let mut headers = Vec::new();
            loop {
                match self.header_line() {
                    Err(e) => return self.fail(truncation(e)),
                    Ok(None) => {
                        return self
                            .fail(ErrorKind::Warc("file ends inside a record header".into()));
                    }
                    Ok(Some(l)) if l.is_empty() => break,
                    Ok(Some(l)) => {
                        if headers.len() >= MAX_HEADERS {
                            return self.fail(ErrorKind::Warc("too many header lines".into()));
                        }
                        if let Some((k, v)) = l.split_once(':') {
                            headers.push((k.trim().to_string(), v.trim().to_string()));
                        }
                    }
                }
            }
            let Some(len) = header(&headers, "Content-Length").and_then(|v| v.parse::<u64>().ok())
            else {
                return self.fail(ErrorKind::Warc(
                    "record without a valid Content-Length".into(),
                ));
            };
            let wanted = header(&headers, "WARC-Type") == Some("response")
                && header(&headers, "Content-Type").is_some_and(|c| c.contains("application/http"));
            if !wanted || len > self.max_bytes {
                match io::copy(&mut (&mut self.reader).take(len), &mut io::sink()) {
                    Ok(n) if n == len => {}
                    Ok(_) => return self.fail(ErrorKind::Warc("file ends inside a record".into())),
                    Err(e) => return self.fail(truncation(e)),
                }
                if wanted {
                    let id = self.record_id(&headers);
                    return Some(Err(ReadError::new(
                        id,
                        ErrorKind::TooLarge {
                            size: len,
                            limit: self.max_bytes,
                        },
                    )));
                }
                continue;
            }
            let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
            match (&mut self.reader).take(len).read_to_end(&mut block) {
                Ok(n) if n as u64 == len => {}
                Ok(_) => return self.fail(ErrorKind::Warc("file ends inside a record".into())),
                Err(e) => return self.fail(truncation(e)),
            }
            let Some(http) = parse_http(&block, self.max_bytes) else {
                continue; // not an HTML page with status 200
            };
            let id = self.record_id(&headers);
            let crawl_date = header(&headers, "WARC-Date")
                .and_then(dates::normalize)
                .and_then(|d| d.parse::<Date>().ok());
            let meta = Meta {
                url: header(&headers, "WARC-Target-URI")
                    .map(|u| u.trim_matches(['<', '>']).to_string()),
                ..Meta::default()
            };
            return Some(Ok(RawDoc {
                id,
                body: Body::Html(http.body),
                meta,
                crawl_date,
                content_type: http.content_type,
            }));
        }
        None
    }
}

impl<R> WarcReader<R> {
    fn record_id(&self, headers: &[(String, String)]) -> String {
        match header(headers, "WARC-Record-ID") {
            Some(id) => format!("{}#{}", self.path, id.trim_matches(['<', '>'])),
            None => format!("{}#{}", self.path, self.records),
        }
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

fn truncation(e: io::Error) -> ErrorKind {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        ErrorKind::Warc("file is truncated (compressed stream ends early)".into())
    } else {
        ErrorKind::Io(e)
    }
}

struct Http {
    body: Vec<u8>,
    content_type: Option<String>,
}

/// The body of an HTTP response that is an HTML page with status 200.
fn parse_http(block: &[u8], max_bytes: u64) -> Option<Http> {
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(k) => (k, k + 4),
        None => {
            let k = memchr::memmem::find(block, b"\n\n")?;
            (k, k + 2)
        }
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next()?;
    if status.split_whitespace().nth(1) != Some("200") {
        return None;
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let content_type = header(&headers, "Content-Type").map(str::to_string);
    let mut body = block[body_start..].to_vec();
    if header(&headers, "Transfer-Encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body)?;
    }
    match header(&headers, "Content-Encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gzip" | "x-gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(max_bytes)
                .read_to_end(&mut out)
                .ok()?;
            body = out;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(max_bytes)
                .read_to_end(&mut out)
                .ok()?;
            body = out;
        }
        _ => {}
    }
    let html = match &content_type {
        Some(ct) => ct.contains("html"),
        None => {
            let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
            head.contains("<html") || head.contains("<!doctype html")
        }
    };
    html.then_some(Http { body, content_type })
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let k = memchr::memmem::find(b, b"\r\n")?;
        let size_str = std::str::from_utf8(&b[..k]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        b = &b[k + 2..];
        if size == 0 {
            return Some(out);
        }
        if size > b.len() {
            out.extend_from_slice(b);
            return Some(out);
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content_type: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Target-URI: https://news.test/a\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    #[test]
    fn warc_reads_html_responses_only() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hello</p></body></html>";
        let data = [
            record("warcinfo", "application/warc-fields", "software: test"),
            record(
                "request",
                "application/http; msgtype=request",
                "GET /a HTTP/1.1\r\n\r\n",
            ),
            record("response", "application/http; msgtype=response", page),
            record(
                "response",
                "application/http; msgtype=response",
                "HTTP/1.1 404 Not Found\r\n\r\nnope",
            ),
        ]
        .concat();
        let docs: Vec<_> = WarcReader::new("c.warc", data.as_bytes(), 1 << 20).collect();
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.id, "c.warc#urn:uuid:response");
        assert_eq!(doc.meta.url.as_deref(), Some("https://news.test/a"));
        assert_eq!(
            doc.crawl_date.map(|d| d.to_string()).as_deref(),
            Some("2024-05-06")
        );
    }

    #[test]
    fn warc_truncated_and_garbage_end_with_one_error() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Hello</p></body></html>";
        let full = record("response", "application/http", page);
        let cut = &full[..full.len() - 30];
        let out: Vec<_> = WarcReader::new("c.warc", cut.as_bytes(), 1 << 20).collect();
        assert_eq!(out.len(), 1);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("ends inside a record")
        );
        let out: Vec<_> = WarcReader::new("c.warc", &b"not a warc\n"[..], 1 << 20).collect();
        assert_eq!(out.len(), 1);
        let huge = "WARC/1.0\r\nContent-Length: 18446744073709551615\r\nWARC-Type: response\r\nContent-Type: application/http\r\n\r\nx";
        let out: Vec<_> = WarcReader::new("c.warc", huge.as_bytes(), 1 << 20).collect();
        assert!(out.iter().all(|r| r.is_err()));
    }

    #[test]
    fn warc_chunked_and_gzip_bodies() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n6\r\n World\r\n0\r\n\r\n").unwrap(),
            b"Hello World"
        );
    }
}
