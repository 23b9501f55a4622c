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

/// Checks that each normalized character maps to the original character it came from: the
/// same character, its width-folded form, its t2s conversion (phrases included, so a window
/// of neighbours is converted), a range dash, or a marked mojibake repair.
pub fn check_traceable(original: &str, n: &gongfu::normalize::Normalized) -> Result<(), String> {
    let rules = &ws().rules.normalize;
    let original: Vec<char> = original.chars().collect();
    let origins = &n.text.origins();
    for (i, (c, &o)) in n.text.as_str().chars().zip(origins).enumerate() {
        let src = original[o as usize];
        if c == src || c == '\u{FFFD}' || c == '\n' {
            continue;
        }
        let folded = rules.fold_width(src);
        let window: String = origins[i.saturating_sub(3)..(i + 4).min(origins.len())]
            .iter()
            .map(|&k| original[k as usize])
            .collect();
        let converted = gongfu::normalize::script::t2s().convert(&window);
        let ok = folded.is_some_and(|f| f.contains(c))
            || converted.contains(c)
            || (c == '-' && "—–－~～".contains(src))
            || n.report
                .unreadable
                .iter()
                .any(|u| u.repaired.is_some() && n.index.position(o) == u.start);
        if !ok {
            return Err(format!("{c:?} maps to {src:?} at {}", n.index.position(o)));
        }
    }
    Ok(())
}

/// The keys of a JSON object, sorted (to assert a report's exact field set).
pub fn sorted_keys(v: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}
