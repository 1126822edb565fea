//! Hostile input gets a clear diagnostic with a position or a clean result — never a panic, a
//! hang or unbounded memory.

use lint_core::{Config, FileKind, Report, Severity, lint_bytes, lint_text};

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
    // The shell of the first RUNs is analysed, then DF100 says where that stopped: once, at the
    // first RUN left out (line 1 is FROM), with the count of the others.
    let limit = lint_core::kinds::dockerfile::SHELL_ANALYSIS_LIMIT;
    // The file's 120,000 lines are more than the parser reads: the RUNs counted are those read,
    // and DF102 says where reading stopped.
    let max_lines = lint_core::syntax::dockerfile::parser::MAX_LINES;
    let runs = ((text.len() - "FROM alpine:3.20\n".len()) / line.len()).min(max_lines - 1);
    let stop: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "DF102")
        .collect();
    assert_eq!(stop.len(), 1, "{stop:?}");
    assert_eq!(stop[0].start.line, max_lines + 1);
    let cut: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "DF100")
        .collect();
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert_eq!(cut[0].start.line, limit + 2);
    assert!(
        cut[0].diagnostic.message.contains(&format!(
            "the first {limit} of this file's {runs} RUN instructions; this one and the {} after it",
            runs - limit - 1
        )),
        "{}",
        cut[0].diagnostic.message
    );
}

/// 10 MB files of the smallest lines and of one huge RUN: the parser reads the first
/// `MAX_LINES` lines and says where it stopped (DF102), a RUN too long to analyse is said so
/// (DF100), and the findings stay capped.
#[test]
fn ten_megabyte_files_of_tiny_lines_and_one_huge_run_are_bounded() {
    let max_lines = lint_core::syntax::dockerfile::parser::MAX_LINES;
    for unit in [
        "\n",
        "#\n",
        "x\n",
        "RUN a\n",
        "ENV a=b\n",
        "FROM a AS b\n",
        "\\\n",
    ] {
        let mut text = String::from("FROM alpine:3.20\nRUN a ");
        while text.len() < 10 * 1024 * 1024 {
            text.push_str(unit);
        }
        let r = lint(text.as_bytes());
        let stop: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code == "DF102")
            .collect();
        assert_eq!(stop.len(), 1, "{unit:?}: {stop:?}");
        assert_eq!(stop[0].start.line, max_lines + 1, "{unit:?}");
        assert!(
            r.diagnostics.len() < 10_000,
            "{unit:?}: {}",
            r.diagnostics.len()
        );
    }
    let mut huge = String::from("FROM alpine:3.20\nRUN apt-get install");
    while huge.len() < 10 * 1024 * 1024 {
        huge.push_str(" pkg");
    }
    let r = lint(huge.as_bytes());
    let note: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "DF100")
        .collect();
    assert_eq!(note.len(), 1, "{note:?}");
    assert_eq!(note[0].start.line, 2);
    assert!(
        note[0]
            .diagnostic
            .message
            .contains("checked by the instruction rules only")
    );
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

fn compose(text: &str) -> Report {
    lint_bytes(
        "compose.yaml",
        text.as_bytes(),
        Some(FileKind::Compose),
        &Config::default(),
    )
}

