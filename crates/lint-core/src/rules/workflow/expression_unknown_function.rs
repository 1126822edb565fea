use crate::kinds::workflow::sites;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::expr::ExprKind;

crate::declare_rule! {
    /// ## What it does
    /// Finds a call in a `${{ }}` expression or an `if:` condition to a function GitHub does not
    /// have, or with a number of arguments it does not take, with the nearest function name
    /// when one is close. It also checks that a literal `format()` string refers to no more
    /// arguments than follow it, and that its braces are balanced.
    ///
    /// The functions are `contains`, `startsWith`, `endsWith`, `format`, `join`, `toJSON`,
    /// `fromJSON`, `hashFiles`, `case`, and the status functions `success`, `always`,
    /// `cancelled` and `failure`; names ignore case (`fromJson` is `fromJSON`).
    ///
    /// ## Why is this bad?
    /// GitHub refuses a workflow that calls an unknown function or passes the wrong number of
    /// arguments ("Unrecognized function", "Too few parameters supplied") before any job runs.
    /// A `format()` string that names a missing argument fails the step that evaluates it.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     if: startswith(github.ref)
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     if: startsWith(github.ref, 'refs/tags/')
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## References
    /// - [GitHub: expression functions](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#functions)
    /// - [actionlint: contexts and built-in functions](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-contexts-and-builtin-func)
    pub static RULE = {
        code: "GA015",
        name: "expression-unknown-function",
        severity: Error,
        aliases: ["expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Every function, with its fewest and most arguments.
const FUNCTIONS: [(&str, usize, usize); 13] = [
    ("contains", 2, 2),
    ("startsWith", 2, 2),
    ("endsWith", 2, 2),
    ("format", 1, usize::MAX),
    ("join", 1, 2),
    ("toJSON", 1, 1),
    ("fromJSON", 1, 1),
    ("hashFiles", 1, usize::MAX),
    ("case", 3, usize::MAX),
    ("success", 0, 0),
    ("always", 0, 0),
    ("cancelled", 0, 0),
    ("failure", 0, 0),
];

fn arguments(n: usize) -> String {
    match n {
        1 => "1 argument".to_string(),
        n => format!("{n} arguments"),
    }
}

/// What is wrong with a `format()` string: a `{N}` past the arguments, or a lone brace.
fn format_problem(template: &str, args: usize) -> Option<String> {
    let b = template.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if b.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits == 0 || b.get(i + 1 + digits) != Some(&b'}') {
                    return Some(
                        "has a `{` that opens no `{N}` placeholder (write `{{` for a brace)"
                            .to_string(),
                    );
                }
                let n: usize = template[i + 1..i + 1 + digits]
                    .parse()
                    .unwrap_or(usize::MAX);
                if n >= args {
                    let follow = match args {
                        0 => "no arguments follow".to_string(),
                        1 => "only 1 argument follows".to_string(),
                        a => format!("only {a} arguments follow"),
                    };
                    return Some(format!("refers to `{{{n}}}` but {follow} it"));
                }
                i += digits + 2;
            }
            b'}' => {
                return Some(
                    "has a `}` that closes no placeholder (write `}}` for a brace)".to_string(),
                );
            }
            _ => i += 1,
        }
    }
    None
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    let names: Vec<&str> = FUNCTIONS.iter().map(|f| f.0).collect();
    for site in sites(input.text, root, input.jobs) {
        let e = &site.expression;
        let Ok(tree) = &e.tree else {
            continue;
        };
        for node in tree.walk() {
            let ExprKind::Call {
                name,
                name_span,
                args,
            } = &node.kind
            else {
                continue;
            };
            let Some(&(known, min, max)) =
                FUNCTIONS.iter().find(|f| f.0.eq_ignore_ascii_case(name))
            else {
                let d = cx.report(
                    e.source(*name_span),
                    format!("`{name}()` is not a function GitHub knows: it refuses the workflow"),
                );
                match crate::suggest::did_you_mean(name, &names) {
                    Some(near) => d.help(format!("did you mean `{near}()`?")),
                    None => d.help(format!("the functions are {}", names.join(", "))),
                };
                continue;
            };
            let given = args.len();
            let odd = known != "case" || given % 2 == 1;
            if given < min || given > max || !odd {
                let takes = if known == "case" {
                    "an odd number of arguments, at least 3 (pairs of condition and value, then a default)".to_string()
                } else if min == max {
                    arguments(min)
                } else if max == usize::MAX {
                    format!("at least {}", arguments(min))
                } else {
                    format!("{min} or {max} arguments")
                };
                cx.report(
                    e.source(node.span),
                    format!(
                        "`{known}()` takes {takes}, but is given {}: GitHub refuses the workflow",
                        given
                    ),
                )
                .help(format!("call `{known}()` with {takes}"));
                continue;
            }
            if known == "format"
                && let Some(ExprKind::String(template)) = args.first().map(|a| &a.kind)
                && let Some(problem) = format_problem(template, given - 1)
            {
                cx.report(
                    e.source(args[0].span),
                    format!("the `format()` string {problem}: the step fails when it is evaluated"),
                )
                .help("number the placeholders `{0}`, `{1}`... after the arguments that follow the string");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::format_problem;

    #[test]
    fn format_strings() {
        assert_eq!(format_problem("{0}-{1}", 2), None);
        assert_eq!(format_problem("{{0}} {0}", 1), None);
        assert!(format_problem("{0}-{1}", 1).unwrap().contains("`{1}`"));
        assert!(format_problem("{x}", 1).is_some());
        assert!(format_problem("a } b", 1).is_some());
    }
}
