//! Any text through the YAML layer alone (events, anchors and aliases with their expansion
//! budget, merge keys, duplicate keys, the lenient re-scan go-yaml's leniencies need): what every
//! Compose and CI file goes through. Nothing may panic, and every problem's span must lie on char
//! boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = lint_core::syntax::yaml::parse(text);
    for problem in &file.problems {
        let span = problem.span;
        assert!(span.start <= span.end && span.end <= text.len(), "span out of bounds: {span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    let _ = file.has_syntax_error();
});
