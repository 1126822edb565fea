//! Any text through the shell layer (the POSIX parser, its fallback scanner, nested `sh -c` and
//! `$( )` scripts): what every RUN and CI `run:` step goes through. Nothing may panic, and every
//! command's span must lie on char boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lint_core::syntax::shell::{Contiguous, analyze};

fuzz_target!(|text: &str| {
    let script = analyze(text, &Contiguous(0));
    for command in &script.commands {
        let span = command.span;
        assert!(span.start <= span.end && span.end <= text.len(), "span out of bounds: {span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let _ = command.name();
    }
});
