use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{Context, TravisInput};
use crate::syntax::yaml::Style;

crate::declare_rule! {
    /// ## What it does
    /// Finds a deploy `provider:` that is not one of Travis's deploy providers (the list
    /// travis-yml validates against, any letter case), such as a typo (`heroko`) or a value with
    /// a `//` "comment" in it.
    ///
    /// ## Why is this bad?
    /// There is no such provider, so the deploy does not happen: travis-yml rejects the value and
    /// dpl cannot load a provider of that name. In `provider: elasticbeanstalk // AWS` the
    /// `// AWS` is no comment (YAML comments start with `#`): the provider's name is the whole
    /// text, `elasticbeanstalk // AWS`.
    ///
    /// ## Example
    /// ```yaml
    /// language: generic
    /// deploy:
    ///   provider: elasticbeanstalk // deploy to AWS
    ///   region: us-east-2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: generic
    /// deploy:
    ///   provider: elasticbeanstalk # deploy to AWS
    ///   region: us-east-2
    /// ```
    ///
    /// ## Fix safety
    /// When the value is a known provider followed by a `//` "comment", the `//` becomes `#`.
    /// Safe: the deploy cannot run as written, and the name before the comment is a provider.
    /// Typos get a did-you-mean but no fix.
    ///
    /// ## References
    /// - [Travis CI: deployment providers](https://docs.travis-ci.com/user/deployment-v2)
    /// - [travis-yml: the providers (`schema/def/deploy/`)](https://github.com/travis-ci/travis-yml/tree/master/lib/travis/yml/schema/def/deploy)
    pub static RULE = {
        code: "TR006",
        name: "travis-unknown-deploy-provider",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Travis(check),
    }
}

/// The providers travis-yml defines (`lib/travis/yml/schema/def/deploy/*.rb`), dpl v1 and v2.
const PROVIDERS: [&str; 54] = [
    "anynines",
    "appfog",
    "atlas",
    "azure_web_apps",
    "bintray",
    "bitballoon",
    "bluemix_cloudfoundry",
    "boxfuse",
    "cargo",
    "catalyze",
    "chef_supermarket",
    "cloud66",
    "cloudcontrol",
    "cloudfiles",
    "cloudformation",
    "cloudfoundry",
    "codedeploy",
    "convox",
    "datica",
    "deis",
    "divshot",
    "ecr",
    "elasticbeanstalk",
    "engineyard",
    "firebase",
    "flynn",
    "gae",
    "gcs",
    "git_push",
    "gleis",
    "hackage",
    "hephy",
    "heroku",
    "lambda",
    "launchpad",
    "modulus",
    "netlify",
    "npm",
    "nuget",
    "openshift",
    "opsworks",
    "packagecloud",
    "pages",
    "puppetforge",
    "pypi",
    "releases",
    "rubygems",
    "s3",
    "scalingo",
    "script",
    "snap",
    "surge",
    "testfairy",
    "transifex",
];

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for deploy in input.deploys {
        let Some(node) = deploy.get("provider") else {
            continue;
        };
        let Some(value) = node.as_str() else { continue };
        let lower = value.trim().to_ascii_lowercase();
        if lower.is_empty() || lower.contains('$') || PROVIDERS.contains(&lower.as_str()) {
            continue;
        }
        let comment = value.find(" //");
        let name = comment.map_or(value, |at| &value[..at]).trim();
        let known = PROVIDERS.contains(&name.to_ascii_lowercase().as_str());
        let message = if comment.is_some() {
            format!(
                "`{value}` is not a deploy provider: the `//` text is part of the value (YAML comments start with `#`)"
            )
        } else {
            format!("`{value}` is not a Travis deploy provider: the deploy cannot run")
        };
        let d = cx.report(node.span, message);
        if known {
            d.help(format!(
                "write `provider: {name}` and start the comment with `#`"
            ));
        } else if let Some(near) = crate::suggest::did_you_mean(name, &PROVIDERS) {
            d.help(format!("did you mean `{near}`?"));
        } else {
            d.help("use one of the providers of https://docs.travis-ci.com/user/deployment-v2");
        }
        let plain = node.as_scalar().is_some_and(|s| s.style == Style::Plain);
        let raw = input.text.get(node.span.start..node.span.end);
        if let (true, true, Some(at), Some(raw)) = (known, plain, comment, raw)
            && raw == value
        {
            let slashes = node.span.start + at + 1;
            d.fix(Fix::safe(
                "make the `//` text a `#` comment",
                vec![Edit::replace(Span::new(slashes, slashes + 2), "#")],
            ));
        }
    }
}
