//! The checks BuildKit makes when it turns the AST into instructions (`instructions.Parse`):
//! unknown instructions, argument counts, unknown or malformed flags, FROM/HEALTHCHECK/ONBUILD
//! shapes. Each problem is a [`SyntaxError`] on the exact word.

use super::ast::{Dockerfile, Instruction, Keyword, SyntaxError, SyntaxFix};
use crate::diagnostic::Span;
use crate::suggest::did_you_mean;

pub fn validate(df: &Dockerfile) -> Vec<SyntaxError> {
    let mut out = Vec::new();
    for ins in &df.instructions {
        check(ins, false, &mut out);
    }
    out
}

/// The trigger of an `ONBUILD ONBUILD`, `ONBUILD FROM` or `ONBUILD MAINTAINER`: BuildKit refuses
/// the file there. Reported by its own rule (DF101, hadolint's DL3043) rather than as a syntax
/// error, so it can be named and ignored like hadolint's.
pub fn refused_trigger(ins: &Instruction) -> Option<&Instruction> {
    if ins.keyword != Keyword::Onbuild {
        return None;
    }
    ins.onbuild().filter(|t| {
        matches!(
            t.keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        )
    })
}

fn err(out: &mut Vec<SyntaxError>, span: Span, message: String, help: Option<String>) {
    out.push(SyntaxError {
        message,
        span,
        help,
        fix: None,
    });
}

struct FlagSpec {
    name: &'static str,
    boolean: bool,
    repeatable: bool,
}

const fn f(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        boolean: false,
        repeatable: false,
    }
}
const fn b(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        boolean: true,
        repeatable: false,
    }
}
const fn many(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        boolean: false,
        repeatable: true,
    }
}

fn flags_of(keyword: Keyword) -> &'static [FlagSpec] {
    const FROM: &[FlagSpec] = &[f("platform")];
    const RUN: &[FlagSpec] = &[many("mount"), f("network"), f("security"), many("device")];
    const COPY: &[FlagSpec] = &[
        f("from"),
        f("chown"),
        f("chmod"),
        b("link"),
        b("parents"),
        many("exclude"),
    ];
    const ADD: &[FlagSpec] = &[
        f("chown"),
        f("chmod"),
        b("link"),
        b("keep-git-dir"),
        f("checksum"),
        b("unpack"),
        many("exclude"),
    ];
    const HEALTHCHECK: &[FlagSpec] = &[
        f("interval"),
        f("timeout"),
        f("start-period"),
        f("start-interval"),
        f("retries"),
    ];
    match keyword {
        Keyword::From => FROM,
        Keyword::Run => RUN,
        Keyword::Copy => COPY,
        Keyword::Add => ADD,
        Keyword::Healthcheck => HEALTHCHECK,
        _ => &[],
    }
}

fn upper(k: Keyword) -> String {
    k.as_str().to_ascii_uppercase()
}

