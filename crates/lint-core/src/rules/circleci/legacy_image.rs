use crate::diagnostic::{Edit, Fix};
use crate::kinds::circleci::ImageOf;
use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds CircleCI's legacy convenience images (`circleci/node`, `circleci/python`,
    /// `circleci/buildpack-deps`...) in a `docker:` executor, with the `cimg/` image that
    /// replaces each, and the machine images CircleCI removed (`circleci/classic`,
    /// `ubuntu-1604`). Only the images of CircleCI's published deprecation list are named;
    /// other `circleci/` images are left alone.
    ///
    /// ## Why is this bad?
    /// The legacy images have had no updates since CircleCI deprecated them (end of 2021): no
    /// security fixes, old tool versions, and tags that may disappear. A removed machine image
    /// fails the job before it starts (`circleci config validate` rejects it too). Legacy
    /// images are warnings, removed machine images errors.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   test:
    ///     docker:
    ///       - image: circleci/node:14
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   test:
    ///     docker:
    ///       - image: cimg/node:14
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## Fix safety
    /// The repository is renamed (`circleci/node` → `cimg/node`), the tag kept. Unsafe: the
    /// `cimg` images have other tags (`cimg/node` has full versions such as `20.11.1`, no
    /// `-stretch` variants), so the tag may need changing too.
    ///
    /// ## References
    /// - [CircleCI Discuss: legacy convenience image deprecation](https://discuss.circleci.com/t/legacy-convenience-image-deprecation/41034)
    /// - [CircleCI: convenience images](https://circleci.com/developer/images)
    /// - [circleci-cli: removed machine images (`cmd/deprecated-images.go`)](https://github.com/CircleCI-Public/circleci-cli/blob/main/cmd/deprecated-images.go)
    pub static RULE = {
        code: "CC008",
        name: "circleci-legacy-image",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Circleci(check),
    }
}

/// Legacy `circleci/` repositories and the `cimg/` image that replaces each.
const LEGACY: [(&str, &str); 17] = [
    ("android", "cimg/android"),
    ("buildpack-deps", "cimg/base"),
    ("clojure", "cimg/clojure"),
    ("elixir", "cimg/elixir"),
    ("golang", "cimg/go"),
    ("jruby", "cimg/openjdk"),
    ("mariadb", "cimg/mariadb"),
    ("mongo", "mongo"),
    ("mysql", "cimg/mysql"),
    ("node", "cimg/node"),
    ("openjdk", "cimg/openjdk"),
    ("php", "cimg/php"),
    ("postgres", "cimg/postgres"),
    ("python", "cimg/python"),
    ("redis", "cimg/redis"),
    ("ruby", "cimg/ruby"),
    ("rust", "cimg/rust"),
];

/// Machine image families CircleCI removed.
const REMOVED_MACHINE: [&str; 3] = ["circleci/classic", "ubuntu-1604", "ubuntu-1404"];

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for image in &input.model.images {
        let Some(value) = image.node.as_str() else {
            continue;
        };
        let value = value.trim();
        if image.of == ImageOf::Machine {
            let family = value.split(':').next().unwrap_or(value);
            if REMOVED_MACHINE.contains(&family) {
                cx.report(
                    image.node.span,
                    format!("machine image `{value}` was removed by CircleCI: the job fails before it starts"),
                )
                .help("use a current machine image, e.g. `ubuntu-2404:current`");
            }
            continue;
        }
        let Some(rest) = value.strip_prefix("circleci/") else {
            continue;
        };
        let repo = rest.split([':', '@']).next().unwrap_or(rest);
        let Some(&(_, new)) = LEGACY.iter().find(|(old, _)| *old == repo) else {
            continue;
        };
        let d = cx.report(
            image.node.span,
            format!("`circleci/{repo}` is a legacy image, without updates since CircleCI deprecated it in 2021: use `{new}`"),
        );
        d.at_most(crate::Severity::Warning);
        d.help(format!(
            "`{new}` has its own tags; check the one you need at circleci.com/developer/images"
        ));
        let raw = input
            .text
            .get(image.node.span.start..image.node.span.end)
            .unwrap_or("");
        if let Some(at) = raw.find(&format!("circleci/{repo}")) {
            let start = image.node.span.start + at;
            d.fix(Fix::unsafe_(
                format!("use `{new}`"),
                vec![Edit::replace(
                    crate::Span::new(start, start + "circleci/".len() + repo.len()),
                    new,
                )],
            ));
        }
    }
}
