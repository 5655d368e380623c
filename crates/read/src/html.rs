//! HTML: the article's main content by a Readability port (`dom_smoothie`), its
//! title, canonical address and publication date from the page's metadata.
//!
//! Pages nested deeper than [`MAX_DEPTH`] elements are not given to the DOM (its
//! tree walks recurse); their text is taken by a flat tag stripper instead.

use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};

use crate::dates;

/// Nesting beyond which the page is read flat.
pub const MAX_DEPTH: usize = 512;

/// What is read from an HTML page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    /// The article text: headline first, then paragraphs separated by blank lines.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The canonical address.
    pub url: Option<String>,
    /// The publication date, normalised.
    pub published: Option<String>,
    /// The outlet's name (`og:site_name`).
    pub outlet: Option<String>,
}

/// Decodes HTML bytes: the charset from a byte-order mark, the HTTP header's
/// `content_type`, or a `<meta charset>` near the top; UTF-8 otherwise. Bytes that do not
/// decode are replaced (a page is read for its text, not kept byte for byte).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let label = content_type
        .and_then(charset_of)
        .or_else(|| sniff_meta_charset(&bytes[..bytes.len().min(4096)]));
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn charset_of(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let k = lower.find("charset=")?;
    let v = lower[k + 8..]
        .trim_start_matches(['"', '\''])
        .split(|c: char| {
            c == '"' || c == '\'' || c == ';' || c.is_whitespace() || c == '/' || c == '>'
        })
        .next()?
        .to_string();
    (!v.is_empty()).then_some(v)
}

fn sniff_meta_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head);
    charset_of(&head)
}

