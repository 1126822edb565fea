//! Escaping for the XML formats (checkstyle, JUnit).

/// `s` as XML 1.0 character data or attribute value: markup characters as entities, line breaks
/// and tabs as character references (attribute values would otherwise fold them to spaces), and
/// characters XML 1.0 cannot carry at all as U+FFFD.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_breaks_and_forbidden_characters() {
        assert_eq!(
            super::escape("a<b>&\"c'\n\u{1}é"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;\u{FFFD}é"
        );
    }
}
