use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `aws ecr get-login` in a phase's commands, also inside `$( ... )` (the usual
    /// `$(aws ecr get-login --no-include-email)` form).
    ///
    /// ## Why is this bad?
    /// `get-login` was removed in version 2 of the AWS CLI, which CodeBuild's current images
    /// ship: the command fails with "Invalid choice" and the build stops at the login. Version 2
    /// prints only the password (`get-login-password`), which goes to `docker login` on standard
    /// input, so it never shows in the process list or the build log either.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   pre_build:
    ///     commands:
    ///       - $(aws ecr get-login --region $AWS_DEFAULT_REGION --no-include-email)
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   pre_build:
    ///     commands:
    ///       - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin "$(aws sts get-caller-identity --query Account --output text).dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com"
    /// ```
    ///
    /// ## Fix safety
    /// Offered when the whole command is `$(aws ecr get-login ...)` with no options beyond
    /// `--region`, `--no-include-email` / `--include-email` and one `--registry-ids` account: it
    /// becomes the v2 pipe into `docker login --password-stdin`. The registry is the account's
    /// (`get-login` logged in to the caller's own registry when no `--registry-ids` is given, which
    /// `aws sts get-caller-identity` tells at run time). Safe when `--region` is written; without it
    /// the fix assumes `$AWS_DEFAULT_REGION` (which CodeBuild sets) for the registry's host, so it
    /// is unsafe. No fix inside a quoted string, for `eval $(...)` or a pipe through other commands.
    ///
    /// ## References
    /// - [AWS CLI v2 migration guide: `aws ecr get-login` removed](https://docs.aws.amazon.com/cli/latest/userguide/cliv2-migration-changes.html#cliv2-migration-ecr-get-login)
    /// - [Amazon ECR: registry authentication](https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html)
    pub static RULE = {
        code: "BS001",
        name: "ecr-get-login-removed",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    for cmd in input.shell_commands().filter(|c| c.is("aws")) {
        let words: Vec<&str> = cmd.args().iter().map(|w| w.value.as_str()).collect();
        let Some(ecr) = words.iter().position(|w| *w == "ecr") else {
            continue;
        };
        let Some(i) = words[ecr..].iter().position(|w| *w == "get-login") else {
            continue;
        };
        let word = &cmd.args()[ecr + i];
        let options = LoginOptions::of(&words);
        let region = options
            .region
            .clone()
            .unwrap_or_else(|| "$AWS_DEFAULT_REGION".to_string());
        let d = cx
            .report(
                word.span,
                "`aws ecr get-login` was removed in AWS CLI v2 (CodeBuild's current images): the login fails",
            )
            .help(format!(
                "log in with `aws ecr get-login-password --region {region} | docker login --username AWS --password-stdin <account>.dkr.ecr.{region}.amazonaws.com`"
            ));
        if let Some(fix) = v2_fix(input.text, cmd, &options) {
            d.fix(fix);
        }
    }
}

/// What an `aws ecr get-login` command line says; `known` is false when it has words the v2
/// form cannot carry over.
struct LoginOptions {
    region: Option<String>,
    registry: Option<String>,
    known: bool,
}

impl LoginOptions {
    fn of(words: &[&str]) -> LoginOptions {
        let mut out = LoginOptions {
            region: None,
            registry: None,
            known: true,
        };
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            match w {
                "ecr" | "get-login" | "--no-include-email" | "--include-email" => {}
                "--region" | "--registry-ids" => {
                    let value = words.get(i + 1).map(|v| v.to_string());
                    let next_is_value = words.get(i + 2).is_none_or(|n| n.starts_with('-'));
                    if w == "--region" {
                        out.region = value;
                    } else {
                        out.registry = value;
                        // More than one account: several logins, no one-line replacement.
                        out.known &= next_is_value;
                    }
                    i += 1;
                }
                _ => match w.strip_prefix("--region=") {
                    Some(r) => out.region = Some(r.to_string()),
                    None => out.known = false,
                },
            }
            i += 1;
        }
        out.known &= out.region.as_deref() != Some("") && out.registry.as_deref() != Some("");
        out
    }
}

/// The v2 login replacing a whole-command `$(aws ecr get-login ...)` (see the rule's fix safety).
fn v2_fix(
    text: &str,
    cmd: &crate::syntax::shell::Command,
    options: &LoginOptions,
) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Edit, Fix, Span};
    if !options.known || cmd.stage != 0 || !cmd.assignments.is_empty() {
        return None;
    }
    let program = cmd.words.first()?;
    let open = program.span.start.checked_sub(2)?;
    if text.get(open..program.span.start) != Some("$(")
        || text.get(program.span.start..program.span.end) != Some("aws")
    {
        return None;
    }
    let after = &text[cmd.span.end..];
    let close = cmd.span.end + after.find(|c: char| c != ' ' && c != '\t')?;
    if text.as_bytes().get(close) != Some(&b')') {
        return None;
    }
    // The substitution is the whole command: only a list operator (or nothing) on either side.
    let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..open].trim();
    let line_end = text[close..].find('\n').map_or(text.len(), |i| close + i);
    let rest = text[close + 1..line_end].trim_start();
    let separator =
        |s: &str| s.is_empty() || s == "-" || ["&&", "||", ";"].iter().any(|o| s.ends_with(o));
    let follows = |s: &str| {
        s.is_empty() || s.starts_with('#') || ["&&", "||", ";"].iter().any(|o| s.starts_with(o))
    };
    if !separator(before) || !follows(rest) || !crate::rules::shell::outside_quotes(text, open) {
        return None;
    }
    let region = options.region.as_deref();
    let host_region = region.unwrap_or("$AWS_DEFAULT_REGION");
    let account = match &options.registry {
        Some(id) => id.clone(),
        None => "$(aws sts get-caller-identity --query Account --output text)".to_string(),
    };
    let region_option = region.map_or(String::new(), |r| format!(" --region {r}"));
    let login = format!(
        "aws ecr get-login-password{region_option} | docker login --username AWS --password-stdin \"{account}.dkr.ecr.{host_region}.amazonaws.com\""
    );
    let message =
        "log in the AWS CLI v2 way (`get-login-password | docker login --password-stdin`)";
    let edits = vec![Edit::replace(Span::new(open, close + 1), login)];
    Some(if region.is_some() {
        Fix::safe(message, edits)
    } else {
        Fix::unsafe_(message, edits)
    })
}
