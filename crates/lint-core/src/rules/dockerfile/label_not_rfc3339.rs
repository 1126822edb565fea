use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// With a `label-schema` that declares a label as `rfc3339`, finds values that are not an RFC 3339 time.
    ///
    /// ## Why is this bad?
    /// Labels are read by machines (registries, scanners, deployment tooling); a malformed value is
    /// silently ignored or breaks the tool that parses it.
    ///
    /// ## Example
    /// ```toml
    /// label-schema = { "org.opencontainers.image.created" = "rfc3339" }
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-06-01 12:00"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-06-01T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - hadolint DL3053
    pub static RULE = {
        code: "DF077",
        name: "label-not-rfc3339",
        severity: Warning,
        aliases: ["DL3053"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    super::report_label_format(input, cx, "rfc3339", valid, "an RFC 3339 time");
}

fn valid(v: &str) -> bool {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
    {
        return false;
    }
    if !matches!(b[10], b'T' | b't' | b' ')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut rest = &v[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(frac.len());
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let zone = rest.as_bytes();
    rest.eq_ignore_ascii_case("z")
        || (zone.len() == 6
            && matches!(zone[0], b'+' | b'-')
            && zone[1..3].iter().all(u8::is_ascii_digit)
            && zone[3] == b':'
            && zone[4..6].iter().all(u8::is_ascii_digit))
}
