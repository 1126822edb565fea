//! Shared helpers for integration tests.

use std::path::PathBuf;

/// `../shared` next to the checkout (or `$RLINT_SHARED`). Tests that need it skip with a note
/// when it is absent, so a fresh clone still passes.
#[allow(dead_code)]
pub fn shared(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("RLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let path = base.join(sub);
    if path.exists() {
        Some(path)
    } else if std::env::var_os("RLINT_REQUIRE_SHARED").is_some() {
        panic!(
            "{} not found, and RLINT_REQUIRE_SHARED is set (CI)",
            path.display()
        );
    } else {
        eprintln!(
            "note: {} not found; skipping (set RLINT_SHARED to run it)",
            path.display()
        );
        None
    }
}
