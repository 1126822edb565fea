use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Checks the `version:` of `setup_remote_docker` steps. CircleCI's remote Docker offers
    /// tags, not arbitrary releases: `default` (the current stable engine, also what no
    /// `version` gives), `edge` (a preview) and `dockerNN` for the previous major (`docker27`);
    /// older policies also named `current` and `previous`, still accepted here. A Docker 17,
    /// 18 or 19 release (`18.05.0-ce`, `19.03.13`) is an error: CircleCI retired those engines
    /// long ago and the step fails. Any other release number is a warning: CircleCI removes
    /// each patch release once its Docker major leaves security support, so the pin breaks
    /// without notice. Checked against CircleCI's support policy on 2026-12-02.
    ///
    /// ## Why is this bad?
    /// The job fails at the step that prepares Docker, usually long after the configuration
    /// was written, and everything after it (image builds, pushes, deploys) stops.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   image:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - checkout
    ///       - setup_remote_docker:
    ///           version: 18.05.0-ce
    ///       - run: docker build -t app .
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   image:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - checkout
    ///       - setup_remote_docker:
    ///           version: default
    ///       - run: docker build -t app .
    /// ```
    ///
    /// ## References
    /// - [CircleCI: remote Docker images support policy](https://circleci.com/docs/remote-docker-images-support-policy/)
    /// - [CircleCI: run Docker commands (`setup_remote_docker`)](https://circleci.com/docs/building-docker-images/)
    pub static RULE = {
        code: "CC009",
        name: "circleci-remote-docker-version",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for step in &input.model.steps {
        if step.name != "setup_remote_docker" {
            continue;
        }
        let Some(node) = step.args.and_then(|a| a.get("version")) else {
            continue;
        };
        let Some(version) = node.as_str().map(str::trim) else {
            continue;
        };
        if version.is_empty()
            || super::is_templated(version)
            || matches!(version, "default" | "edge" | "current" | "previous")
            || version
                .strip_prefix("docker")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let major: Option<u32> = version
            .split(['.', '-'])
            .next()
            .and_then(|m| m.parse().ok());
        let d = match major {
            Some(m) if m < 20 => cx.report(
                node.span,
                format!("remote Docker `{version}` is no longer supported: CircleCI retired Docker {m} engines, so the step fails"),
            ),
            Some(_) => {
                let d = cx.report(
                    node.span,
                    format!("remote Docker `{version}` pins a release CircleCI removes once its major leaves security support"),
                );
                d.at_most(crate::Severity::Warning);
                d
            }
            None => {
                let d = cx.report(
                    node.span,
                    format!("`{version}` is not a remote Docker version CircleCI offers (`default`, `edge`, `dockerNN`)"),
                );
                d.at_most(crate::Severity::Warning);
                d
            }
        };
        d.help("use `version: default` (the current engine) or `dockerNN` for the previous major, or drop `version`");
    }
}
