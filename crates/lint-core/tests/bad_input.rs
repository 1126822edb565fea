//! Hostile input gets a clear diagnostic with a position or a clean result — never a panic, a
//! hang or unbounded memory.

use lint_core::{Config, FileKind, Report, lint_bytes, lint_text};

fn lint(bytes: &[u8]) -> Report {
    lint_bytes(
        "Dockerfile",
        bytes,
        Some(FileKind::Dockerfile),
        &Config::default(),
    )
}

fn codes(r: &Report) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.diagnostic.code).collect()
}

#[test]
fn binary_file_is_reported_with_its_offset() {
    let r = lint(b"FROM alpine\n\x00\x01\x02\xff");
    assert_eq!(codes(&r), ["RL001"]);
    assert!(r.diagnostics[0].diagnostic.message.contains("binary"));
    assert_eq!(r.diagnostics[0].start.line, 2);
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let r = lint(b"FROM alpine:3.20\nRUN echo caf\xe9\n");
    assert_eq!(codes(&r), ["RL001"]);
    assert_eq!(
        (r.diagnostics[0].start.line, r.diagnostics[0].start.column),
        (2, 13)
    );
}

#[test]
fn crlf_and_bom_lint_like_lf() {
    let lf = lint_text(
        "Dockerfile",
        "FROM alpine:3.20\nMAINTAINER x\nRUN echo a \\\n  b\n",
        None,
        &Config::default(),
    );
    let crlf = lint(b"\xef\xbb\xbfFROM alpine:3.20\r\nMAINTAINER x\r\nRUN echo a \\\r\n  b\r\n");
    assert_eq!(codes(&lf), codes(&crlf));
    assert_eq!(
        crlf.diagnostics
            .iter()
            .find(|d| d.diagnostic.code == "DF004")
            .unwrap()
            .start
            .line,
        2
    );
}

#[test]
fn ten_megabyte_file_lints() {
    let mut text = String::from("FROM alpine:3.20\n");
    let line =
        "RUN echo 'some fairly long line of shell to make the file big' && ls -la /usr/local/bin\n";
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(line);
    }
    let r = lint(text.as_bytes());
    assert!(r.diagnostics.iter().all(|d| d.diagnostic.code != "DF000"));
}

#[test]
fn ten_thousand_continuation_lines() {
    let mut text = String::from("FROM alpine:3.20\nRUN echo start");
    for i in 0..10_000 {
        text.push_str(&format!(" \\\n  && echo {i}"));
    }
    text.push('\n');
    let r = lint(text.as_bytes());
    assert!(!codes(&r).contains(&"DF000"));
}

#[test]
fn unterminated_heredoc_and_lone_backslash() {
    let r = lint(b"FROM alpine:3.20\nRUN <<EOF\necho hi\n");
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.diagnostic.message.contains("unterminated heredoc"))
    );
    let r = lint(b"FROM alpine:3.20\nRUN echo \\");
    assert!(!codes(&r).contains(&"DF000"));
    let r = lint(b"\\");
    assert!(codes(&r).contains(&"DF000"));
}

#[test]
fn truncated_and_empty_files() {
    for text in [
        "",
        "\n\n",
        "# only a comment\n",
        "FROM",
        "FROM alpine:3.20\nCOPY --from=",
        "FROM a\nCMD [\"unterminated",
        "FROM a\nENV",
        "FROM a\nRUN <<",
        "FROM a\nHEALTHCHECK --interval=",
    ] {
        let _ = lint(text.as_bytes());
    }
    assert!(codes(&lint(b"")).contains(&"DF000"));
}

#[test]
fn deep_and_odd_shell() {
    let deep = format!("FROM a\nRUN {}echo{}\n", "(".repeat(5000), ")".repeat(5000));
    let _ = lint(deep.as_bytes());
    let nested = format!("FROM a\nRUN {}\n", "sh -c '".repeat(50));
    let _ = lint(nested.as_bytes());
    let _ = lint("FROM a\nRUN echo \"unterminated $(\n".as_bytes());
    let _ = lint("FROM a\nRUN ${\nENV A=${B:-${C\n".as_bytes());
}