#[test]
fn compose_alias_bomb_is_cut_off_with_a_diagnostic() {
    let mut text = String::from(
        "x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = b"abcdefghi";
    for w in names.windows(2) {
        let (prev, next) = (w[0] as char, w[1] as char);
        text.push_str(&format!(
            "x-{next}: &{next} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    text.push_str("services:\n  web:\n    image: nginx:1.27\n");
    let report = compose(&text);
    let bomb = report
        .diagnostics
        .iter()
        .find(|d| d.diagnostic.code == "DC000")
        .expect("an alias bomb is reported");
    assert!(bomb.diagnostic.message.contains("alias bomb"));
    // Copies grow ninefold per level: the first alias of level f (line 6) crosses 100,000 nodes.
    assert_eq!(bomb.start.line, 6, "at the alias that crosses the budget");
}

/// A Compose file of `n` services, eleven YAML nodes each.
fn services(n: usize) -> String {
    let mut text = String::from("services:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  svc{i}:\n    image: acme/app:{i}\n    ports: [\"127.0.0.1:{}:80\"]\n    environment:\n      LEVEL: info\n",
            10000 + i % 50000
        ));
    }
    text
}

/// A large valid file (1.9 MB, 20,000 services: 220,001 nodes, under `yaml::NODE_BUDGET`) is
/// checked; a 10 MB one (1.3 million nodes) gets one warning that it is not checked, at the
/// node past the budget, and nothing else: holding its tree would cost hundreds of MB.
#[test]
fn large_compose_files_lint_and_ten_megabytes_is_reported_not_checked() {
    let report = compose(&services(20_000));
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.diagnostic.code != "DC000"),
        "a large valid file parses"
    );
    let text = services(115_000);
    assert!(text.len() > 10_000_000);
    let report = compose(&text);
    let [only] = &report.diagnostics[..] else {
        panic!("{:?}", codes(&report));
    };
    assert_eq!(only.diagnostic.code, "DC000");
    assert_eq!(only.diagnostic.severity, Severity::Warning);
    assert!(
        only.diagnostic
            .message
            .contains("more than 250000 YAML values"),
        "{}",
        only.diagnostic.message
    );
    // Service 22,727 is the first whose nodes pass 250,000 (11 per service, plus the root's key).
    assert!(only.start.line > 5 * 22_727, "{}", only.start.line);
    assert!(only.start.line <= 5 * 22_729, "{}", only.start.line);
}

/// Shapes that were quadratic: a command of 200,000 `${A}` (each use searched its scalar in the
/// text again: 24 s at 40,000) and a file of 200,000 `---` documents (every rule handed to the
/// thread pool per document). One DC005 finding names the variable once with its count.
#[test]
fn compose_many_uses_and_many_documents_stay_linear() {
    let mut text = String::from("services:\n  a:\n    image: x:1\n    command: ");
    for _ in 0..200_000 {
        text.push_str("${A} ");
    }
    text.push('\n');
    let r = compose(&text);
    let unset: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "DC005")
        .collect();
    assert_eq!(unset.len(), 1, "{unset:?}");
    assert!(
        unset[0]
            .diagnostic
            .message
            .contains("used at least 9999 more times"),
        "the first 10,000 uses of one value are named, the rest only counted: {}",
        unset[0].diagnostic.message
    );
    assert_eq!(unset[0].start.line, 4);
    let docs = format!("services: {{}}\n{}", "---\n".repeat(200_000));
    let r = compose(&docs);
    assert!(r.diagnostics.iter().all(|d| d.diagnostic.code != "DC000"));
}

#[test]
fn compose_hostile_shapes() {
    // Deep nesting, truncation, binary, CRLF with BOM, duplicate keys, a bare scalar, empty.
    let deep = format!("services: {}", "[".repeat(50_000));
    assert!(codes(&compose(&deep)).contains(&"DC000"));
    let truncated = "services:\n  web:\n    image: \"nginx:1.2";
    assert!(codes(&compose(truncated)).contains(&"DC000"));
    let binary = lint_bytes(
        "compose.yaml",
        b"services:\0\x01",
        Some(FileKind::Compose),
        &Config::default(),
    );
    assert_eq!(codes(&binary), ["RL001"]);
    let crlf = "\u{feff}services:\r\n  web:\r\n    image: nginx\r\n";
    let r = compose(crlf);
    let tag = r
        .diagnostics
        .iter()
        .find(|d| d.diagnostic.code == "DC011")
        .unwrap();
    assert_eq!((tag.start.line, tag.start.column), (3, 12));
    let dup = compose("services:\n  a:\n    image: x:1\n  a:\n    image: y:1\n");
    assert!(codes(&dup).contains(&"DC001"));
    assert!(codes(&compose("just a string\n")).contains(&"DC002"));
    assert!(compose("").diagnostics.is_empty());
    assert!(compose("# only a comment\n").diagnostics.is_empty());
}

