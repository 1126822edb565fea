use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::{Instruction, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Finds instruction keywords in mixed case (`Run`) or in a case different from the file's
    /// majority (one `run` among `RUN`s).
    ///
    /// ## Why is this bad?
    /// Keywords are case-insensitive, but consistent casing is what readers scan for; BuildKit
    /// warns about it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// copy . /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// COPY . /app
    /// ```
    ///
    /// ## Fix safety
    /// Changing a keyword's case is safe.
    ///
    /// ## References
    /// - BuildKit ConsistentInstructionCasing
    pub static RULE = {
        code: "DF021",
        name: "inconsistent-instruction-casing",
        severity: Warning,
        aliases: ["ConsistentInstructionCasing"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn keywords(df: &[Instruction]) -> impl Iterator<Item = &Instruction> {
    df.iter()
        .flat_map(|i| std::iter::once(i).chain(i.onbuild()))
        .filter(|i| i.keyword != Keyword::Unknown)
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let (mut upper, mut lower) = (0, 0);
    for ins in keywords(&input.df.instructions) {
        let w = &ins.keyword_word.value;
        if w.chars().all(|c| c.is_ascii_uppercase()) {
            upper += 1;
        } else if w.chars().all(|c| c.is_ascii_lowercase()) {
            lower += 1;
        }
    }
    let upper_wins = upper >= lower;
    for ins in keywords(&input.df.instructions) {
        let w = &ins.keyword_word.value;
        let expected = if upper_wins {
            w.to_ascii_uppercase()
        } else {
            w.to_ascii_lowercase()
        };
        if *w == expected {
            continue;
        }
        let mixed = w != &w.to_ascii_uppercase() && w != &w.to_ascii_lowercase();
        let why = if mixed {
            "is in mixed case"
        } else if upper_wins {
            "is lowercase while the file uses uppercase"
        } else {
            "is uppercase while the file uses lowercase"
        };
        cx.report(ins.keyword_word.span, format!("instruction `{w}` {why}"))
            .help(format!("write `{expected}`"))
            .fix(Fix::safe(
                format!("write `{expected}`"),
                vec![Edit::replace(ins.keyword_word.span, expected.clone())],
            ));
    }
}
