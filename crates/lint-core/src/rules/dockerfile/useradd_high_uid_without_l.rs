use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::{split_arg, unquote};

crate::declare_rule! {
    /// ## What it does
    /// Finds `useradd` with a large UID (six digits or more) but without `-l` / `--no-log-init`.
    ///
    /// The UID may be attached (`-u1000000`, `--uid=1000000`) or a variable (`-u $UID`): a
    /// variable counts when the Dockerfile gives its value (an `ARG UID=1000000` or `ENV` in
    /// scope, a global ARG's default, a build argument Compose passes). A variable whose value is
    /// unknown here is not reported (hadolint reports every variable UID, even `ARG UID=1000`).
    ///
    /// ## Why is this bad?
    /// useradd records the user in `/var/log/lastlog`, a sparse file indexed by UID; in an image layer
    /// the sparse file is stored in full, so a UID of 1,000,000 adds hundreds of megabytes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd -l -u 1000000 app
    /// ```
    ///
    /// ## References
    /// - hadolint DL3046
    pub static RULE = {
        code: "DF059",
        name: "useradd-high-uid-without-l",
        severity: Warning,
        aliases: ["DL3046"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (at, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("useradd")) {
            if cmd.has_flag(&["-l", "--no-log-init"]) {
                continue;
            }
            let args = cmd.args();
            let written = args
                .iter()
                .enumerate()
                .find_map(|(i, w)| match w.value.as_str() {
                    "-u" | "--uid" => args.get(i + 1).map(|v| v.value.clone()),
                    v => v
                        .strip_prefix("--uid=")
                        .or_else(|| v.strip_prefix("-u").filter(|rest| !rest.is_empty()))
                        .map(String::from),
                });
            let Some(written) = written else { continue };
            let (uid, via) = match crate::rules::shell::parameter_word(&written) {
                Some(name) => match literal_value(input, at, name) {
                    Some(value) => (value, format!(" (`{written}`)")),
                    None => continue,
                },
                None => (written, String::new()),
            };
            if uid.len() > 5 && uid.chars().all(|c| c.is_ascii_digit()) {
                cx.report(cmd.span, format!("useradd with UID {uid}{via} and without -l writes a huge sparse lastlog into the layer"))
                    .help("add `-l` (`--no-log-init`)");
            }
        }
    }
}

/// The value `name` has at instruction `at` when the Dockerfile gives it literally: the last
/// `ENV` or `ARG` default before `at` in its stage and the stages it builds on (an `ENV` wins over
/// a later `ARG`, as in BuildKit), the build argument Compose passes, or for a bare `ARG name`
/// the global ARG's default. `None` when the value is unknown (no default, another variable).
fn literal_value(input: &DockerfileInput<'_>, at: usize, name: &str) -> Option<String> {
    let model = input.model;
    let stage = model.stage_of(at)?;
    let passed = input
        .build
        .and_then(|b| b.args.iter().rev().find(|(n, _)| n == name))
        .map(|(_, v)| v.clone());
    let mut value: Option<String> = None;
    let mut from_env = false;
    for &s in model.ancestry(stage.index).iter().rev() {
        for (i, ins) in super::stage_body(model, &model.stages[s]) {
            if i >= at {
                break;
            }
            match ins.keyword {
                Keyword::Env => {
                    for pair in ins.pairs().iter().filter(|p| p.key.value == name) {
                        value = Some(unquote(&pair.value.value));
                        from_env = true;
                    }
                }
                Keyword::Arg if !from_env => {
                    for arg in &ins.args {
                        let (declared, default) = split_arg(arg);
                        if declared.value == name {
                            value = match &passed {
                                Some(v) => v.clone(),
                                None => default
                                    .or_else(|| model.global_default(name).cloned().flatten()),
                            };
                        }
                    }
                }
                _ => {}
            }
        }
    }
    value.filter(|v| !v.contains('$'))
}
