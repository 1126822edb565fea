use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{Context, TravisInput};
use crate::syntax::yaml::{Node, Style};

crate::declare_rule! {
    /// ## What it does
    /// Finds a deploy condition `on: branch:` naming a branch no Git repository can have: one
    /// with a space in it, usually because a `//` "comment" became part of the value
    /// (`branch: master // deploy on push`).
    ///
    /// ## Why is this bad?
    /// Git branch names cannot contain spaces, so no build is ever on that branch and the deploy
    /// is skipped on every build, silently: the build still passes. YAML comments start with
    /// `#`; `//` is text.
    ///
    /// Only `deploy.on.branch` is checked: `branches: only:` entries may be regular expressions.
    ///
    /// ## Example
    /// ```yaml
    /// language: generic
    /// deploy:
    ///   provider: script
    ///   script: ./deploy.sh
    ///   on:
    ///     branch: master // deploy on push to master
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: generic
    /// deploy:
    ///   provider: script
    ///   script: ./deploy.sh
    ///   on:
    ///     branch: master # deploy on push to master
    /// ```
    ///
    /// ## Fix safety
    /// When the text before ` //` is a single word, the `//` becomes `#`. Safe: as written the
    /// deploy never runs, and the word is the branch meant.
    ///
    /// ## References
    /// - [Travis CI: conditional deployments (`on: branch:`)](https://docs.travis-ci.com/user/deployment-v2/conditional)
    /// - [git check-ref-format: names cannot contain a space](https://git-scm.com/docs/git-check-ref-format)
    pub static RULE = {
        code: "TR009",
        name: "travis-deploy-branch-never-matches",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for deploy in input.deploys {
        let Some(branch) = deploy.get("on").and_then(|on| on.get("branch")) else {
            continue;
        };
        let names: Vec<&Node> = match branch.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![branch],
        };
        for node in names {
            let Some(value) = node.as_str() else { continue };
            let value = value.trim();
            if !value.contains(char::is_whitespace) || value.contains('$') {
                continue;
            }
            let comment = value.find(" //");
            let message = if comment.is_some() {
                format!(
                    "`{value}` is not a branch name (the `//` text is part of the value): the deploy never runs"
                )
            } else {
                format!(
                    "`{value}` cannot be a branch name (Git names have no spaces): the deploy never runs"
                )
            };
            let d = cx.report(node.span, message);
            let name = comment.map(|at| value[..at].trim());
            let single_word = name.filter(|n| !n.is_empty() && !n.contains(char::is_whitespace));
            match single_word {
                Some(name) => d.help(format!(
                    "write `branch: {name}` and start the comment with `#`"
                )),
                None => d.help("name the branch exactly; YAML comments start with `#`"),
            };
            let plain = node.as_scalar().is_some_and(|s| s.style == Style::Plain);
            let raw = input.text.get(node.span.start..node.span.end);
            if let (Some(_), Some(at), true, Some(raw)) = (single_word, comment, plain, raw)
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
}
