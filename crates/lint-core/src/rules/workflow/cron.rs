use crate::diagnostic::Span;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::shell::{ScalarMap, SpanMap};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Checks the `cron:` entries of `on.schedule` against the cron syntax GitHub takes. That is
    /// five fields (minute, hour, day of month, month, day of week), each a `*`, a number, a range
    /// `a-b`, a step `*/n`, `a-b/n` or `a/n`, or a comma-separated list of those; months may be
    /// named `JAN`–`DEC` and weekdays `SUN`–`SAT`, in any case. It reports, at the exact field:
    /// a wrong number of fields (a seconds field copied from another scheduler), a value out of
    /// its field's range (`60` minutes, month `0`), a range running backwards, a step of `0`,
    /// characters cron does not have (`?`, `L`, `#`), and the `@daily`-style shortcuts, which
    /// GitHub does not support.
    ///
    /// A valid schedule asking for runs less than 5 minutes apart (`* * * * *`, `*/2 ...`) is a
    /// warning: GitHub accepts it but runs scheduled workflows at most every 5 minutes.
    ///
    /// A day of week of `7` (Sunday, in many crons) is accepted. Values starting with `$` are
    /// the placeholders of starter-workflow templates (`$cron-weekly`) and are not judged.
    ///
    /// ## Why is this bad?
    /// GitHub refuses a workflow whose schedule it cannot parse, so the scheduled job (a nightly
    /// build, a dependency audit, a cache warm-up) silently never runs.
    ///
    /// ## Example
    /// ```yaml
    /// on:
    ///   schedule:
    ///     - cron: "0 24 * * *"
    /// jobs:
    ///   nightly:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make nightly
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on:
    ///   schedule:
    ///     - cron: "0 0 * * *"
    /// jobs:
    ///   nightly:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make nightly
    /// ```
    ///
    /// ## References
    /// - [GitHub: Events that trigger workflows, `schedule`](https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule)
    /// - [POSIX crontab syntax](https://pubs.opengroup.org/onlinepubs/9699919799/utilities/crontab.html#tag_20_25_07)
    /// - [actionlint: events (cron)](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-cron-syntax-and-deprecated-events)
    pub static RULE = {
        code: "GA011",
        name: "workflow-cron-syntax",
        severity: Error,
        aliases: ["events"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// A field of a cron line: its name, its range, and the names it takes (the first name is
/// worth `offset`).
struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
    offset: u32,
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const FIELDS: [Field; 5] = [
    Field {
        name: "minute",
        min: 0,
        max: 59,
        names: &[],
        offset: 0,
    },
    Field {
        name: "hour",
        min: 0,
        max: 23,
        names: &[],
        offset: 0,
    },
    Field {
        name: "day-of-month",
        min: 1,
        max: 31,
        names: &[],
        offset: 0,
    },
    Field {
        name: "month",
        min: 1,
        max: 12,
        names: MONTHS,
        offset: 1,
    },
    Field {
        name: "day-of-week",
        min: 0,
        max: 7,
        names: DAYS,
        offset: 0,
    },
];

/// What GitHub's unsupported shortcuts stand for.
const SHORTCUTS: &[(&str, &str)] = &[
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

/// One problem in a cron line: where (offsets in the value), what, and what to do.
#[derive(Debug, PartialEq)]
struct Problem {
    start: usize,
    end: usize,
    message: String,
    help: Option<String>,
    /// A schedule GitHub accepts but does not keep (a warning, not an error).
    warning: bool,
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(schedule) = input
        .root
        .and_then(|r| r.get("on"))
        .and_then(|on| on.get("schedule"))
        .and_then(Node::as_seq)
    else {
        return;
    };
    for entry in schedule {
        let Some(node) = entry.get("cron") else {
            continue;
        };
        let Some(value) = node.as_str() else { continue };
        if value.trim_start().starts_with('$') || value.contains("${{") {
            continue;
        }
        let map = ScalarMap::new(input.text, node, value);
        for p in problems(value) {
            let span: Span = map.span(p.start, p.end);
            let d = cx.report(span, p.message);
            if let Some(help) = p.help {
                d.help(help);
            }
            if p.warning {
                d.at_most(crate::Severity::Warning);
            }
        }
    }
}

/// The problems of one cron line (empty when GitHub accepts it).
fn problems(value: &str) -> Vec<Problem> {
    let fields: Vec<(usize, &str)> = words(value);
    let whole = |message: String, help: Option<String>| {
        let start = value.len() - value.trim_start().len();
        vec![Problem {
            start,
            end: value.trim_end().len().max(start),
            message,
            help,
            warning: false,
        }]
    };
    if let Some((_, shortcut)) = fields.first().filter(|(_, w)| w.starts_with('@')) {
        let meant = SHORTCUTS
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(shortcut))
            .map(|(_, m)| format!("write it as five fields: `{m}`"));
        return whole(
            format!("GitHub's cron does not support shortcuts like `{shortcut}`"),
            meant.or_else(|| Some("write the schedule as five cron fields".into())),
        );
    }
    if fields.len() != 5 {
        let help = if fields.len() == 6 {
            "GitHub's cron has no seconds or year field: minute hour day-of-month month day-of-week"
        } else {
            "write five fields: minute hour day-of-month month day-of-week"
        };
        return whole(
            format!(
                "the cron expression `{}` has {} field{}, not 5",
                value.trim(),
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            ),
            Some(help.into()),
        );
    }
    let mut out = Vec::new();
    for ((at, text), field) in fields.iter().zip(FIELDS.iter()) {
        let mut from = *at;
        for item in text.split(',') {
            if let Some(p) = item_problem(item, from, field) {
                out.push(p);
            }
            from += item.len() + 1;
        }
    }
    if out.is_empty()
        && let Some(gap) = shortest_gap(fields[0].1)
        && gap < 5
    {
        let (at, text) = fields[0];
        out.push(Problem {
            start: at,
            end: at + text.len(),
            message: format!(
                "the schedule asks for runs {gap} minute{} apart: GitHub runs scheduled workflows at most every 5 minutes",
                if gap == 1 { "" } else { "s" }
            ),
            help: Some("schedule it every 5 minutes or more (`*/5`), or trigger the work another way".into()),
            warning: true,
        });
    }
    out
}

/// The shortest time between two runs a valid minute field asks for, in minutes (the hour
/// wraps round); `None` for a single minute an hour.
fn shortest_gap(field: &str) -> Option<u32> {
    let mut minutes = [false; 60];
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().ok()?.max(1)),
            None => (item, 1),
        };
        let (lo, hi) = match range {
            "*" => (0, 59),
            r => match r.split_once('-') {
                Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                None if item.contains('/') => (r.parse().ok()?, 59),
                None => {
                    let m: u32 = r.parse().ok()?;
                    (m, m)
                }
            },
        };
        let mut m = lo;
        while m <= hi.min(59) {
            minutes[m as usize] = true;
            m += step;
        }
    }
    let set: Vec<u32> = (0..60).filter(|&m| minutes[m as usize]).collect();
    if set.len() < 2 {
        return None;
    }
    let wrap = set[0] + 60 - set[set.len() - 1];
    set.windows(2).map(|w| w[1] - w[0]).chain([wrap]).min()
}

