//! Any bytes through the whole Dockerfile pipeline: decoding, parsing, every rule, fixes and the
//! JSON renderer. Nothing may panic, and every span must lie on char boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lint_core::{Config, FileKind, lint_bytes};

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let report = lint_bytes("Dockerfile", data, Some(FileKind::Dockerfile), &config);
    if let Ok(text) = std::str::from_utf8(data) {
        for d in &report.diagnostics {
            let span = d.diagnostic.span;
            assert!(span.start <= span.end && span.end <= text.len(), "span out of bounds: {span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        let _ = lint_core::syntax::dockerfile::dump(&lint_core::syntax::dockerfile::parse(text));
        // Fixing re-lints up to ten times; keep it to small inputs so the fuzzer stays fast.
        if text.len() < 2048 {
            let _ = lint_core::fix::fix_text("Dockerfile", text, Some(FileKind::Dockerfile), &config, true);
        }
    }
    let _ = lint_core::render::json::render(std::slice::from_ref(&report));
});