fn check(ins: &Instruction, in_onbuild: bool, out: &mut Vec<SyntaxError>) {
    let name = upper(ins.keyword);
    let head = ins.keyword_word.span;
    if ins.keyword == Keyword::Unknown && ins.keyword_word.value.starts_with("//") {
        let written = &ins.keyword_word.value;
        let slashes = written.len() - written.trim_start_matches('/').len();
        // On one line only: a `// ... \` line continues, and a comment would not.
        let one_line = ins.end_line == ins.line;
        out.push(SyntaxError {
            message:
                "`//` does not start a comment in a Dockerfile: the line is read as an instruction"
                    .into(),
            span: head,
            help: Some("write comments with `#` at the start of the line".into()),
            fix: one_line
                .then(|| SyntaxFix::SlashComment(Span::new(head.start, head.start + slashes))),
        });
        return;
    }
    if ins.keyword == Keyword::Unknown {
        let written = &ins.keyword_word.value;
        let names: Vec<&str> = Keyword::KNOWN.iter().map(|(n, _)| *n).collect();
        let suggestion = did_you_mean(&written.to_ascii_lowercase(), &names);
        let message = if written.chars().all(|c| c.is_ascii_punctuation()) {
            format!("`{written}` is not a Dockerfile instruction")
        } else {
            format!("unknown instruction: {written}")
        };
        let help = match suggestion {
            Some(s) => format!("did you mean `{}`?", s.to_ascii_uppercase()),
            None => "every line must start with an instruction (FROM, RUN, COPY, ...), a comment (#) or continue the previous line with `\\`".to_string(),
        };
        out.push(SyntaxError {
            message,
            span: head,
            help: Some(help),
            fix: suggestion.map(|s| SyntaxFix::Guess(head, s.to_string())),
        });
        return;
    }
    check_flags(ins, out);
    let args = &ins.args;
    let at_least_one = |out: &mut Vec<SyntaxError>| {
        err(
            out,
            ins.span,
            format!("{name} requires at least one argument"),
            None,
        );
    };
    match ins.keyword {
        Keyword::From => match &**args {
            [_] => {}
            [_, kw, stage] if kw.value.eq_ignore_ascii_case("as") => {
                let lower = stage.value.to_ascii_lowercase();
                let mut chars = lower.chars();
                let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                    && chars
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
                if !valid {
                    err(
                        out,
                        stage.span,
                        format!(
                            "invalid name for build stage: {:?}, name can't start with a number or contain symbols",
                            stage.value
                        ),
                        None,
                    );
                }
            }
            [] => at_least_one(out),
            [_, second, ..] => {
                let extra = Span::new(
                    second.span.start,
                    args.last().map_or(second.span.end, |a| a.span.end),
                );
                let comment = args
                    .iter()
                    .position(|a| a.value.starts_with('#') || a.value == "//");
                let (message, help) = match comment {
                    Some(i) => (
                        format!(
                            "`{}` is not a comment: Docker reads it as more FROM arguments, and FROM takes `image [AS name]` only",
                            args[i..].iter().map(|a| a.value.as_str()).collect::<Vec<_>>().join(" ")
                        ),
                        "move the comment to its own line above FROM, starting with `#`",
                    ),
                    None => (
                        "FROM requires either one or three arguments (`FROM image` or `FROM image AS name`)".to_string(),
                        "remove the extra words; a comment must be on its own line starting with `#`",
                    ),
                };
                let span = comment.map_or(extra, |i| Span::new(args[i].span.start, extra.end));
                out.push(SyntaxError {
                    message,
                    span,
                    help: Some(help.to_string()),
                    fix: comment.map(|_| SyntaxFix::CommentAbove(ins.span.start)),
                });
            }
        },
        Keyword::Run => {
            if args.is_empty() && ins.heredocs().is_empty() {
                at_least_one(out);
            }
        }
        Keyword::Copy | Keyword::Add => {
            if args.len() < 2 {
                err(
                    out,
                    ins.span,
                    format!(
                        "{name} requires at least two arguments, but only {} provided",
                        args.len()
                    ),
                    Some(format!("write `{name} <source>... <destination>`")),
                );
            }
        }
        Keyword::Env | Keyword::Label => {
            if ins.pairs().is_empty() && ins.rest().value.is_empty() {
                at_least_one(out);
            }
        }
        Keyword::Arg | Keyword::Expose | Keyword::Volume => {
            if args.is_empty() {
                at_least_one(out);
            }
        }
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            if args.is_empty() {
                err(
                    out,
                    ins.span,
                    format!("{name} requires exactly one argument"),
                    None,
                );
            }
        }
        Keyword::Shell => {
            if !ins.json {
                err(
                    out,
                    ins.rest().span,
                    "SHELL requires the arguments to be in JSON form".to_string(),
                    Some("write `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`".to_string()),
                );
            } else if args.is_empty() {
                at_least_one(out);
            }
        }
        Keyword::Healthcheck => check_healthcheck(ins, out),
        Keyword::Onbuild => match ins.onbuild() {
            None => at_least_one(out),
            // A refused trigger is DF101's finding (see `refused_trigger`).
            Some(sub) => {
                if !in_onbuild && refused_trigger(ins).is_none() {
                    check(sub, true, out);
                }
            }
        },
        Keyword::Cmd | Keyword::Entrypoint | Keyword::Unknown => {}
    }
}

