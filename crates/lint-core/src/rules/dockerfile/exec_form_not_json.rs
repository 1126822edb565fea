use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::words::parse_json_array;

crate::declare_rule! {
    /// ## What it does
    /// Finds arguments that look like exec form (`[...]`) but are not valid JSON: single quotes,
    /// a missing bracket or quote, a trailing comment.
    ///
    /// Only text shaped like a whole JSON array is reported: `[`, then quoted strings (or bare
    /// words, `CMD [npm, start]`) separated by commas, then `]` and nothing after it but a
    /// comment. A shell test that merely starts with
    /// `[` (`RUN [ "$(uname -m)" = x86_64 ] && ...`, `RUN [ -f x ] || ...`) is shell form by
    /// intent, and BuildKit runs it as such.
    ///
    /// ## Why is this bad?
    /// Docker does not report invalid JSON: it silently falls back to shell form. `CMD ['node',
    /// 'server.js']` runs `/bin/sh -c "['node', 'server.js']"`, which fails at container start with
    /// "not found"; `COPY ['a', 'b']` copies files named `['a',`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ['node', 'server.js']
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// When swapping single quotes for double quotes yields a valid JSON array, the fix does that;
    /// when every item is a bare word (`[npm, start]`), it quotes each.
    /// When the array is valid and only a comment follows it (`CMD ["node", "app.js"] # start`),
    /// the fix moves the comment to a `#` line of its own above the instruction. Both are unsafe
    /// only in that they change what runs — into what was evidently meant.
    ///
    /// ## References
    /// - [Dockerfile reference: exec form](https://docs.docker.com/reference/dockerfile/#exec-form)
    pub static RULE = {
        code: "DF015",
        name: "exec-form-not-json",
        severity: Error,
        aliases: ["DL3025"],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for outer in &input.df.instructions {
        let outer_start = outer.span.start;
        let ins = outer.effective();
        let json_capable = matches!(
            ins.keyword,
            Keyword::Cmd
                | Keyword::Entrypoint
                | Keyword::Run
                | Keyword::Shell
                | Keyword::Copy
                | Keyword::Add
                | Keyword::Volume
        );
        let text = &ins.rest().value;
        if !json_capable || ins.json {
            continue;
        }
        let Some(shape) = array_shape(text) else {
            continue;
        };
        let name = ins.keyword.as_str().to_ascii_uppercase();
        let swapped = text.replace('\'', "\"");
        let swapped_ok =
            text.contains('\'') && parse_json_array(&swapped, 0..swapped.len()).is_ok();
        // `[npm, start]`: every item a bare word; quoting each gives the array meant.
        let quoted_items = (!text.contains(['"', '\'', '\\']) && text.trim_end().ends_with(']'))
            .then(|| {
                let inner = &text.trim_end()[1..text.trim_end().len() - 1];
                let items: Vec<String> = inner
                    .split(',')
                    .map(|i| format!("\"{}\"", i.trim()))
                    .collect();
                format!("[{}]", items.join(", "))
            })
            .filter(|a| parse_json_array(a, 0..a.len()).is_ok());
        let bare_reason;
        let reason = if swapped_ok {
            "JSON strings need double quotes"
        } else if let Some(array) = &quoted_items {
            bare_reason = format!("its items need double quotes (`{array}`)");
            bare_reason.as_str()
        } else {
            match shape {
                Shape::TrailingText(_) => "there is text after the closing `]` (a comment?)",
                Shape::Unclosed => "the closing `]` is missing",
                Shape::UnclosedString => "a string's closing quote is missing",
                Shape::Closed => "it is not a valid JSON array of strings",
            }
        };
        let what = match ins.keyword {
            Keyword::Copy | Keyword::Add | Keyword::Volume => {
                "a whitespace-separated list of paths"
            }
            _ => "a shell command",
        };
        let d = cx.report(
            ins.rest().span,
            format!("{name} arguments look like exec form but {reason}: Docker silently treats them as {what}"),
        );
        d.help("write a JSON array with double-quoted strings, e.g. [\"executable\", \"arg\"]");
        if swapped_ok && ins.rest().span.len() == text.len() {
            d.fix(Fix::unsafe_(
                "use double quotes",
                vec![Edit::replace(ins.rest().span, swapped)],
            ));
        } else if let Some(array) = quoted_items
            && ins.rest().span.len() == text.len()
        {
            d.fix(Fix::unsafe_(
                "quote the items",
                vec![Edit::replace(ins.rest().span, array)],
            ));
        }
        if let Shape::TrailingText(at) = shape {
            let array = text[..at].trim_end();
            let moved = super::comment_after_instruction::move_comment_above(
                input.text,
                outer_start,
                ins.rest_span(at, text.len()),
                input.df.escape,
            );
            if let (Ok(_), Some(edits)) = (parse_json_array(array, 0..array.len()), moved) {
                d.fix(Fix::unsafe_(
                    "move the comment to its own line above the instruction",
                    edits,
                ));
            }
        }
    }
}

/// How a text that is not valid JSON still reads as an attempted exec-form array.
enum Shape {
    Closed,
    /// `]` followed by a comment, which starts at this offset.
    TrailingText(usize),
    Unclosed,
    UnclosedString,
}

/// Whether `text` is written as a JSON-style array of strings: `[`, items that are quoted strings
/// (or, once commas show it is a list, bare words), separated by commas, then `]`. Items
/// separated by spaces alone (`[ "$x" = y ]`), or shell text after the `]`, are a shell test.
fn array_shape(text: &str) -> Option<Shape> {
    let mut rest = text.strip_prefix('[')?;
    let (mut items, mut commas, mut quoted, mut bare) = (0, 0, 0, 0);
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            return (commas > 0 && bare == 0).then_some(Shape::Unclosed);
        };
        match first {
            ']' => {
                let after = rest[1..].trim();
                // Quoted strings, or (`CMD [npm, start]`) bare words with a comma between each.
                let listed = (quoted > 0 && (commas > 0 || items == 1) && commas + 1 >= items)
                    || (quoted == 0 && items >= 2 && commas + 1 == items);
                return match after {
                    _ if !listed || (bare > 0 && commas == 0) => None,
                    "" => Some(Shape::Closed),
                    _ if after.starts_with('#') => Some(Shape::TrailingText(
                        text.len() - rest[1..].trim_start().len(),
                    )),
                    _ => None,
                };
            }
            ',' => {
                commas += 1;
                rest = &rest[1..];
            }
            '"' | '\'' => {
                items += 1;
                quoted += 1;
                let Some(after) = skip_string(rest, first) else {
                    return (commas > 0).then_some(Shape::UnclosedString);
                };
                rest = after;
            }
            _ => {
                items += 1;
                bare += 1;
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == ',' || c == ']')
                    .unwrap_or(rest.len());
                rest = &rest[end..];
            }
        }
        if items > commas + 1 {
            return None;
        }
    }
}

/// The text after the quoted string that starts `text` with `quote`; None when it never closes.
fn skip_string(text: &str, quote: char) -> Option<&str> {
    let mut escaped = false;
    for (at, c) in text.char_indices().skip(1) {
        match c {
            '\\' if quote == '"' => escaped = !escaped,
            c if c == quote && !escaped => return Some(&text[at + 1..]),
            _ => escaped = false,
        }
    }
    None
}
