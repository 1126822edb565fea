use crate::diagnostic::Fix;
use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds the `sudo:` key, at the top level or in a job of `jobs.include`.
    ///
    /// ## Why is this bad?
    /// Travis retired its container-based infrastructure in 2018: every Linux job runs in a
    /// virtual machine where `sudo` is available, and the key has no effect anymore (travis-yml,
    /// which reads the file for Travis, marks it deprecated). `sudo: required` suggests a choice
    /// that no longer exists, and `sudo: false` a sandbox the job does not have.
    ///
    /// ## Example
    /// ```yaml
    /// language: generic
    /// sudo: required
    /// script: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: generic
    /// script: make test
    /// ```
    ///
    /// ## Fix safety
    /// The line is deleted. Safe: Travis ignores the key. No fix when the key starts a list item
    /// (`- sudo: false`) or shares its line with other keys.
    ///
    /// ## References
    /// - [Travis CI blog: the container-based infrastructure is deprecated (2018)](https://blog.travis-ci.com/2018-10-04-combining-linux-infrastructures)
    /// - [travis-yml: `sudo` "has no effect anymore"](https://github.com/travis-ci/travis-yml/blob/master/lib/travis/yml/schema/def/sudo.rb)
    pub static RULE = {
        code: "TR001",
        name: "travis-sudo-obsolete",
        severity: Info,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    for job in crate::kinds::travis::job_nodes(root) {
        let Some(entry) = job.entry("sudo") else {
            continue;
        };
        let d = cx.report(
            entry.key.span.cover(entry.value.span),
            "`sudo` is obsolete: Travis ignores it since every Linux job got a full VM (2018)",
        );
        d.help("delete the line");
        if let Some(edit) = super::delete_entry_line(input.text, entry) {
            d.fix(Fix::safe("delete the `sudo` line", vec![edit]));
        }
    }
}