fn check_flags(ins: &Instruction, out: &mut Vec<SyntaxError>) {
    let specs = flags_of(ins.keyword);
    let mut seen: Vec<&str> = Vec::new();
    for flag in &ins.flags {
        let name = flag.name();
        let Some(spec) = specs.iter().find(|s| s.name == name) else {
            let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
            let suggestion = did_you_mean(name, &names);
            // The name as written (`--form=x`: the `form`), when the flag has no quotes.
            let dashes = flag.text.len() - flag.text.trim_start_matches('-').len();
            let name_span = Span::new(
                flag.span.start + dashes,
                flag.span.start + dashes + name.len(),
            );
            let fix = suggestion
                .filter(|_| flag.span.len() == flag.text.len())
                .map(|s| SyntaxFix::Guess(name_span, s.to_string()));
            let help = suggestion
                .map(|s| format!("did you mean `--{s}`?"))
                .or_else(|| {
                    (!names.is_empty()).then(|| {
                        format!(
                            "{} accepts {}",
                            upper(ins.keyword),
                            names
                                .iter()
                                .map(|n| format!("--{n}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                });
            out.push(SyntaxError {
                message: format!("unknown flag: {name}"),
                span: flag.span,
                help,
                fix,
            });
            continue;
        };
        if seen.contains(&name) && !spec.repeatable {
            err(
                out,
                flag.span,
                format!("duplicate flag specified: {name}"),
                None,
            );
        }
        seen.push(spec.name);
        match (spec.boolean, flag.value()) {
            (true, Some(v))
                if !matches!(
                    v.to_ascii_lowercase().as_str(),
                    "true" | "false" | "1" | "0" | "t" | "f"
                ) =>
            {
                err(
                    out,
                    flag.span,
                    format!("expecting boolean value for flag {name}, not: {v}"),
                    None,
                );
            }
            (false, None) => {
                err(
                    out,
                    flag.span,
                    format!("missing a value on flag: {name}"),
                    None,
                );
            }
            _ => {}
        }
    }
}

fn check_healthcheck(ins: &Instruction, out: &mut Vec<SyntaxError>) {
    let Some(kind) = ins.args.first() else {
        err(
            out,
            ins.span,
            "HEALTHCHECK requires an argument (CMD or NONE)".to_string(),
            None,
        );
        return;
    };
    match kind.value.to_ascii_uppercase().as_str() {
        "NONE" => {
            if ins.args.len() > 1 || !ins.flags.is_empty() {
                err(
                    out,
                    ins.span,
                    "HEALTHCHECK NONE takes no arguments".to_string(),
                    None,
                );
            }
        }
        "CMD" => {
            if ins.args.len() < 2 {
                err(
                    out,
                    ins.span,
                    "HEALTHCHECK CMD requires a command".to_string(),
                    None,
                );
            }
            for flag in &ins.flags {
                let Some(value) = flag.value() else { continue };
                let ok = if flag.name() == "retries" {
                    value.parse::<i64>().is_ok()
                } else {
                    parse_duration(value).is_some()
                };
                if !ok {
                    err(
                        out,
                        flag.span,
                        format!("invalid value for --{}: {value:?}", flag.name()),
                        None,
                    );
                }
            }
        }
        other => err(
            out,
            kind.span,
            format!("unknown type {other} in HEALTHCHECK (try CMD)"),
            None,
        ),
    }
}

/// Go's `time.ParseDuration` subset Docker accepts: `1h2m3.5s`, `300ms`, `0`.
pub fn parse_duration(s: &str) -> Option<f64> {
    if s == "0" {
        return Some(0.0);
    }
    let mut rest = s;
    let mut total = 0.0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += number * factor;
        rest = &rest[unit_len..];
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dockerfile::parse;

    fn messages(text: &str) -> Vec<String> {
        validate(&parse(text))
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn reports_build_time_errors() {
        assert_eq!(
            messages("FROM a # comment\n"),
            [
                "`# comment` is not a comment: Docker reads it as more FROM arguments, and FROM takes `image [AS name]` only"
            ]
        );
        assert_eq!(
            messages("FROM a b\n"),
            ["FROM requires either one or three arguments (`FROM image` or `FROM image AS name`)"]
        );
        assert_eq!(
            messages("FROM a\nCOPPY x y\n"),
            ["unknown instruction: COPPY"]
        );
        assert_eq!(
            messages("FROM a\n...\n"),
            ["`...` is not a Dockerfile instruction"]
        );
        assert_eq!(
            messages("FROM a\nCOPY --user=me a b\n"),
            ["unknown flag: user"]
        );
        assert_eq!(
            messages("FROM a\nCOPY --link=maybe a b\n"),
            ["expecting boolean value for flag link, not: maybe"]
        );
        assert_eq!(
            messages("FROM a\nHEALTHCHECK CONNECT TCP 7000\n"),
            ["unknown type CONNECT in HEALTHCHECK (try CMD)"]
        );
        // DF101's finding, not a syntax error of its own.
        assert!(messages("FROM a\nONBUILD FROM b\n").is_empty());
        assert_eq!(messages("FROM a AS 1x\n").len(), 1);
        assert!(messages("FROM a AS b\nRUN --mount=type=cache,target=/x --network=none x\nCOPY --from=b --chmod=755 --link a b\nHEALTHCHECK --interval=1m30s CMD x\n").is_empty());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1m30s"), Some(90.0));
        assert_eq!(parse_duration("300ms"), Some(0.3));
        assert_eq!(parse_duration("5"), None);
    }
}
