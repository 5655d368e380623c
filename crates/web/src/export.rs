//! Exports for other tools: the timeline as Knight Lab TimelineJS JSON (what newsrooms
//! publish timelines with), and every extracted item as a Parquet table (for DuckDB,
//! Spark or pandas).

use std::sync::Arc;

use overdue_pipeline::Analysis;
use overdue_timeline::deadline::interval;
use overdue_timeline::events::Entry;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::{Value, json};

/// A TimelineJS date from a TIMEX3 value: as precise as the value is ("2019" → year;
/// "2019-12" → year and month; "2013-SP" → the season's first month), shown as written.
fn date(value: &str) -> Option<Value> {
    let iv = interval(value)?;
    let d = iv.first;
    let mut out = json!({ "year": d.year().to_string(), "display_date": value });
    let precise = value.len() >= 7 && value.as_bytes().get(4) == Some(&b'-');
    if precise || value.len() > 4 {
        out["month"] = json!(d.month().to_string());
    }
    if value.len() >= 10 {
        out["day"] = json!(d.day().to_string());
    }
    Some(out)
}

/// The timeline as TimelineJS JSON: a title slide and one event per dated entry,
/// grouped by kind (forecast, outcome), each citing its document.
pub fn timelinejs(entries: &[Entry], title: &str, summary: &str) -> Value {
    let events: Vec<Value> = entries
        .iter()
        .filter_map(|e| {
            let start = date(e.date.as_deref()?)?;
            let what = e.event.replace('_', " ");
            let headline = match (&e.facility, e.kind) {
                (Some(f), "forecast") => format!("Promised: {f}, {what}"),
                (None, "forecast") => format!("Promised: {what}"),
                (Some(f), _) => format!("{f}: {what}"),
                (None, _) => what.clone(),
            };
            let mut text = crate::html::esc(&e.text);
            if let Some(s) = &e.speaker {
                text = format!("{text}<br>— {}", crate::html::esc(s));
            }
            if let Some(t) = &e.target {
                text = format!("{text}<br>Target: {}", crate::html::esc(t));
            }
            text = format!(
                "{text}<br><small>{}, bytes {}–{}</small>",
                crate::html::esc(&e.source.doc),
                e.source.span.start(),
                e.source.span.end()
            );
            Some(json!({
                "start_date": start,
                "text": { "headline": crate::html::esc(&headline), "text": text },
                "group": e.kind,
                "unique_id": format!("{}-{}", e.source.doc, e.source.span.start())
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-"),
            }))
        })
        .collect();
    json!({
        "title": { "text": { "headline": crate::html::esc(title), "text": crate::html::esc(summary) } },
        "events": events,
    })
}

/// Why the Parquet file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The Parquet writer failed.
    #[error("writing Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// The schema of the items table: one row per extracted item.
const ITEMS: &str = "message items {
    required binary doc (UTF8);
    optional binary published (UTF8);
    required binary layer (UTF8);
    required binary kind (UTF8);
    required int64 start;
    required int64 end;
    required binary text (UTF8);
    optional binary value (UTF8);
    optional binary event (UTF8);
    optional binary speaker (UTF8);
    optional binary said (UTF8);
    optional binary target (UTF8);
}";

/// How a text column reads its cell from a row.
type Cell = dyn Fn(&Item) -> Option<&str>;

/// One row of the items table.
#[derive(Default)]
struct Item {
    doc: String,
    published: Option<String>,
    layer: &'static str,
    kind: String,
    start: i64,
    end: i64,
    text: String,
    value: Option<String>,
    event: Option<String>,
    speaker: Option<String>,
    said: Option<String>,
    target: Option<String>,
}

