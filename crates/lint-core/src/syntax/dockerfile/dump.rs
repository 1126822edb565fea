//! BuildKit's AST dump (`parser.Node.Dump`), used for the conformance suite and `rlint debug ast`.

use super::ast::{Dockerfile, Instruction, Keyword};
use std::fmt::Write;

/// The dump of a whole file: one `(instruction ...)` line per instruction.
pub fn dump(df: &Dockerfile) -> String {
    let mut out = String::new();
    for ins in &df.instructions {
        out.push('(');
        out.push_str(&dump_instruction(ins));
        out.push_str(")\n");
    }
    out
}

fn dump_instruction(ins: &Instruction) -> String {
    let mut s = ins.keyword_word.value.to_lowercase();
    if !ins.flags.is_empty() {
        let flags: Vec<String> = ins.flags.iter().map(|f| go_quote(&f.text)).collect();
        let _ = write!(s, " [{}]", flags.join(" "));
    }
    match ins.keyword {
        Keyword::Onbuild => {
            if let Some(sub) = ins.onbuild() {
                let _ = write!(s, " ({})", dump_instruction(sub));
            }
        }
        Keyword::Env | Keyword::Label => {
            for pair in ins.pairs() {
                let sep = if pair.legacy { "" } else { "=" };
                let _ = write!(
                    s,
                    " {} {} {}",
                    go_quote(&pair.key.value),
                    go_quote(&pair.value.value),
                    go_quote(sep)
                );
            }
        }
        Keyword::Unknown => s.push_str(" \"\""),
        _ => {
            for arg in &ins.args {
                s.push(' ');
                s.push_str(&go_quote(&arg.value));
            }
        }
    }
    s.trim().to_string()
}

/// Go's `strconv.Quote`: printable characters verbatim, the rest escaped.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if !is_go_printable(c) => {
                if (c as u32) < 0x10000 {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Approximates Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols, ASCII
/// space): control characters, non-ASCII spaces and format characters are not printable.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFE | 0xFFFF)
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("\u{0} ♥ \u{a0}"), r#""\x00 ♥ \u00a0""#);
    }
}
