//! A workspace: the corpus and the rules a command runs with, and how command-line arguments
//! (`fenghua`, `some/plan.txt`) become loaded, normalized documents.

use crate::check::CheckRules;
use crate::corpus::{Corpus, Document, Region};
use crate::error::{Error, Result};
use crate::extract::{Extractor, Lexicon, QuantityRules, TargetRules};
use crate::load::{self, Loaded};
use crate::normalize::{self, NormalizeRules, Normalized};
use crate::rules::RulesSource;
use crate::structure::{Measure, Source, StructureRules};
use rayon::prelude::*;
use std::path::Path;

/// Every compiled rule file.
#[derive(Debug, Clone)]
pub struct Rules {
    /// `normalize.yaml`.
    pub normalize: NormalizeRules,
    /// `structure.yaml`.
    pub structure: StructureRules,
    /// `numbers.yaml`, `units.yaml`, `comparators.yaml`.
    pub quantities: QuantityRules,
    /// `targets.yaml`.
    pub targets: TargetRules,
    /// `indicators.yaml`.
    pub lexicon: Lexicon,
    /// `checks.yaml`.
    pub checks: CheckRules,
}

impl Rules {
    /// An extractor over these rules.
    pub fn extractor(&self) -> Extractor<'_> {
        Extractor {
            quantities: &self.quantities,
            rules: &self.targets,
            lexicon: &self.lexicon,
        }
    }
}

impl Rules {
    /// Reads and compiles every rule file from `source`.
    pub fn load(source: &RulesSource) -> Result<Rules> {
        Ok(Rules {
            normalize: NormalizeRules::from_file(&source.read("normalize.yaml")?)?,
            structure: StructureRules::from_file(&source.read("structure.yaml")?)?,
            quantities: QuantityRules::from_files(
                &source.read("numbers.yaml")?,
                &source.read("units.yaml")?,
                &source.read("comparators.yaml")?,
            )?,
            targets: TargetRules::from_file(&source.read("targets.yaml")?)?,
            lexicon: Lexicon::from_file(&source.read("indicators.yaml")?)?,
            checks: CheckRules::from_file(&source.read("checks.yaml")?)?,
        })
    }
}

/// The corpus and rules a command runs with.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The corpus (bundled or `--corpus DIR`).
    pub corpus: Corpus,
    /// The rules (bundled or `--rules DIR`).
    pub rules: Rules,
    /// Where the rules came from (rule tests are read from there too).
    pub rules_source: RulesSource,
}

/// One document, loaded and normalized.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The region, when the document comes from the corpus.
    pub region: Option<Region>,
    /// The manifest entry, when the document comes from the corpus.
    pub meta: Option<Document>,
    /// The decoded original.
    pub loaded: Loaded,
    /// The normalized text and what normalization did.
    pub normalized: Normalized,
}

impl Doc {
    /// The region id, or the file name for a loose file.
    pub fn id(&self) -> String {
        match &self.region {
            Some(r) => r.id.clone(),
            None => Path::new(&self.loaded.path).file_stem().map_or_else(
                || self.loaded.path.clone(),
                |s| s.to_string_lossy().into_owned(),
            ),
        }
    }
}

impl Workspace {
    /// Opens the corpus and rules given on the command line (bundled when `None`).
    pub fn open(corpus: Option<&Path>, rules: Option<&Path>) -> Result<Workspace> {
        let corpus = match corpus {
            Some(dir) => {
                if !dir.is_dir() {
                    return Err(Error::Usage(format!(
                        "--corpus {}: not a directory; point it at a folder holding manifest.yaml and the plan texts",
                        dir.display()
                    )));
                }
                Corpus::open(dir)?
            }
            None => Corpus::bundled()?,
        };
        let source = match rules {
            Some(dir) => RulesSource::dir(dir)?,
            None => RulesSource::Bundled,
        };
        Ok(Workspace {
            corpus,
            rules: Rules::load(&source)?,
            rules_source: source,
        })
    }

    /// Loads the original text of a region's document.
    pub fn load_region(&self, region: &str) -> Result<(Region, Document, Loaded)> {
        let r = self
            .corpus
            .region(region)
            .ok_or_else(|| self.unknown(region))?;
        let d = self.corpus.document(region).ok_or_else(|| {
            Error::Usage(format!(
                "region `{region}` ({}) has no document in the corpus; `gongfu corpus` lists the regions that do",
                r.name
            ))
        })?;
        let shown = self.corpus.display_path(&d.file);
        let loaded = load::decode(&shown, &self.corpus.read(&d.file)?)?;
        Ok((r.clone(), d.clone(), loaded))
    }

    /// Resolves a command-line argument: a region id first, then a file path.
    pub fn resolve(&self, arg: &str) -> Result<Doc> {
        if self.corpus.region(arg).is_some() {
            let (region, meta, loaded) = self.load_region(arg)?;
            let normalized = normalize::normalize(&self.rules.normalize, &loaded.text);
            return Ok(Doc {
                region: Some(region),
                meta: Some(meta),
                loaded,
                normalized,
            });
        }
        let path = Path::new(arg);
        if path.exists() {
            if path.is_dir() {
                return Err(Error::Usage(format!(
                    "{arg}: is a directory; to use a corpus directory pass --corpus {arg}"
                )));
            }
            let bytes = std::fs::read(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            let loaded = load::decode(arg, &bytes)?;
            let normalized = normalize::normalize(&self.rules.normalize, &loaded.text);
            return Ok(Doc {
                region: None,
                meta: None,
                loaded,
                normalized,
            });
        }
        Err(self.unknown(arg))
    }

    /// A text given on the command line (or in a rule test) as a document of one measure
    /// named `name` that spans all of it.
    pub fn text_doc(&self, name: &str, text: &str) -> Result<(Doc, Measure)> {
        let loaded = load::decode(name, text.as_bytes())?;
        let normalized = normalize::normalize(&self.rules.normalize, &loaded.text);
        let lines = normalized.index.lines();
        let span = (0, normalized.text.as_str().len());
        let doc = Doc {
            region: None,
            meta: None,
            loaded,
            normalized,
        };
        let m = Measure {
            region: "text".into(),
            doc: name.into(),
            part: None,
            section: None,
            theme: None,
            measure: "text".into(),
            lead_units: Vec::new(),
            text: doc.normalized.text.as_str().to_string(),
            source: Source {
                file: name.into(),
                line_start: 1,
                line_end: lines,
            },
            span,
        };
        Ok((doc, m))
    }

    /// Every document of the corpus, normalized in parallel, in manifest order.
    pub fn all(&self) -> Result<Vec<Doc>> {
        self.corpus
            .manifest
            .documents
            .par_iter()
            .map(|d| self.resolve(&d.region))
            .collect()
    }

    fn unknown(&self, arg: &str) -> Error {
        let ids: Vec<&str> = self
            .corpus
            .manifest
            .documents
            .iter()
            .map(|d| d.region.as_str())
            .collect();
        Error::Usage(format!(
            "`{arg}` is neither a region of the corpus nor a file; regions with a document: {}",
            ids.join(", ")
        ))
    }
}
