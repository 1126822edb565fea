//! Any text through the Dockerfile parser alone (with the stage model and BuildKit's AST dump):
//! thousands of runs a second where the whole pipeline manages tens, so the parser sees millions
//! of inputs. Nothing may panic, and every instruction's span must lie on char boundaries inside
//! the text, in file order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lint_core::syntax::dockerfile::{Model, dump, parse};

fuzz_target!(|text: &str| {
    let df = parse(text);
    let mut previous = 0;
    for ins in &df.instructions {
        let span = ins.span;
        assert!(span.start <= span.end && span.end <= text.len(), "span out of bounds: {span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(span.start >= previous, "instructions out of order at {span:?}");
        previous = span.start;
        for word in ins.args.iter().chain(std::iter::once(ins.rest())) {
            assert!(word.span.start <= word.span.end && word.span.end <= text.len());
        }
    }
    let model = Model::new(&df);
    for stage in &model.stages {
        let _ = model.ancestry(stage.index);
        let _ = model.ships(stage.index);
    }
    let _ = dump(&df);
});