/// How many findings each rule produced, and the longest message.
fn per_rule(r: &Report) -> (std::collections::BTreeMap<&str, usize>, usize) {
    let mut counts = std::collections::BTreeMap::new();
    for d in &r.diagnostics {
        *counts.entry(d.diagnostic.code).or_insert(0) += 1;
    }
    let longest = r
        .diagnostics
        .iter()
        .map(|d| d.diagnostic.message.len())
        .max()
        .unwrap_or(0);
    (counts, longest)
}

#[test]
fn findings_of_one_rule_are_capped_with_a_summary() {
    use lint_core::rule::MAX_FINDINGS_PER_RULE;
    // Every RUN after the first could be merged with the one before it (DF055).
    let runs = 3 * MAX_FINDINGS_PER_RULE;
    let mut text = String::from("FROM alpine:3.20\n");
    for i in 0..runs {
        text.push_str(&format!("RUN echo {i}\n"));
    }
    let r = lint(text.as_bytes());
    let (counts, _) = per_rule(&r);
    assert!(
        counts.values().all(|&n| n <= MAX_FINDINGS_PER_RULE + 1),
        "{counts:?}"
    );
    let merged: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "DF055")
        .collect();
    assert_eq!(merged.len(), MAX_FINDINGS_PER_RULE + 1);
    let summary = merged
        .iter()
        .find(|d| d.diagnostic.message.contains("more findings"))
        .expect("a summary finding");
    let rest = runs - 1 - MAX_FINDINGS_PER_RULE;
    assert!(
        summary
            .diagnostic
            .message
            .contains(&format!("and {rest} more findings of DF055")),
        "{}",
        summary.diagnostic.message
    );
    // At the first finding left out: the RUN on line 2 + 1 + 100.
    assert_eq!(summary.start.line, MAX_FINDINGS_PER_RULE + 3);
}

#[test]
fn silenced_findings_do_not_use_up_the_cap() {
    use lint_core::rule::MAX_FINDINGS_PER_RULE;
    // `apt-get install` without `-y` on every RUN (DF041); the first half is silenced inline.
    let half = MAX_FINDINGS_PER_RULE;
    let mut text = String::from("FROM debian:12\n");
    for i in 0..2 * half {
        if i < half {
            text.push_str("# hadolint ignore=DL3014\n");
        }
        text.push_str(&format!("RUN apt-get install pkg{i}\n"));
    }
    let r = lint(text.as_bytes());
    let yes: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.aliases.contains(&"DL3014"))
        .collect();
    assert_eq!(yes.len(), half, "every unsilenced one, no summary");
    assert!(
        yes.iter()
            .all(|d| !d.diagnostic.message.contains("more findings"))
    );
    // With pragmas switched off they all count: the cap and its summary appear.
    let config = Config {
        disable_inline_ignores: true,
        ..Config::default()
    };
    let r = lint_bytes("Dockerfile", text.as_bytes(), None, &config);
    let yes = r
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.aliases.contains(&"DL3014"))
        .count();
    assert_eq!(yes, MAX_FINDINGS_PER_RULE + 1);
}