/// The whitespace-separated words of `value`, with their offsets.
fn words(value: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices() {
        match (c == ' ' || c == '\t', start) {
            (true, Some(s)) => {
                out.push((s, &value[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &value[s..]));
    }
    out
}

fn item_problem(item: &str, at: usize, field: &Field) -> Option<Problem> {
    let bad = |start: usize, len: usize, message: String, help: Option<String>| Problem {
        start,
        end: start + len,
        message,
        help,
        warning: false,
    };
    let range_words = || {
        if field.names.is_empty() {
            format!("{}-{}", field.min, field.max)
        } else {
            format!(
                "{}-{} or {}-{}",
                field.min,
                field.max,
                field.names[0].to_ascii_uppercase(),
                field.names[field.names.len() - 1].to_ascii_uppercase()
            )
        }
    };
    if item.is_empty() {
        return Some(bad(
            at,
            0,
            format!("the {} field has an empty list item", field.name),
            Some("remove the extra comma".into()),
        ));
    }
    let (base, step) = match item.split_once('/') {
        Some((b, s)) => (b, Some(s)),
        None => (item, None),
    };
    if let Some(step) = step {
        let step_at = at + base.len() + 1;
        match step.parse::<u32>() {
            Ok(0) => {
                return Some(bad(
                    step_at,
                    step.len(),
                    format!("a step of `0` in the {} field never advances", field.name),
                    Some("use a step of 1 or more".into()),
                ));
            }
            Ok(_) => {}
            Err(_) => {
                return Some(bad(
                    step_at,
                    step.len(),
                    format!(
                        "`{step}` is not a valid step in the {} field: a step is a whole number",
                        field.name
                    ),
                    None,
                ));
            }
        }
    }
    if base == "*" {
        return None;
    }
    let (low, high) = match base.split_once('-') {
        Some((l, h)) => (l, Some(h)),
        None => (base, None),
    };
    let value_of = |word: &str, offset: usize| -> Result<u32, Problem> {
        let number = word.parse::<u32>().ok().or_else(|| {
            field
                .names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(word))
                .map(|i| i as u32 + field.offset)
        });
        match number {
            Some(n) if (field.min..=field.max).contains(&n) => Ok(n),
            Some(_) if word.bytes().all(|b| b.is_ascii_digit()) => Err(bad(
                offset,
                word.len(),
                format!(
                    "`{word}` is out of range for the {} field ({})",
                    field.name,
                    range_words()
                ),
                None,
            )),
            _ => Err(bad(
                offset,
                word.len(),
                format!("`{word}` is not a valid value for the {} field", field.name),
                Some(format!("use {}", range_words())),
            )),
        }
    };
    let low_value = match value_of(low, at) {
        Ok(v) => v,
        Err(p) => return Some(p),
    };
    if let Some(high) = high {
        let high_at = at + low.len() + 1;
        let high_value = match value_of(high, high_at) {
            Ok(v) => v,
            Err(p) => return Some(p),
        };
        if high_value < low_value {
            let last = if field.names == DAYS { 6 } else { field.max };
            return Some(bad(
                at,
                base.len(),
                format!(
                    "the range `{base}` in the {} field runs backwards",
                    field.name
                ),
                Some(format!(
                    "write the smaller value first, or list both parts: `{low}-{},{}-{high}`",
                    bound(field, low, field.names.len().saturating_sub(1), last),
                    bound(field, high, 0, field.min)
                )),
            ));
        }
    }
    None
}

/// A field's bound, written as `like` is: a name for a name (`SAT` for `FRI-MON`), else a number
/// (the day of week wraps at 6, Saturday, not at its alias 7).
fn bound(field: &Field, like: &str, name: usize, number: u32) -> String {
    match field.names.get(name) {
        Some(n) if !like.bytes().all(|b| b.is_ascii_digit()) => n.to_ascii_uppercase(),
        _ => number.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_lines_are_silent() {
        for ok in [
            "*/5 * * * *",
            "0 0 1 */3 *",
            "1-50/7 9-17 * */3 6,0",
            "9  9 2/2 * *",
            "*/6 */3 * 1 WED",
            "0,30 * * JAN-JUN *",
            "0 14-23/2 * * mon-fri",
            "0 0 * * 7",
            " 0 0 * * * ",
        ] {
            assert_eq!(problems(ok), vec![], "{ok}");
        }
    }

    #[test]
    fn runs_closer_than_five_minutes_are_a_warning() {
        for (line, gap) in [("* * * * *", 1), ("*/2 * * * *", 2), ("0,58 * * * *", 2)] {
            let p = problems(line);
            assert!(p.len() == 1 && p[0].warning, "{line}: {p:?}");
            assert!(p[0].message.contains(&format!("{gap} minute")), "{line}");
        }
        assert_eq!(shortest_gap("*/5"), Some(5));
        assert_eq!(shortest_gap("7"), None);
    }

    #[test]
    fn problems_point_at_the_field() {
        let cases = [
            ("0 24 * * *", "24", "out of range"),
            ("60 * * * *", "60", "out of range"),
            ("* * 0 * *", "0", "out of range"),
            ("* * * 13 *", "13", "out of range"),
            ("* * * * MOND", "MOND", "not a valid value"),
            ("* * * MON *", "MON", "not a valid value"),
            ("*/0 * * * *", "0", "never advances"),
            ("* * * * 5-1", "5-1", "runs backwards"),
            ("0 0 ? * *", "?", "not a valid value"),
            ("0 0 1,,2 * *", "", "empty list item"),
            ("0 0 0 * * *", "0 0 0 * * *", "6 fields"),
            ("@daily", "@daily", "shortcuts"),
        ];
        for (line, at, words) in cases {
            let found = problems(line);
            assert_eq!(found.len(), 1, "{line}: {found:?}");
            assert_eq!(&line[found[0].start..found[0].end], at, "{line}");
            assert!(
                found[0].message.contains(words),
                "{line}: {}",
                found[0].message
            );
        }
    }
}
