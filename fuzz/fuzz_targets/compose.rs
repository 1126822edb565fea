//! Any bytes through the whole Compose pipeline: decoding, the YAML layer (aliases, merges,
//! duplicate keys), interpolation, the schema, every rule (all of them, off-by-default ones too),
//! fixes and the JSON renderer. Nothing may panic, and every span must lie on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lint_core::{Config, FileKind, lint_bytes};

fuzz_target!(|data: &[u8]| {
    let mut config = Config::default();
    config.select = vec!["all".into()];
    let report = lint_bytes("compose.yaml", data, Some(FileKind::Compose), &config);
    if let Ok(text) = std::str::from_utf8(data) {
        for d in &report.diagnostics {
            let span = d.diagnostic.span;
            assert!(span.start <= span.end && span.end <= text.len(), "span out of bounds: {span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        if text.len() < 2048 {
            let _ = lint_core::fix::fix_text("compose.yaml", text, Some(FileKind::Compose), &config, true);
        }
    }
    let _ = lint_core::render::json::render(std::slice::from_ref(&report));
});
