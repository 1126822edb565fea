use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With a `label-schema` that declares a label as `spdx`, finds values that are not an SPDX license expression.
    ///
    /// ## Why is this bad?
    /// Labels are read by machines (registries, scanners, deployment tooling); a malformed value is
    /// silently ignored or breaks the tool that parses it.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { "org.opencontainers.image.licenses" = "spdx" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache 2"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3054
    pub static RULE = {
        code: "DF078",
        name: "label-not-spdx",
        severity: Warning,
        aliases: ["DL3054"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_label_format(input, cx, "spdx", valid, "an SPDX license expression");
}

const LICENSES: [&str; 44] = [
    "0BSD",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.1",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-4-Clause",
    "BSL-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.2",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "NCSA",
    "OFL-1.1",
    "OpenSSL",
    "PostgreSQL",
    "Python-2.0",
    "Unlicense",
    "WTFPL",
    "Zlib",
];

/// An SPDX expression: license ids (or LicenseRef-*) joined by AND / OR / WITH, with parentheses.
fn valid(v: &str) -> bool {
    let spaced = v.replace('(', " ( ").replace(')', " ) ");
    let mut expect_id = true;
    let mut depth = 0i32;
    for token in spaced.split_whitespace() {
        match token {
            "(" if expect_id => depth += 1,
            ")" if !expect_id => depth -= 1,
            "AND" | "OR" | "WITH" if !expect_id => expect_id = true,
            id if expect_id => {
                let id = id.trim_end_matches('+');
                let known = LICENSES.iter().any(|l| l.eq_ignore_ascii_case(id))
                    || id.starts_with("LicenseRef-");
                let exception = id.ends_with("-exception") || id.contains("exception");
                if !known && !exception {
                    return false;
                }
                expect_id = false;
            }
            _ => return false,
        }
        if depth < 0 {
            return false;
        }
    }
    !expect_id && depth == 0
}
