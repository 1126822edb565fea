//! Word-level scanners with BuildKit's semantics. Every function works on a `&str` and returns
//! byte ranges into it, so callers can map them back to source spans.

use std::ops::Range;

/// A piece of text cut from a line: its value (after BuildKit's processing) and its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub value: String,
    pub range: Range<usize>,
}

/// BuildKit's `reWhitespace`: `[\t\v\f\r ]+`.
pub fn is_split_space(c: char) -> bool {
    matches!(c, '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

/// `strings.TrimSpace`: the sub-range of `s[range]` without leading/trailing Unicode whitespace.
pub fn trim_space(s: &str, range: Range<usize>) -> Range<usize> {
    let inner = &s[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    let end = range.start + inner.trim_end().len();
    start..end.max(start)
}

/// `reWhitespace.Split(s, -1)` on an already trimmed string.
pub fn split_whitespace_delimited(s: &str, range: Range<usize>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut in_space = false;
    for (i, c) in s[range.clone()].char_indices() {
        let at = range.start + i;
        if is_split_space(c) {
            if !in_space {
                out.push(piece(s, start..at));
                in_space = true;
            }
        } else if in_space {
            in_space = false;
            start = at;
        }
    }
    if !in_space {
        out.push(piece(s, start..range.end));
    } else {
        out.push(piece(s, range.end..range.end));
    }
    out
}

/// Splits off the first whitespace-delimited word: `(word, rest)` where rest starts after the run.
pub fn split_first(s: &str, range: Range<usize>) -> (Range<usize>, Option<Range<usize>>) {
    let inner = &s[range.clone()];
    match inner.find(is_split_space) {
        None => (range, None),
        Some(i) => {
            let after = inner[i..]
                .find(|c: char| !is_split_space(c))
                .map_or(inner.len(), |j| i + j);
            (
                range.start..range.start + i,
                Some(range.start + after..range.end),
            )
        }
    }
}

fn piece(s: &str, range: Range<usize>) -> Piece {
    Piece {
        value: s[range.clone()].to_string(),
        range,
    }
}

/// BuildKit's `extractBuilderFlags`: leading `--flag[=value]` words (quotes and `\` processed
/// inside them), stopping at the first word not starting with `--` or after a bare `--`.
/// Returns the flags and the offset where the remaining arguments start.
pub fn extract_flags(s: &str, range: Range<usize>) -> (Vec<Piece>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let bytes = s.as_bytes();
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut word_start = range.start;
    let mut blank_ok = false;
    let mut chars = s[range.clone()].char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        let pos = range.start + i;
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                continue;
            }
            if ch != '-' || bytes.get(pos + 1) != Some(&b'-') || pos + 1 >= range.end {
                return (flags, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        match phase {
            Phase::Word => {
                if ch.is_whitespace() {
                    phase = Phase::Spaces;
                    if word == "--" {
                        return (flags, pos);
                    }
                    if blank_ok || !word.is_empty() {
                        flags.push(Piece {
                            value: std::mem::take(&mut word),
                            range: word_start..pos,
                        });
                    }
                    word.clear();
                    blank_ok = false;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                    continue;
                }
                if ch == '\\' {
                    match chars.next() {
                        Some((_, next)) => word.push(next),
                        None => continue,
                    }
                    continue;
                }
                word.push(ch);
            }
            Phase::Quote(q) => {
                if ch == q {
                    phase = Phase::Word;
                    continue;
                }
                if ch == '\\' {
                    match chars.next() {
                        Some((_, next)) => word.push(next),
                        None => phase = Phase::Word,
                    }
                    continue;
                }
                word.push(ch);
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
    if phase != Phase::Spaces && word != "--" && (blank_ok || !word.is_empty()) {
        flags.push(Piece {
            value: word,
            range: word_start..range.end,
        });
    }
    (flags, range.end)
}

/// BuildKit's `parseWords`: whitespace-separated words where quotes group (and are kept) and the
/// escape token protects the next character (and is kept too). A trailing escape is dropped.
pub fn parse_words(s: &str, range: Range<usize>, escape: char) -> Vec<Piece> {
    #[derive(PartialEq, Clone, Copy)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut start = range.start;
    let mut blank_ok = false;
    let mut chars = s[range.clone()].char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        let pos = range.start + i;
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                continue;
            }
            phase = Phase::Word;
            start = pos;
        }
        match phase {
            Phase::Word => {
                if ch.is_whitespace() {
                    if blank_ok || !word.is_empty() {
                        words.push(Piece {
                            value: std::mem::take(&mut word),
                            range: start..pos,
                        });
                    }
                    phase = Phase::Spaces;
                    blank_ok = false;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                }
                if ch == escape {
                    match chars.next() {
                        None => continue,
                        Some((_, next)) => {
                            word.push(ch);
                            word.push(next);
                            continue;
                        }
                    }
                }
                word.push(ch);
            }
            Phase::Quote(q) => {
                if ch == q {
                    phase = Phase::Word;
                }
                if ch == escape && q != '\'' {
                    match chars.next() {
                        None => {
                            phase = Phase::Word;
                            continue;
                        }
                        Some((_, next)) => {
                            word.push(ch);
                            word.push(next);
                            continue;
                        }
                    }
                }
                word.push(ch);
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
    if phase != Phase::Spaces && (blank_ok || !word.is_empty()) {
        words.push(Piece {
            value: word,
            range: start..range.end,
        });
    }
    words
}

/// An ADD/COPY path as BuildKit reads it after quote removal (`"dir/"` is `dir/`): quotes
/// dropped, and the escape token dropped before the character it protects (inside double quotes
/// only before `"`, `$` and itself). Variables stay as written, for the caller to judge.
pub fn unquote_path(word: &str, escape: char) -> String {
    let mut out = String::with_capacity(word.len());
    let mut quote = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('\'') => out.push(c),
            Some(_) if c == '"' => quote = None,
            _ if c == escape => {
                if let Some(next) = chars.next() {
                    if quote.is_some() && !matches!(next, '"' | '$') && next != escape {
                        out.push(c);
                    }
                    out.push(next);
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            _ => out.push(c),
        }
    }
    out
}

/// Why a bracketed argument list was not taken as exec (JSON) form.
#[derive(Debug, PartialEq, Eq)]
pub enum JsonArgsError {
    /// Not JSON at all: BuildKit silently treats the text as shell form.
    NotJson,
    /// Valid JSON but not an array of strings: a hard error in BuildKit.
    NotStringArray,
}

/// BuildKit's `parseJSON`: the text must be a JSON array of strings. Returns each decoded string
/// with the range of its literal (quotes included).
pub fn parse_json_array(s: &str, range: Range<usize>) -> Result<Vec<Piece>, JsonArgsError> {
    let text = &s[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let body = &text[lead..];
    if !body.starts_with('[') {
        return Err(JsonArgsError::NotJson);
    }
    let values: Vec<serde_json::Value> =
        serde_json::from_str(body).map_err(|_| JsonArgsError::NotJson)?;
    let mut strings = Vec::with_capacity(values.len());
    for v in values {
        match v {
            serde_json::Value::String(s) => strings.push(s),
            _ => return Err(JsonArgsError::NotStringArray),
        }
    }
    // The JSON is valid and flat, so every '"' outside a string opens the next element.
    let base = range.start + lead;
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(strings.len());
    let mut i = 0;
    let mut values = strings.into_iter();
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            if let Some(value) = values.next() {
                out.push(Piece {
                    value,
                    range: base + start..base + i,
                });
            }
        } else {
            i += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(p: &[Piece]) -> Vec<&str> {
        p.iter().map(|p| p.value.as_str()).collect()
    }

    #[test]
    fn flags_stop_at_first_argument_or_double_dash() {
        let s = "--from=build --link a b";
        let (flags, rest) = extract_flags(s, 0..s.len());
        assert_eq!(values(&flags), ["--from=build", "--link"]);
        assert_eq!(&s[rest..], "a b");
        let s = "--doit=true -- [ \"a\" ]";
        let (flags, rest) = extract_flags(s, 0..s.len());
        assert_eq!(values(&flags), ["--doit=true"]);
        assert_eq!(s[rest..].trim(), "[ \"a\" ]");
        let s = "--mount=type=secret,id=\"a b\" cmd";
        let (flags, _) = extract_flags(s, 0..s.len());
        assert_eq!(values(&flags), ["--mount=type=secret,id=a b"]);
        assert_eq!(flags[0].range, 0..s.find(" cmd").unwrap());
    }

    #[test]
    fn paths_lose_their_quotes() {
        assert_eq!(unquote_path("\"dir/\"", '\\'), "dir/");
        assert_eq!(unquote_path("'a b.tgz'", '\\'), "a b.tgz");
        assert_eq!(unquote_path("\"a\\\"b\"", '\\'), "a\"b");
        assert_eq!(unquote_path("a\\ b", '\\'), "a b");
        assert_eq!(unquote_path("\"$DIR\"/x", '`'), "$DIR/x");
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        let s = r#"a="b c" d=e\ f 'g'"#;
        let w = parse_words(s, 0..s.len(), '\\');
        assert_eq!(values(&w), [r#"a="b c""#, r"d=e\ f", "'g'"]);
        assert_eq!(w[1].range, 8..14);
    }

    #[test]
    fn json_arrays() {
        let s = r#"[ "a", "b\"c" ]"#;
        let p = parse_json_array(s, 0..s.len()).unwrap();
        assert_eq!(values(&p), ["a", "b\"c"]);
        assert_eq!(&s[p[1].range.clone()], r#""b\"c""#);
        assert_eq!(parse_json_array("['a']", 0..5), Err(JsonArgsError::NotJson));
        let nested = r#"["a", ["b"]]"#;
        assert_eq!(
            parse_json_array(nested, 0..nested.len()),
            Err(JsonArgsError::NotStringArray)
        );
    }
}
