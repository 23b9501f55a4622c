//! Extraction: quantities (numbers, units, comparators) and the targets they form, with the
//! indicator lexicon. Rules: `rules/numbers.yaml`, `units.yaml`, `comparators.yaml`,
//! `targets.yaml`, `indicators.yaml`.

pub mod lexicon;
pub mod quantity;
pub mod targets;

pub use lexicon::{Lexicon, Polarity};
pub use quantity::{Comparator, Quantity, QuantityRules};
pub use targets::{Extractor, Kind, Target, TargetRules};
