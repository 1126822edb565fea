use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, TravisInput};
use crate::syntax::yaml::Style;

crate::declare_rule! {
    /// ## What it does
    /// Finds the top-level `matrix:` key, the old name of `jobs:`.
    ///
    /// ## Why is this bad?
    /// Travis renamed the build matrix settings (`include`, `exclude`, `allow_failures`,
    /// `fast_finish`) to `jobs:`; `matrix:` still works as an alias, so this is only about
    /// reading the current documentation without translating. Off by default for that reason.
    ///
    /// ## Example
    /// ```yaml
    /// language: python
    /// matrix:
    ///   fast_finish: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: python
    /// jobs:
    ///   fast_finish: true
    /// ```
    ///
    /// ## Fix safety
    /// The key is renamed. Safe: travis-yml reads `matrix` as `jobs`. No fix when the file has a
    /// `jobs:` key as well (the two would have to be merged by hand).
    ///
    /// ## References
    /// - [Travis CI: build matrix (`jobs`)](https://docs.travis-ci.com/user/build-matrix/)
    /// - [travis-yml: `matrix` is an alias of `jobs`](https://github.com/travis-ci/travis-yml/blob/master/lib/travis/yml/schema/def/root.rb)
    pub static RULE = {
        code: "TR002",
        name: "travis-matrix-renamed-jobs",
        severity: Style,
        aliases: [],
        fix: Sometimes,
        default: false,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let Some(entry) = root.entry("matrix") else {
        return;
    };
    let d = cx.report(
        entry.key.span,
        "`matrix:` is the old name of `jobs:` (still read as an alias)",
    );
    if root.get("jobs").is_some() {
        d.help("merge its settings into the `jobs:` section");
        return;
    }
    d.help("rename it to `jobs:`");
    if entry
        .key
        .as_scalar()
        .is_some_and(|s| s.style == Style::Plain)
    {
        d.fix(Fix::safe(
            "rename `matrix` to `jobs`",
            vec![Edit::replace(entry.key.span, "jobs")],
        ));
    }
}
