//! The corpus: the manifest of regions and documents, validated, and where their bytes come
//! from (the bundled copy embedded in the binary, or a user's directory).

use crate::error::{Error, Result, locate};
use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// Name of the manifest file inside a corpus directory.
pub const MANIFEST: &str = "manifest.yaml";

/// The level of government a region belongs to, from the top down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// 省: a province.
    Province,
    /// 市: a prefecture-level city.
    City,
    /// 区: an urban district.
    District,
    /// 县/县级市: a county or county-level city.
    County,
}

impl Tier {
    /// The lowercase name used in the manifest and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Province => "province",
            Tier::City => "city",
            Tier::District => "district",
            Tier::County => "county",
        }
    }
}

/// A government in the hierarchy, with or without a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Short ASCII id used on the command line (`fenghua`).
    pub id: String,
    /// Chinese name (`奉化区`).
    pub name: String,
    /// Tier of government.
    pub tier: Tier,
    /// Id of the region directly above, if any.
    #[serde(default)]
    pub parent: Option<String>,
    /// Free-text remarks.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A plan text belonging to a region.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Id of the region that issued the plan.
    pub region: String,
    /// Path of the text, relative to the corpus directory.
    pub file: String,
    /// Title of the plan.
    pub title: String,
    /// Who issued it.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    #[serde(default)]
    pub published: Option<String>,
    /// Plan period, e.g. `2021-2025` or `2024`.
    #[serde(default)]
    pub period: Option<String>,
    /// The year a target without a stated year is for.
    pub target_year: u16,
    /// Free-text remarks (what is missing, known quirks).
    #[serde(default)]
    pub notes: Option<String>,
}

/// The parsed and validated manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Every region in the hierarchy.
    pub regions: Vec<Region>,
    /// Every document in the corpus.
    #[serde(default)]
    pub documents: Vec<Document>,
}

/// Where corpus files are read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The copy compiled into the binary.
    Bundled,
    /// A directory on disk.
    Dir(PathBuf),
}

/// A validated corpus: its manifest and where to read its files.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Where files come from.
    pub source: Source,
    /// The validated manifest.
    pub manifest: Manifest,
}

impl Corpus {
    /// The corpus bundled with gongfu.
    pub fn bundled() -> Result<Corpus> {
        let text = BUNDLED
            .get_file(MANIFEST)
            .and_then(|f| f.contents_utf8())
            .expect("the bundled corpus has a UTF-8 manifest");
        Corpus::from_manifest_text(Source::Bundled, "corpus/manifest.yaml", text)
    }

