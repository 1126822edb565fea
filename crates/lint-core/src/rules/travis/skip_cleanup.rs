use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `skip_cleanup:` in a `deploy` section.
    ///
    /// ## Why is this bad?
    /// `skip_cleanup` belongs to version 1 of Travis's deploy tool (dpl). Version 2 does not
    /// know it (travis-yml: "not supported in dpl v2, use cleanup"): it keeps the files the build
    /// made by default and cleans the working tree only with `cleanup: true`. A file that still
    /// says `skip_cleanup` was written for dpl v1, whose providers and options differ in places;
    /// check it against the v2 documentation when moving.
    ///
    /// ## Example
    /// ```yaml
    /// language: node_js
    /// deploy:
    ///   provider: pages
    ///   skip_cleanup: true
    ///   token: $GITHUB_TOKEN
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: node_js
    /// deploy:
    ///   provider: pages
    ///   token: $GITHUB_TOKEN
    /// ```
    ///
    /// ## Fix safety
    /// No fix: under dpl v1 deleting `skip_cleanup: true` would delete the built files before the
    /// deploy; only the author knows which dpl the build uses.
    ///
    /// ## References
    /// - [Travis CI: Deployment (v2), cleanup](https://docs.travis-ci.com/user/deployment-v2#cleaning-up-the-git-working-directory)
    /// - [travis-yml: `skip_cleanup` deprecated](https://github.com/travis-ci/travis-yml/blob/master/lib/travis/yml/schema/def/deploy/deploy.rb)
    pub static RULE = {
        code: "TR003",
        name: "travis-deploy-skip-cleanup",
        severity: Info,
        aliases: [],
        fix: None,
        default: true,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for deploy in input.deploys {
        let Some(entry) = deploy.entry("skip_cleanup") else {
            continue;
        };
        let keep = entry.value.as_str().is_some_and(|v| v == "true");
        cx.report(
            entry.key.span,
            "`skip_cleanup` is a dpl v1 option: dpl v2 (`edge: true`) ignores it",
        )
        .help(if keep {
            "delete it: dpl v2 keeps the build's files unless `cleanup: true` is set"
        } else {
            "replace it with `cleanup: true` to clean the working tree before the deploy (dpl v2)"
        });
    }
}
