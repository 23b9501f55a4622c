//! gongfu (共富): a command-line analyzer for Chinese policy plans across tiers of government.
//!
//! The pipeline runs one way: [`load`] (bytes → text) → [`normalize`] (script, width, pinyin,
//! debris, with provenance) → structure → extract → check/diff → report. Every rule about
//! Chinese text lives in `rules/*.yaml`; the bundled corpus and rules are compiled in.

#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod findings;
pub mod load;
pub mod normalize;
pub mod provenance;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod structure;
pub mod workspace;

pub use error::{Error, Result};