#[test]
fn doubling_arg_values_are_capped() {
    // Each global ARG doubles the previous one: 2^27 bytes at the 26th, unless expansion stops.
    let mut text = String::from("ARG A0=xx\n");
    for i in 1..27 {
        text.push_str(&format!("ARG A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
    }
    text.push_str("FROM alpine:$A26\nFROM $A26\nCOPY --from=$A26 / /\n");
    let df = lint_core::syntax::dockerfile::parse(&text);
    let model = lint_core::syntax::dockerfile::Model::new(&df);
    let longest = model
        .global_args
        .iter()
        .filter_map(|(_, d)| d.as_ref().map(String::len))
        .max()
        .unwrap();
    assert!(
        longest <= lint_core::syntax::dockerfile::expand::MAX_EXPANDED_LEN,
        "{longest}"
    );
    assert_eq!(
        model.global_default("A26"),
        Some(&None),
        "too long to know: declared, value unknown"
    );
    let (_, longest_message) = per_rule(&lint(text.as_bytes()));
    assert!(longest_message < 1000, "{longest_message}");
}

/// `n` stages, each copying from the one before it, all named.
fn copy_chain(n: usize) -> String {
    let mut text = String::from("FROM alpine:3.20 AS s0\n");
    for i in 1..n {
        text.push_str(&format!(
            "FROM alpine:3.20 AS s{i}\nCOPY --from=s{} /a /a\nCMD [\"run\"]\n",
            i - 1
        ));
    }
    text
}

#[test]
fn long_stage_chains_give_bounded_findings() {
    use lint_core::rule::MAX_FINDINGS_PER_RULE;
    let r = lint(copy_chain(2000).as_bytes());
    let (counts, _) = per_rule(&r);
    assert!(
        counts.values().all(|&n| n <= MAX_FINDINGS_PER_RULE + 1),
        "{counts:?}"
    );
    // Each copied-from stage's CMD never runs (DF038): 1998 of them, capped.
    assert_eq!(counts.get("DF038"), Some(&(MAX_FINDINGS_PER_RULE + 1)));
    // The same chain built with FROM <stage>: ancestry walks stay bounded too.
    let mut text = String::from("FROM alpine:3.20 AS s0\n");
    for i in 1..2000 {
        text.push_str(&format!("FROM s{} AS s{i}\nWORKDIR w{i}\n", i - 1));
    }
    let r = lint(text.as_bytes());
    let (counts, _) = per_rule(&r);
    assert!(
        counts.values().all(|&n| n <= MAX_FINDINGS_PER_RULE + 1),
        "{counts:?}"
    );
}

#[test]
fn shell_parser_panic_on_unclosed_expansion_with_pending_heredoc() {
    // Found by the Dockerfile fuzz target: brush-parser 0.4.0 panicked on these (exit 101).
    for text in [
        "RUN\t<<E ${${*}",
        "RUN cat <<E ${${x}",
        "RUN cat <<E ${${x}\n",
        "RUN echo <<E ${${x}\nRUN echo ok\n",
        "FROM alpine:3.20\nRUN <<E ${${x}\n",
    ] {
        let report = lint_core::lint_text("Dockerfile", text, None, &lint_core::Config::default());
        assert_eq!(report.kind, Some(FileKind::Dockerfile), "{text:?}");
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| !d.diagnostic.message.is_empty()),
            "{text:?}"
        );
    }
}

/// Found by the shell fuzz target: an unclosed `$(` whose word ends in a multi-byte character
/// panicked on a slice inside that character.
#[test]
fn unclosed_command_substitution_ending_in_a_wide_character() {
    for text in [
        "FROM alpine:3.20\nRUN arch=$(dpkg --print-architecture \u{4de}\n",
        "FROM alpine:3.20\nRUN echo \"$(uname \u{4de}\"\n",
        "FROM alpine:3.20\nRUN x=$(\u{4de}\n",
    ] {
        let report = lint_core::lint_text("Dockerfile", text, None, &lint_core::Config::default());
        assert_eq!(report.kind, Some(FileKind::Dockerfile), "{text:?}");
    }
    let script = lint_core::syntax::shell::analyze(
        "arch=$(dpkg --print-archi-platform=$BUILDLPTAFORM python:3.10\u{4de}",
        &lint_core::syntax::shell::Contiguous(0),
    );
    assert!(!script.commands.is_empty());
    // And inside double quotes, where the value is shifted from the text (fuzz: `"$(Ԍ`).
    for text in [
        "\"$(\u{50c}",
        "echo \"$(uname \u{4de}\"",
        "sh -c \"a \\\"$(b \u{4de})\\\"\"",
    ] {
        let script =
            lint_core::syntax::shell::analyze(text, &lint_core::syntax::shell::Contiguous(0));
        for c in &script.commands {
            assert!(c.span.end <= text.len(), "{text:?}: {:?}", c.span);
            assert!(
                text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end),
                "{text:?}: {:?}",
                c.span
            );
        }
    }
}

