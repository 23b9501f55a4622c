//! Helpers shared by the integration tests.
#![allow(dead_code)]

use gongfu::workspace::{Doc, Workspace};
use std::sync::OnceLock;

/// The bundled workspace, opened once.
pub fn ws() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| Workspace::open(None, None).expect("bundled corpus and rules load"))
}

/// A bundled region's document, normalized.
pub fn doc(region: &str) -> Doc {
    ws().resolve(region).expect("region resolves")
}

/// The normalized line that starts with `prefix`.
pub fn line_starting(doc: &Doc, prefix: &str) -> String {
    doc.normalized
        .text
        .as_str()
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no normalized line starts with {prefix:?}"))
        .to_string()
}