    /// A user's corpus directory containing `manifest.yaml`.
    pub fn open(dir: &Path) -> Result<Corpus> {
        let path = dir.join(MANIFEST);
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let shown = path.display().to_string();
        let text = String::from_utf8(bytes).map_err(|e| Error::Manifest {
            path: shown.clone(),
            line: 1,
            column: 1,
            message: format!(
                "not UTF-8 (byte {}); save the manifest as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        })?;
        Corpus::from_manifest_text(Source::Dir(dir.to_path_buf()), &shown, &text)
    }

    /// Parses and validates a manifest; files must exist in `source`.
    pub fn from_manifest_text(source: Source, shown: &str, text: &str) -> Result<Corpus> {
        let manifest: Manifest = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            Error::Manifest {
                path: shown.to_string(),
                line,
                column,
                message: e.to_string(),
            }
        })?;
        let corpus = Corpus { source, manifest };
        corpus.validate(shown, text)?;
        Ok(corpus)
    }

    fn validate(&self, shown: &str, text: &str) -> Result<()> {
        let err = |needle: &str, nth: usize, message: String| {
            let (line, column) = locate(text, needle, nth);
            Error::Manifest {
                path: shown.to_string(),
                line,
                column,
                message,
            }
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for r in &self.manifest.regions {
            let n = seen.entry(&r.id).or_insert(0);
            *n += 1;
            if *n > 1 {
                return Err(err(
                    &format!("id: {}", r.id),
                    *n - 1,
                    format!(
                        "duplicate region id `{}`; each region must be declared once",
                        r.id
                    ),
                ));
            }
            if r.id.is_empty()
                || !r
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(err(
                    &format!("id: {}", r.id),
                    0,
                    format!(
                        "region id `{}` must be ASCII letters, digits, `-` or `_`",
                        r.id
                    ),
                ));
            }
        }
        for r in &self.manifest.regions {
            if let Some(p) = &r.parent
                && !seen.contains_key(p.as_str())
            {
                return Err(err(
                    &format!("parent: {p}"),
                    0,
                    format!(
                        "region `{}` names unknown parent `{p}`; declare `{p}` under regions",
                        r.id
                    ),
                ));
            }
        }
        for r in &self.manifest.regions {
            let mut chain = vec![r.id.as_str()];
            let mut at = r;
            while let Some(p) = &at.parent {
                if chain.contains(&p.as_str()) {
                    chain.push(p);
                    return Err(err(
                        &format!("parent: {p}"),
                        0,
                        format!("the parent chain loops: {}", chain.join(" → ")),
                    ));
                }
                chain.push(p);
                at = self.region(p).expect("parents checked above");
            }
        }
        let mut files = HashSet::new();
        let mut doc_regions = HashSet::new();
        for d in &self.manifest.documents {
            let at = |m: String| err(&format!("file: {}", d.file), 0, m);
            if !seen.contains_key(d.region.as_str()) {
                return Err(err(
                    &format!("region: {}", d.region),
                    0,
                    format!("document names unknown region `{}`", d.region),
                ));
            }
            if !doc_regions.insert(d.region.as_str()) {
                return Err(at(format!(
                    "region `{}` has more than one document; gongfu compares one plan per region",
                    d.region
                )));
            }
            check_relative(&d.file).map_err(at)?;
            if !files.insert(d.file.as_str()) {
                return Err(at(format!("file `{}` is listed twice", d.file)));
            }
            if !self.has_file(&d.file) {
                return Err(at(format!(
                    "file `{}` does not exist in the corpus directory",
                    d.file
                )));
            }
        }
        Ok(())
    }

    fn has_file(&self, file: &str) -> bool {
        match &self.source {
            Source::Bundled => BUNDLED.get_file(file).is_some(),
            Source::Dir(dir) => dir.join(file).is_file(),
        }
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.manifest.regions.iter().find(|r| r.id == id)
    }

    /// The document of this region, if it has one.
    pub fn document(&self, region: &str) -> Option<&Document> {
        self.manifest.documents.iter().find(|d| d.region == region)
    }

    /// The chain of ancestors of a region, nearest first.
    pub fn ancestors(&self, id: &str) -> Vec<&Region> {
        let mut out = Vec::new();
        let mut at = self.region(id);
        while let Some(r) = at
            .and_then(|r| r.parent.as_deref())
            .and_then(|p| self.region(p))
        {
            out.push(r);
            at = Some(r);
        }
        out
    }

    /// Children of each region id (roots under the empty string), in manifest order.
    pub fn children(&self) -> BTreeMap<String, Vec<&Region>> {
        let mut map: BTreeMap<String, Vec<&Region>> = BTreeMap::new();
        for r in &self.manifest.regions {
            map.entry(r.parent.clone().unwrap_or_default())
                .or_default()
                .push(r);
        }
        map
    }

    /// How a document's file is named in reports (`corpus/fenghua.txt` for the bundled corpus).
    pub fn display_path(&self, file: &str) -> String {
        match &self.source {
            Source::Bundled => format!("corpus/{file}"),
            Source::Dir(dir) => dir.join(file).display().to_string(),
        }
    }

    /// Reads a document's bytes.
    pub fn read(&self, file: &str) -> Result<Vec<u8>> {
        match &self.source {
            Source::Bundled => Ok(BUNDLED
                .get_file(file)
                .map(|f| f.contents().to_vec())
                .expect("bundled files are checked at load")),
            Source::Dir(dir) => {
                let path = dir.join(file);
                std::fs::read(&path).map_err(|source| Error::Io { path, source })
            }
        }
    }
}

/// A document path must be relative and stay inside the corpus directory.
fn check_relative(file: &str) -> std::result::Result<(), String> {
    let path = Path::new(file);
    if path.is_absolute() || file.starts_with('/') || file.starts_with('\\') {
        return Err(format!(
            "file `{file}` is absolute; give a path relative to the corpus directory"
        ));
    }
    if path
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return Err(format!(
            "file `{file}` escapes the corpus directory (`..`); keep documents inside it"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Corpus> {
        Corpus::from_manifest_text(Source::Bundled, "m.yaml", text)
    }

    #[test]
    fn bundled_manifest_is_valid() {
        let c = Corpus::bundled().unwrap();
        assert_eq!(c.manifest.documents.len(), 5);
        let chain: Vec<_> = c
            .ancestors("linhai")
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(chain, ["taizhou", "zhejiang"]);
        assert!(c.document("taizhou").is_none());
        assert_eq!(c.document("zhoushan").unwrap().target_year, 2024);
    }

    #[test]
    fn duplicate_id_names_its_line() {
        let e = parse("regions:\n  - id: a\n    name: A\n    tier: city\n  - id: a\n    name: B\n    tier: city\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "m.yaml:5:5: manifest error: duplicate region id `a`; each region must be declared once"
        );
    }

    #[test]
    fn cycle_is_reported() {
        let e = parse("regions:\n  - id: a\n    name: A\n    tier: city\n    parent: b\n  - id: b\n    name: B\n    tier: city\n    parent: a\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("loops: a → b → a"), "{e}");
        assert!(e.starts_with("m.yaml:9:5:"), "{e}");
    }

    #[test]
    fn escaping_and_absolute_paths_are_refused() {
        let base = "regions:\n  - id: a\n    name: A\n    tier: city\ndocuments:\n  - region: a\n    target_year: 2025\n    title: T\n    file: ";
        let e = parse(&format!("{base}../x.txt\n")).unwrap_err().to_string();
        assert!(e.starts_with("m.yaml:9:5:") && e.contains("escapes"), "{e}");
        let e = parse(&format!("{base}/etc/passwd\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("absolute"), "{e}");
        let e = parse(&format!("{base}missing.txt\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not exist"), "{e}");
    }

    #[test]
    fn malformed_yaml_has_position() {
        let e = parse("regions:\n  - id: a\n    name: [A\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("m.yaml:4:1:") || e.starts_with("m.yaml:3:"),
            "{e}"
        );
    }
}