/// Reads a page. `url` is where it was fetched from, if known.
pub fn read(html: &str, url: Option<&str>) -> Page {
    if nesting_depth(html) > MAX_DEPTH {
        let text = strip_tags(html);
        return Page {
            text,
            ..Page::default()
        };
    }
    let dom = Dom::from(html);
    let mut page = Page {
        url: canonical(&dom).or_else(|| url.map(str::to_string)),
        ..Page::default()
    };
    let own_date = published_from_dom(&dom);
    page.outlet = meta_content(&dom, "meta[property='og:site_name']");
    let base = page.url.clone().filter(|u| u.starts_with("http"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 50_000,
        ..Config::default()
    };
    let article = Readability::with_document(dom, base.as_deref(), Some(cfg.clone()))
        .or_else(|_| Readability::with_document(Dom::from(html), None, Some(cfg)))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (body, title, pubtime) = match article {
        Some(a) => (
            a.text_content.to_string(),
            Some(a.title.trim().to_string()).filter(|t| !t.is_empty()),
            a.published_time,
        ),
        None => (strip_tags(html), None, None),
    };
    page.published = pubtime.as_deref().and_then(dates::normalize).or(own_date);
    page.title = title.or_else(|| title_from_dom(html));
    page.text = tidy(&body, page.title.as_deref());
    page
}

fn meta_content(dom: &Dom, selector: &str) -> Option<String> {
    dom.select(selector)
        .iter()
        .find_map(|n| n.attr("content").map(|v| v.trim().to_string()))
        .filter(|v| !v.is_empty())
}

fn canonical(dom: &Dom) -> Option<String> {
    dom.select("link[rel='canonical']")
        .iter()
        .find_map(|n| n.attr("href").map(|v| v.trim().to_string()))
        .filter(|v| !v.is_empty())
        .or_else(|| meta_content(dom, "meta[property='og:url']"))
}

fn title_from_dom(html: &str) -> Option<String> {
    let dom = Dom::from(html);
    meta_content(&dom, "meta[property='og:title']").or_else(|| {
        let t = dom.select("title").text().trim().to_string();
        (!t.is_empty()).then_some(t)
    })
}

/// The publication date from the page's own markup, in order of trust.
fn published_from_dom(dom: &Dom) -> Option<String> {
    const METAS: &[&str] = &[
        "meta[property='article:published_time']",
        "meta[name='article:published_time']",
        "meta[itemprop='datePublished']",
        "meta[name='pubdate']",
        "meta[name='publishdate']",
        "meta[name='date']",
        "meta[name='dc.date.issued']",
        "meta[name='DC.date.issued']",
        "meta[name='parsely-pub-date']",
        "meta[name='sailthru.date']",
        "meta[property='og:published_time']",
    ];
    for sel in METAS {
        if let Some(d) = meta_content(dom, sel).as_deref().and_then(dates::normalize) {
            return Some(d);
        }
    }
    for script in dom.select("script[type='application/ld+json']").iter() {
        let text = script.text();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(d) = json_ld_date(&v, 0)
        {
            return Some(d);
        }
    }
    for sel in [
        "[itemprop='datePublished']",
        "time[pubdate]",
        "time[datetime]",
    ] {
        let found = dom.select(sel).iter().find_map(|n| {
            n.attr("datetime")
                .or_else(|| n.attr("content"))
                .and_then(|v| dates::normalize(&v))
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

fn json_ld_date(v: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(dates::normalize)
            .or_else(|| map.get("@graph").and_then(|g| json_ld_date(g, depth + 1))),
        serde_json::Value::Array(items) => items.iter().find_map(|i| json_ld_date(i, depth + 1)),
        _ => None,
    }
}

/// Normalises extracted text: trims lines, keeps one blank line between paragraphs,
/// and puts the headline first when the body does not begin with it.
fn tidy(body: &str, title: Option<&str>) -> String {
    let mut out = String::with_capacity(body.len() + 128);
    if let Some(t) = title {
        let starts = body.trim_start().starts_with(t);
        if !starts {
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    let mut blank = true;
    for line in body.lines() {
        let l = line.trim();
        if l.is_empty() {
            if !blank {
                out.push('\n');
                blank = true;
            }
            continue;
        }
        if !blank {
            // Paragraph lines of Formatted text come one per line already.
        }
        out.push_str(l);
        out.push('\n');
        blank = false;
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The deepest nesting of elements, estimated on the raw markup without parsing.
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option",
    ];
    let b = html.as_bytes();
    let mut depth: usize = 0;
    let mut max = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        i += k + 1;
        let close = b.get(i) == Some(&b'/');
        let start = if close { i + 1 } else { i };
        let name_len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = memchr::memchr(b'>', &b[start..])
                .is_some_and(|e| e > 0 && b[start + e - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// A flat reading of a page's text: tags dropped, scripts and styles skipped, block
/// elements ended with line breaks, common entities decoded.
pub fn strip_tags(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "header",
        "footer",
        "blockquote",
        "figcaption",
        "title",
        "table",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(k) = rest.find('<') {
        push_decoded(&mut out, &rest[..k]);
        rest = &rest[k..];
        // `<` and `>` are ASCII, so these offsets are character boundaries.
        let (inner_end, next) = match rest.find('>') {
            Some(e) => (e, e + 1),
            None => (rest.len(), rest.len()),
        };
        let tag = &rest[1..inner_end];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[next..];
        if !closing && (name == "script" || name == "style") {
            rest = &rest[find_closing(rest, &name)..];
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    push_decoded(&mut out, rest);
    tidy(&out, None)
}

/// Where `</name` begins in `s`, in any case; the end of `s` if nowhere.
fn find_closing(s: &str, name: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&b[from..], b"</") {
        let at = from + k;
        let after = &b[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

fn push_decoded(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Bridge opens late | Daily Test</title>
<meta property="og:site_name" content="Daily Test">
<link rel="canonical" href="https://daily.test/bridge-opens">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2021-03-04T08:00:00Z"}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Bridge opens late</h1>
<p>The bridge over the river opened on Monday, two years after the date the ministry first promised, officials said.</p>
<p>The minister said the approach roads would be finished by the end of next year, and that traffic would reach 40,000 vehicles a day.</p>
<p>Construction began in 2015 and was to take three years, but floods and a contractor's collapse held it up for months at a time.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"#;

    #[test]
    fn html_main_content_and_metadata() {
        let page = read(PAGE, None);
        assert_eq!(page.url.as_deref(), Some("https://daily.test/bridge-opens"));
        assert_eq!(page.published.as_deref(), Some("2021-03-04"));
        assert_eq!(page.outlet.as_deref(), Some("Daily Test"));
        assert!(
            page.text
                .contains("The bridge over the river opened on Monday"),
            "{}",
            page.text
        );
        assert!(page.text.contains("\n\nThe minister said"), "{}", page.text);
        assert!(!page.text.contains("Subscribe"), "{}", page.text);
        assert!(!page.text.contains("Home"), "{}", page.text);
    }

    #[test]
    fn html_dates_from_meta_and_time() {
        let p = read(
            "<html><head><meta property=\"article:published_time\" content=\"2019-12-01T10:00:00+03:00\"></head><body><p>x</p></body></html>",
            None,
        );
        assert_eq!(p.published.as_deref(), Some("2019-12-01"));
        let p = read(
            "<html><body><p>By Jane <time datetime=\"2020-02-03\">Feb 3</time></p></body></html>",
            None,
        );
        assert_eq!(p.published.as_deref(), Some("2020-02-03"));
    }

    #[test]
    fn html_deep_nesting_is_read_flat() {
        let deep = format!(
            "{}<p>Deep text here.</p>{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        assert!(nesting_depth(&deep) >= 10_000);
        let page = read(&deep, None);
        assert_eq!(page.text, "Deep text here.");
    }

    #[test]
    fn html_decode_charsets() {
        let bytes =
            b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        assert!(decode(bytes, None).contains("café"));
        assert!(decode("naïve".as_bytes(), Some("text/html; charset=utf-8")).contains("naïve"));
        assert_eq!(
            strip_tags("<p>a &amp; b&#33;</p><script>x<y</script><p>c</p>"),
            "a & b!\n\nc"
        );
    }
}
