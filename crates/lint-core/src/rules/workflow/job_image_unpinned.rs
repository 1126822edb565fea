use crate::rule::{Context, WorkflowInput};
use crate::syntax::dockerfile::model::ImageRef;
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds a job's container or service image given without a tag or digest, or at
    /// `latest`: `container: node`, `services: {db: {image: postgres:latest}}`. An image from an
    /// expression (`${{ matrix.image }}`) is left alone; a tag without a digest is accepted
    /// (GA004 and the actions' pinning rules are about `uses:`).
    ///
    /// ## Why is this bad?
    /// `latest` moves: the job runs in whatever the image's maintainers pushed last, so a run
    /// that passed yesterday fails today with nothing changed in the repository, and an image
    /// whose publisher is compromised runs in the job with its token and secrets.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     services:
    ///       db:
    ///         image: postgres:latest
    ///     steps:
    ///       - run: npm test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     services:
    ///       db:
    ///         image: postgres:17.2
    ///     steps:
    ///       - run: npm test
    /// ```
    ///
    /// ## References
    /// - [GitHub: running jobs in a container](https://docs.github.com/en/actions/writing-workflows/choosing-where-your-workflow-runs/running-jobs-in-a-container)
    /// - [zizmor: unpinned-images](https://docs.zizmor.sh/audits/#unpinned-images)
    pub static RULE = {
        code: "GA041",
        name: "job-image-unpinned",
        severity: Warning,
        aliases: ["unpinned-images"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        if let Some(container) = job.node.get("container") {
            let image = if container.as_map().is_some() {
                container.get("image")
            } else {
                Some(container)
            };
            if let Some(image) = image {
                report(cx, image, "the job's container");
            }
        }
        for service in job
            .node
            .get("services")
            .and_then(Node::as_map)
            .unwrap_or_default()
        {
            if let Some(image) = service.value.get("image") {
                let name = service.key.as_str().unwrap_or("");
                report(cx, image, &format!("the service `{name}`"));
            }
        }
    }
}

fn report(cx: &mut Context<'_>, node: &Node, what: &str) {
    let Some(text) = node.as_str().map(str::trim) else {
        return;
    };
    if text.is_empty() || text.contains("${{") {
        return;
    }
    let image = ImageRef::parse(text);
    if image.digest().is_some() {
        return;
    }
    let message = match image.tag() {
        None => format!("{what} runs `{text}` without a tag: GitHub pulls `latest`, which moves"),
        Some(tag) if tag.eq_ignore_ascii_case("latest") => {
            format!("{what} runs `{text}`: `latest` moves with every push of the image")
        }
        Some(_) => return,
    };
    cx.report(node.span, message).help(format!(
        "name a version tag (`{}:<version>`), or a digest (`@sha256:...`) to pin it exactly",
        text.rsplit_once(':')
            .filter(|(_, tag)| !tag.contains('/'))
            .map_or(text, |(name, _)| name)
    ));
}