/// The deploy kinds take hostile input like the others: a diagnostic with a position, never a
/// panic, a hang or unbounded output.
#[test]
fn deploy_kinds_take_hostile_input() {
    let lint_as = |kind: FileKind, name: &str, text: &str| {
        lint_core::lint_bytes(
            name,
            text.as_bytes(),
            Some(kind),
            &lint_core::Config::default(),
        )
    };
    let json_cases = [
        format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)),
        "[".repeat(200_000),
        format!(
            "{{\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": [{}]}}",
            vec!["{\"name\": \"c\", \"image\": \"x\", \"links\": [\"nope\"]}"; 50_000].join(",")
        ),
        "\u{feff}{\r\n  \"AWSEBDockerrunVersion\": \"1\"\r\n}\r\n".to_string(),
        "{\"a\": \"\\ud800\"}".to_string(),
        String::new(),
    ];
    let ecs_cases = [
        format!(
            "{{\"family\": \"f\", \"requiresCompatibilities\": [\"FARGATE\"], \"containerDefinitions\": [{}]}}",
            vec!["{\"name\": \"c\", \"image\": \"x\", \"links\": [\"nope\"], \"dependsOn\": [{\"containerName\": \"n\"}], \"privileged\": true}"; 50_000].join(",")
        ),
        format!("[{}]", vec!["{\"name\": \"c\"}"; 50_000].join(",")),
        "{\"taskDefinition\": 7}".to_string(),
        "{\"family\": \"f\", \"cpu\": \"1e400 vCPU\", \"memory\": \"-1 GB\", \"requiresCompatibilities\": [\"FARGATE\"], \"containerDefinitions\": []}".to_string(),
        "{\"family\": \"f\", \"cpu\": ${CPU".to_string(),
        "{\"family\": \"f\", \"cpu\": ${\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}".to_string(),
    ];
    let cases = json_cases
        .iter()
        .flat_map(|t| {
            [
                (FileKind::Dockerrun, "Dockerrun.aws.json", t),
                (FileKind::EcsTaskDefinition, "task-definition.json", t),
            ]
        })
        .chain(
            ecs_cases
                .iter()
                .map(|t| (FileKind::EcsTaskDefinition, "task-definition.json", t)),
        );
    for (kind, name, text) in cases {
        let r = lint_as(kind, name, text);
        assert!(
            r.diagnostics.len() <= 1_000,
            "{} findings",
            r.diagnostics.len()
        );
    }
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\nversion: 0.2\nphases: {build: {commands: *f}}\n";
    let big = format!(
        "version: 0.2\nphases:\n  build:\n    commands:\n{}",
        "      - docker login -p hunter2hunter2 x\n".repeat(200_000)
    );
    for text in [
        bomb,
        big.as_str(),
        "version: 0.2\nphases:\n  build:\n    commands:\n      - \"unterminated\n",
        "\t",
    ] {
        let r = lint_as(FileKind::Buildspec, "buildspec.yml", text);
        assert!(
            r.diagnostics.len() <= 1_000,
            "{} findings",
            r.diagnostics.len()
        );
    }
}

