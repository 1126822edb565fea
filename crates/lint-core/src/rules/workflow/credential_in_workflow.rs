use crate::rule::{Context, WorkflowInput};
use crate::secrets::{Verdict, judge_with};
use crate::syntax::yaml::{Node, Typed};

crate::declare_rule! {
    /// ## What it does
    /// Finds a credential written into the workflow as a literal rather than read from
    /// `secrets`. It looks at the registry password of a job's `container:` or of a service
    /// container (`credentials.password`), at values under credential-looking names
    /// (`API_TOKEN`, `DB_PASSWORD`, `password`, `api-key`) in an `env:` of the workflow, a job
    /// or a step and in a step's `with:`, and for known token formats (AWS key, GitHub, npm or
    /// Slack token, private key) in all of those. The value is masked in every output.
    ///
    /// Values built from expressions (`${{ secrets.REGISTRY_PASSWORD }}`, `${{ env.X }}`) are
    /// the right way and never reported. A placeholder (`changeme`, `password`, a value shorter
    /// than 8 characters, typed words of low entropy; the judgement every rlint kind uses) is
    /// reported as `info`. The `env:` of a service container (`POSTGRES_PASSWORD: postgres` for
    /// the throwaway database of a test job) is only checked for known token formats: that
    /// password lives and dies with the job and protects nothing.
    ///
    /// ## Why is this bad?
    /// The workflow file is readable by everyone who can read the repository — the whole
    /// internet for a public one — and stays in its history after the value is changed. GitHub
    /// masks secrets in logs only when they come from `secrets`; a literal is printed as it is.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     container:
    ///       image: ghcr.io/acme/builder:1.4
    ///       credentials:
    ///         username: acme-ci
    ///         password: q8Vz3mLr0TfKx7
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     container:
    ///       image: ghcr.io/acme/builder:1.4
    ///       credentials:
    ///         username: acme-ci
    ///         password: ${{ secrets.REGISTRY_PASSWORD }}
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## References
    /// - [GitHub: using secrets in GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions)
    /// - [GitHub: running jobs in a container, credentials](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainercredentials)
    /// - [zizmor: hardcoded-container-credentials](https://docs.zizmor.sh/audits/#hardcoded-container-credentials)
    /// - actionlint: `credentials`
    pub static RULE = {
        code: "GA021",
        name: "credential-in-workflow",
        severity: Error,
        aliases: ["hardcoded-container-credentials", "credentials"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Where a setting is, for the message.
struct Place<'a> {
    /// `env:` of the job `build`, `with:` of a step of the job `build`...
    what: String,
    /// Only known token formats count (a service container's own environment).
    tokens_only: bool,
    node: &'a Node,
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    // Demo words: the job ids, service names and images the file itself uses.
    let mut names: Vec<String> = Vec::new();
    let mut places: Vec<Place<'_>> = Vec::new();
    let mut registries: Vec<(String, &Node, Option<&str>)> = Vec::new();
    if let Some(env) = root.get("env") {
        places.push(Place {
            what: "the workflow's `env:`".into(),
            tokens_only: false,
            node: env,
        });
    }
    for job in input.jobs {
        names.push(job.id.to_string());
        let id = job.id;
        if let Some(env) = job.node.get("env") {
            places.push(Place {
                what: format!("`env:` of the job `{id}`"),
                tokens_only: false,
                node: env,
            });
        }
        let mut containers: Vec<(String, &Node, bool)> = Vec::new();
        if let Some(container) = job.node.get("container") {
            containers.push((format!("the container of the job `{id}`"), container, false));
        }
        for service in job
            .node
            .get("services")
            .and_then(Node::as_map)
            .unwrap_or_default()
        {
            let name = service.key.as_str().unwrap_or("");
            names.push(name.to_string());
            containers.push((
                format!("the service `{name}` of the job `{id}`"),
                &service.value,
                true,
            ));
        }
        for (what, container, service) in containers {
            if let Some(image) = container
                .get("image")
                .or(Some(container))
                .and_then(Node::as_str)
            {
                let repository = image.split(['@', ':']).next().unwrap_or("");
                names.extend(repository.rsplit('/').next().map(str::to_string));
            }
            if let Some(env) = container.get("env") {
                places.push(Place {
                    what: format!("`env:` of {what}"),
                    tokens_only: service,
                    node: env,
                });
            }
            let credentials = container.get("credentials");
            let user = credentials
                .and_then(|c| c.get("username"))
                .and_then(Node::as_str);
            names.extend(user.map(str::to_string));
            if let Some(password) = credentials.and_then(|c| c.get("password")) {
                registries.push((what, password, user));
            }
        }
        for (i, step) in job.steps.iter().enumerate() {
            let step_name = step
                .node
                .get("name")
                .or(step.node.get("id"))
                .and_then(Node::as_str)
                .map_or_else(|| format!("step {}", i + 1), |n| format!("the step `{n}`"));
            for key in ["env", "with"] {
                if let Some(node) = step.node.get(key) {
                    places.push(Place {
                        what: format!("`{key}:` of {step_name} of the job `{id}`"),
                        tokens_only: false,
                        node,
                    });
                }
            }
        }
    }
    for (what, password, _user) in registries {
        report(
            cx,
            "password",
            password,
            &format!("the registry password of {what}"),
            false,
            &names,
        );
    }
    for place in places {
        for entry in place.node.as_map().unwrap_or_default() {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            report(
                cx,
                key,
                &entry.value,
                &format!("`{key}` in {}", place.what),
                place.tokens_only,
                &names,
            );
        }
    }
}

fn report(
    cx: &mut Context<'_>,
    key: &str,
    value: &Node,
    what: &str,
    tokens_only: bool,
    names: &[String],
) {
    let Some(text) = value.as_str() else {
        return;
    };
    // An expression is computed at run time: `${{ secrets.X }}`, `Bearer ${{ env.T }}`. A
    // switch (`persist-credentials: false`, `use-token: true`) or a number is no credential.
    let switch = matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off"
    );
    let scalar = value.as_scalar().map(|s| s.typed());
    let number = matches!(scalar, Some(Typed::Int(_) | Typed::Float(_)));
    if text.trim().is_empty() || text.contains("${{") || switch || number {
        return;
    }
    match judge_with(key, text, || names) {
        Some(Verdict::Token { what: kind, shown }) => {
            cx.report(value.span, format!("{kind} `{shown}` is written into {what}"))
                .help("revoke it, store it as a repository or environment secret and use `${{ secrets.NAME }}`")
                .secret();
        }
        Some(Verdict::Credential { shown, demo }) if !tokens_only && !names_variables(text) => {
            let kind = if demo {
                "a literal placeholder credential"
            } else {
                "a literal credential"
            };
            let d = cx
                .report(value.span, format!("{what} is {kind} (`{shown}`)"))
                .help(
                    "store it as a repository or environment secret and use `${{ secrets.NAME }}`",
                )
                .secret();
            if demo {
                d.at_most(crate::Severity::Info);
            }
        }
        _ => {}
    }
}

/// A value that lists variable names (`CIBW_ENVIRONMENT_PASS_LINUX: CCACHE_DIR CCACHE_BASEDIR`,
/// where `PASS` means "pass through"), or spans lines (a script, a list): not one credential.
fn names_variables(value: &str) -> bool {
    let value = value.trim();
    value.contains('\n')
        || (value.contains(|c: char| c.is_whitespace() || c == ',')
            && value
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .all(|w| {
                    w.starts_with(|c: char| c.is_ascii_uppercase())
                        && w.bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                }))
}