fn rows(docs: &[Analysis]) -> Vec<Item> {
    let mut out = Vec::new();
    for a in docs {
        let base = || Item {
            doc: a.doc.id.clone(),
            published: a.doc.meta.published.value.clone(),
            ..Item::default()
        };
        for t in &a.timexes {
            out.push(Item {
                layer: "timex",
                kind: t.kind.into(),
                start: t.span.start() as i64,
                end: t.span.end() as i64,
                text: t.text.clone(),
                value: Some(t.value.clone()),
                ..base()
            });
        }
        for q in &a.quantities {
            out.push(Item {
                layer: "quantity",
                kind: q.kind.into(),
                start: q.span.start() as i64,
                end: q.span.end() as i64,
                text: q.text.clone(),
                value: Some(q.value.to_string()),
                event: q.unit.clone(),
                ..base()
            });
        }
        for e in &a.entities {
            out.push(Item {
                layer: "entity",
                kind: e.kind.into(),
                start: e.span.start() as i64,
                end: e.span.end() as i64,
                text: e.text.clone(),
                value: Some(e.name.clone()),
                ..base()
            });
        }
        for s in &a.statements {
            out.push(Item {
                layer: "statement",
                kind: s.kind.into(),
                start: s.span.start() as i64,
                end: s.span.end() as i64,
                text: a.doc.text[s.span].to_string(),
                value: s.when.clone(),
                event: Some(s.event.into()),
                speaker: s.speaker.as_ref().map(|x| x.name.clone()),
                said: s.said.clone(),
                target: s.target.as_ref().and_then(|t| t.value.clone()),
                ..base()
            });
        }
    }
    out
}

/// Writes every extracted item of `docs` as a Parquet table: doc, published, layer
/// (timex, quantity, entity, statement), kind, start, end, text, value (TIMEX3 value,
/// number, name, or an outcome's date), event (or a quantity's unit), speaker, said,
/// target. Returns the number of rows.
pub fn parquet(docs: &[Analysis], out: impl std::io::Write + Send) -> Result<usize, ExportError> {
    let items = rows(docs);
    let schema = Arc::new(parse_message_type(ITEMS)?);
    let props = Arc::new(WriterProperties::builder().build());
    let mut w = SerializedFileWriter::new(out, schema, props)?;
    // Row groups of at most a million rows.
    for chunk in items.chunks(1 << 20) {
        let mut rg = w.next_row_group()?;
        let strings: [&Cell; 12] = [
            &|i| Some(&i.doc),
            &|i| i.published.as_deref(),
            &|i| Some(i.layer),
            &|i| Some(&i.kind),
            &|_| None, // start
            &|_| None, // end
            &|i| Some(&i.text),
            &|i| i.value.as_deref(),
            &|i| i.event.as_deref(),
            &|i| i.speaker.as_deref(),
            &|i| i.said.as_deref(),
            &|i| i.target.as_deref(),
        ];
        let required = [
            true, false, true, true, true, true, true, false, false, false, false, false,
        ];
        for (c, get) in strings.iter().enumerate() {
            let Some(mut col) = rg.next_column()? else {
                break;
            };
            match c {
                4 | 5 => {
                    let values: Vec<i64> = chunk
                        .iter()
                        .map(|i| if c == 4 { i.start } else { i.end })
                        .collect();
                    col.typed::<Int64Type>().write_batch(&values, None, None)?;
                }
                _ => {
                    let cells: Vec<Option<&str>> = chunk.iter().map(get).collect();
                    let values: Vec<ByteArray> = cells
                        .iter()
                        .flatten()
                        .map(|s| ByteArray::from(s.as_bytes().to_vec()))
                        .collect();
                    if required[c] {
                        col.typed::<ByteArrayType>()
                            .write_batch(&values, None, None)?;
                    } else {
                        let levels: Vec<i16> =
                            cells.iter().map(|s| i16::from(s.is_some())).collect();
                        col.typed::<ByteArrayType>()
                            .write_batch(&values, Some(&levels), None)?;
                    }
                }
            }
            col.close()?;
        }
        rg.close()?;
    }
    w.close()?;
    Ok(items.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timelinejs_dates_are_as_precise_as_their_values() {
        assert_eq!(date("2019").unwrap()["year"], "2019");
        assert!(date("2019").unwrap().get("month").is_none());
        let d = date("2019-06").unwrap();
        assert_eq!(
            (d["year"].as_str(), d["month"].as_str()),
            (Some("2019"), Some("6"))
        );
        assert!(d.get("day").is_none());
        let d = date("2016-03-14").unwrap();
        assert_eq!(d["day"], "14");
        let d = date("2013-SP").unwrap();
        assert_eq!(d["display_date"], "2013-SP");
        assert!(date("PRESENT_REF").is_none());
    }
}