/// `.travis.yml` takes hostile input like the other kinds: bounded findings, no panic or hang,
/// whatever the schema, the shell analysis of the phases or the deploy checks meet.
#[test]
fn travis_takes_hostile_input() {
    let lint_as = |text: &str| {
        lint_core::lint_bytes(
            ".travis.yml",
            text.as_bytes(),
            Some(FileKind::Travis),
            &lint_core::Config {
                preset: Some(lint_core::Preset::Strict),
                ..lint_core::Config::default()
            },
        )
    };
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nlanguage: python\nscript: *e\n";
    let unknown_keys: String = (0..5_000)
        .map(|i| format!("before_instal{i}: x\n"))
        .collect();
    let mapping_steps = format!(
        "language: ruby\nscript:\n{}",
        "  - echo a: b\n  - npm install -g x\n".repeat(20_000)
    );
    let deploys = format!(
        "language: ruby\ndeploy:\n{}",
        "  - provider: s3\n    bukcet: b\n    on: {tag: true}\n".repeat(10_000)
    );
    let deep = format!("deploy: {}{}", "[".repeat(150), "]".repeat(150));
    for text in [
        bomb,
        unknown_keys.as_str(),
        mapping_steps.as_str(),
        deploys.as_str(),
        deep.as_str(),
        "deploy:\n  provider: [s3]\n  on: [[[]]]\nscript: {a: {b: c}}\n",
        "\u{feff}language: c\r\nscript: make\r\n",
        "- just\n- a list\n",
        "",
    ] {
        let r = lint_as(text);
        assert!(
            r.diagnostics.len() <= 1_000,
            "{} findings",
            r.diagnostics.len()
        );
    }
}

/// daemon.json: deep nesting, a huge file, bad bytes and odd shapes give bounded findings with
/// positions, never a panic or a hang.
#[test]
fn daemon_json_takes_hostile_input() {
    let lint_daemon = |bytes: &[u8]| {
        lint_bytes(
            "daemon.json",
            bytes,
            Some(FileKind::DaemonJson),
            &Config::default(),
        )
    };
    let deep = format!(
        "{{\"builder\": {}{}}}",
        "{\"gc\": ".repeat(100_000),
        "}".repeat(100_000)
    );
    let r = lint_daemon(deep.as_bytes());
    assert_eq!(codes(&r), ["DJ000"], "{:?}", codes(&r));
    assert_eq!(r.diagnostics[0].start.line, 1);
    // 150,000 values (under the budget): every registry insecure, every key unknown; each rule
    // stops at its cap.
    let file = |registries: usize, keys: usize| {
        let registries = vec!["\"registry.internal:5000\""; registries].join(",");
        let unknown: Vec<String> = (0..keys).map(|i| format!("\"opt-{i}\": {i}")).collect();
        format!(
            "{{\"insecure-registries\": [{registries}], {}}}",
            unknown.join(",")
        )
    };
    let r = lint_daemon(file(100_000, 25_000).as_bytes());
    assert!(
        r.diagnostics.len() <= 300,
        "{} findings",
        r.diagnostics.len()
    );
    assert!(codes(&r).contains(&"DJ001") && codes(&r).contains(&"DJ002"));
    // Ten megabytes (500,000 values) is one warning that the file is not checked.
    let big = file(400_000, 50_000);
    assert!(big.len() > 10_000_000);
    let r = lint_daemon(big.as_bytes());
    assert_eq!(codes(&r), ["DJ000"]);
    assert_eq!(r.diagnostics[0].diagnostic.severity, Severity::Warning);
    assert!(
        r.diagnostics[0]
            .diagnostic
            .message
            .contains("rlint does not check a file this large")
    );
    // Bad bytes are the pipeline's: one RL001 at the byte.
    let r = lint_daemon(b"{\n  \"data-root\": \"/var/lib/d\xf6cker\"\n}\n");
    assert_eq!(codes(&r), ["RL001"]);
    assert_eq!(r.diagnostics[0].start.line, 2);
    for text in [
        "[".repeat(200_000),
        "\"just a string\"".to_string(),
        "null".to_string(),
        "{\"hosts\": [\"tcp://\", \"tcp://[\", \"tcp://[::1\", 7, null], \"tls\": \"no\"}"
            .to_string(),
        "{\"insecure-registries\": [\"/\", \"::1/x\", \"[\", \"127.0.0.1/99\"]}".to_string(),
        "{\"a\": \"\\ud800\"}".to_string(),
        "\u{feff}".to_string(),
    ] {
        let r = lint_daemon(text.as_bytes());
        assert!(
            r.diagnostics.len() <= 100,
            "{} findings",
            r.diagnostics.len()
        );
    }
}

