//! Plain text: UTF-8 with or without a byte-order mark, LF or CRLF, and an optional
//! front-matter block of `key: value` lines between `---` lines.

use overdue_text::Span;

use crate::{ErrorKind, dates};

/// Decodes a plain-text file. The text is the file's content unchanged but for a
/// leading byte-order mark, so that offsets are offsets into the file (after the BOM).
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, ErrorKind> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ErrorKind::Binary("UTF-16 text; convert it to UTF-8"));
    }
    if looks_binary(&bytes) {
        return Err(ErrorKind::Binary("control bytes where text should be"));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(ErrorKind::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

/// Whether the first bytes look like a binary file: a NUL, or many control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    // Written to vectorise: counts bytes below 0x20 other than \t \n \f \r.
    let control: usize = head
        .iter()
        .map(|&b| usize::from(b < 0x20 && (!(0x09..=0x0d).contains(&b) || b == 0x0b)))
        .sum();
    control * 20 > head.len().max(1)
}

/// What a front-matter block says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The block, `---` lines included.
    pub span: Option<Span>,
    /// `date:` or `published:`, normalised.
    pub date: Option<String>,
    /// `title:`.
    pub title: Option<String>,
    /// `url:`.
    pub url: Option<String>,
    /// `outlet:` or `source:`.
    pub outlet: Option<String>,
}

/// Reads a front-matter block at the very start of `text`, if there is one.
///
/// ```
/// use overdue_read::front_matter;
/// let text = "---\ndate: 2021-03-04\ntitle: \"Bridge opens\"\n---\nThe bridge opened.";
/// let fm = front_matter(text);
/// assert_eq!(fm.date.as_deref(), Some("2021-03-04"));
/// assert_eq!(fm.title.as_deref(), Some("Bridge opens"));
/// assert_eq!(&text[fm.span.unwrap()], "---\ndate: 2021-03-04\ntitle: \"Bridge opens\"\n---");
/// ```
pub fn front_matter(text: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return fm,
    }
    let mut pos = text.split_inclusive('\n').next().map_or(0, str::len);
    let mut fields = Vec::new();
    for (n, line) in lines.enumerate() {
        if n > 64 {
            return FrontMatter::default();
        }
        let end = pos + line.trim_end().len();
        pos += line.len();
        let l = line.trim();
        if l == "---" || l == "..." {
            fm.span = Span::new(text, 0, end).ok();
            break;
        }
        let Some((key, value)) = l.split_once(':') else {
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            return FrontMatter::default();
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        fields.push((key.trim().to_ascii_lowercase(), value.to_string()));
    }
    if fm.span.is_none() {
        return FrontMatter::default();
    }
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "date" | "published" | "pubdate" => fm.date = dates::normalize(&value),
            "title" => fm.title = Some(value),
            "url" | "link" => fm.url = Some(value),
            "outlet" | "source" | "publisher" => fm.outlet = Some(value),
            _ => {}
        }
    }
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decode_bom_and_errors() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFHello".to_vec(), false).unwrap(),
            "Hello"
        );
        assert_eq!(decode(b"a\r\nb".to_vec(), false).unwrap(), "a\r\nb");
        match decode(b"abc\xFFdef".to_vec(), false) {
            Err(ErrorKind::InvalidUtf8 { offset }) => assert_eq!(offset, 3),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            decode(b"abc\xFFdef".to_vec(), true).unwrap(),
            "abc\u{FFFD}def"
        );
        assert!(matches!(
            decode(b"\x00\x01\x02binary".to_vec(), false),
            Err(ErrorKind::Binary(_))
        ));
    }

    #[test]
    fn plain_front_matter_is_optional_and_strict() {
        assert_eq!(
            front_matter("No front matter\n---\n"),
            FrontMatter::default()
        );
        assert_eq!(
            front_matter("---\nnot a field line\n---\n"),
            FrontMatter::default()
        );
        assert_eq!(front_matter("---\ndate: 2020\n"), FrontMatter::default());
        let fm = front_matter("---\r\nDate: 5 May 2020\r\nurl: https://x.test/a\r\n---\r\nBody");
        assert_eq!(fm.date.as_deref(), Some("2020-05-05"));
        assert_eq!(fm.url.as_deref(), Some("https://x.test/a"));
    }
}
