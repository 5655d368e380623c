//! The sidecar metadata file (`--meta FILE`): a TSV with a header line naming
//! `path` (or `doc`), `published`, and optionally `url`, `title`, `outlet`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::{ErrorKind, ReadError, dates};

/// One row of a sidecar file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SidecarRow {
    /// The publication date, normalised.
    pub published: Option<String>,
    /// The address.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
}

/// The rows of one or more sidecar files, found by document path.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    by_path: HashMap<PathBuf, SidecarRow>,
    by_name: HashMap<String, SidecarRow>,
}

impl Sidecar {
    /// Reads a sidecar file. Paths in it are relative to its folder, or absolute.
    pub fn load(path: &Path) -> Result<Sidecar, ReadError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ReadError::new(shown.clone(), e))?;
        Sidecar::parse(&text, path.parent().unwrap_or(Path::new(".")), &shown)
    }

    /// Reads sidecar rows from `text`, with relative paths under `dir`.
    pub fn parse(text: &str, dir: &Path, shown: &str) -> Result<Sidecar, ReadError> {
        let err =
            |line: u64, message: String| ReadError::new(shown, ErrorKind::Meta { line, message });
        let mut lines = text.lines().enumerate();
        let Some((_, header)) = lines.next() else {
            return Err(err(1, "empty metadata file; expected a header line".into()));
        };
        let cols: Vec<String> = header
            .trim_start_matches('\u{feff}')
            .split('\t')
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        let col = |name: &str| cols.iter().position(|c| c == name);
        let Some(path_col) = col("path").or_else(|| col("doc")) else {
            return Err(err(
                1,
                format!(
                    "no `path` or `doc` column in the header (found: {})",
                    cols.join(", ")
                ),
            ));
        };
        let (pub_col, url_col, title_col, outlet_col) = (
            col("published").or_else(|| col("date")),
            col("url"),
            col("title"),
            col("outlet"),
        );
        let mut sidecar = Sidecar::default();
        for (i, line) in lines {
            let number = i as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let get = |c: Option<usize>| {
                c.and_then(|c| fields.get(c))
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            let Some(doc) = get(Some(path_col)) else {
                return Err(err(number, "row without a path".into()));
            };
            let published = match get(pub_col) {
                Some(v) => Some(dates::normalize(&v).ok_or_else(|| {
                    err(
                        number,
                        format!("`{v}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
                    )
                })?),
                None => None,
            };
            let row = SidecarRow {
                published,
                url: get(url_col),
                title: get(title_col),
                outlet: get(outlet_col),
            };
            let full = dir.join(&doc);
            if let Ok(canon) = full.canonicalize() {
                sidecar.by_path.insert(canon, row.clone());
            }
            sidecar.by_path.insert(full, row.clone());
            sidecar.by_name.insert(doc, row);
        }
        Ok(sidecar)
    }

    /// Adds the rows of `other`.
    pub fn extend(&mut self, other: Sidecar) {
        self.by_path.extend(other.by_path);
        self.by_name.extend(other.by_name);
    }

    /// The row for a document, by its id (`path`, or `container#record`).
    pub fn lookup(&self, doc: &str) -> Option<&SidecarRow> {
        if self.by_name.is_empty() {
            return None;
        }
        if let Some(row) = self.by_name.get(doc) {
            return Some(row);
        }
        let path = Path::new(doc);
        if let Ok(canon) = path.canonicalize()
            && let Some(row) = self.by_path.get(&canon)
        {
            return Some(row);
        }
        self.by_path.get(path)
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_parses_and_finds_rows() {
        let s = Sidecar::parse(
            "path\tpublished\toutlet\na.txt\t2018-04-13\tDaily\nb.txt\t2019\t\n",
            Path::new("dir"),
            "m.tsv",
        )
        .unwrap();
        let a = s.lookup("dir/a.txt").unwrap();
        assert_eq!(a.published.as_deref(), Some("2018-04-13"));
        assert_eq!(a.outlet.as_deref(), Some("Daily"));
        assert_eq!(
            s.lookup("b.txt").unwrap().published.as_deref(),
            Some("2019")
        );
        assert!(s.lookup("c.txt").is_none());
    }

    #[test]
    fn sidecar_errors_name_line_and_reason() {
        let e = Sidecar::parse("file\tdate\n", Path::new("."), "m.tsv").unwrap_err();
        assert!(e.to_string().starts_with("m.tsv: line 1: no `path`"), "{e}");
        let e =
            Sidecar::parse("path\tpublished\na.txt\tsoon\n", Path::new("."), "m.tsv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.tsv: line 2: `soon` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        );
    }
}