/// A workflow takes hostile input like the other kinds: unclosed `${{`, expressions nested in
/// brackets, block scalars that do not line up, odd shapes and huge step lists give bounded
/// findings, never a panic or a hang.
#[test]
fn workflow_takes_hostile_input() {
    let lint_as = |text: &str| {
        lint_core::lint_bytes(
            ".github/workflows/ci.yml",
            text.as_bytes(),
            Some(FileKind::GithubWorkflow),
            &lint_core::Config {
                preset: Some(lint_core::Preset::Strict),
                ..lint_core::Config::default()
            },
        )
    };
    let steps = format!(
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n{}",
        "      - uses: o/r@main\n      - run: echo ${{ github.head_ref }} ${{ secrets.X }}\n"
            .repeat(20_000)
    );
    let expressions = format!(
        "on: push\njobs:\n  a:\n    steps:\n      - run: \"{}\"\n",
        "${{ github.event.commits[0][ ${{ x.[ ".repeat(5_000)
    );
    let deep = format!(
        "jobs: {{a: {{steps: {}{}}}}}",
        "[".repeat(150),
        "]".repeat(150)
    );
    // A 5,000-job chain that closes into one cycle, each job also needing an unknown one.
    let chain: String = (0..5_000)
        .map(|i| {
            format!(
                "  j{i}:\n    needs: [j{}, nope{i}]\n    runs-on: x\n",
                (i + 1) % 5_000
            )
        })
        .collect();
    let chain = format!("on: push\njobs:\n{chain}");
    for text in [
        steps.as_str(),
        expressions.as_str(),
        deep.as_str(),
        chain.as_str(),
        "on: push\njobs:\n  a:\n    steps:\n      - run: |2\n           echo ${{ github.head_ref\n      - run: >\n\n\t x\n",
        "on: push\njobs:\n  a:\n    steps:\n      - run: \"a\\u00e9 ${{ github.event.issue.title }}\"\n      - uses: \"@\"\n      - uses: docker://\n      - uses: /\n",
        "on: push\njobs: [a, b]\n",
        "jobs:\n  a:\n    steps: {run: x}\n    uses: [x]\n",
        "\u{feff}on: push\r\njobs:\r\n  a:\r\n    steps:\r\n      - run: |\r\n          echo ${{ github.head_ref }}\r\n",
        "- just\n- a list\n",
        "",
    ] {
        let r = lint_as(text);
        assert!(
            r.diagnostics.len() <= 1_000,
            "{} findings",
            r.diagnostics.len()
        );
    }
}

/// `.env` values that grow from line to line: doubling (`A2=${A1}${A1}`) stops at the longest
/// interpolated value, and a chain that adds a little per line (`K2=${K1}x`: quadratic in all)
/// at the file's interpolation budget; past either, values are kept as written.
#[test]
fn dotenv_interpolation_is_bounded() {
    use lint_core::kinds::dotenv::{MAX_EXPANDED_BYTES, parse};
    use lint_core::syntax::compose::MAX_INTERPOLATED_LEN;
    let mut doubling = String::from("A0=xx\n");
    for i in 1..60 {
        doubling.push_str(&format!("A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
    }
    let parsed = parse(&doubling);
    assert_eq!(parsed.vars.len(), 60);
    assert!(
        parsed
            .vars
            .iter()
            .all(|v| v.value.len() <= MAX_INTERPOLATED_LEN)
    );
    assert_eq!(
        parsed.vars[10].value.len(),
        2 << 10,
        "short values are expanded"
    );
    let mut chain = String::from("K0=x\n");
    for i in 1..20_000 {
        chain.push_str(&format!("K{i}=${{K{}}}x\n", i - 1));
    }
    let parsed = parse(&chain);
    let total: usize = parsed.vars.iter().map(|v| v.value.len()).sum();
    assert!(total <= MAX_EXPANDED_BYTES + chain.len(), "{total}");
    assert_eq!(parsed.vars[100].value, "x".repeat(101));
    assert_eq!(
        parsed.vars[19_999].value, "${K19998}x",
        "past the budget: as written"
    );
}
