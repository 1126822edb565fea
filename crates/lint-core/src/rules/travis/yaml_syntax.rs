use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `.travis.yml` that is not valid YAML, at the exact position, with the usual
    /// causes named: text after a quoted value (`region: "us-east-2" // where`), a `//`
    /// "comment" where YAML needs a key (YAML comments start with `#`), tabs used for
    /// indentation, an alias to an anchor that does not exist, and aliases that would expand
    /// without bound. YAML is read as leniently as for Compose files (see DC000).
    ///
    /// A file of more than 250,000 values (keys, values and list items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// Travis cannot read the file: the build request is rejected with "Build config could not
    /// be parsed" and no job runs. Nothing else can be checked until the file parses.
    ///
    /// ## Example
    /// ```yaml
    /// language: generic
    /// deploy:
    ///   provider: elasticbeanstalk
    ///   region: "us-east-2" // the bucket's region
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: generic
    /// deploy:
    ///   provider: elasticbeanstalk
    ///   # the bucket's region
    ///   region: "us-east-2"
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on. Safe:
    /// Travis refuses the file as written.
    ///
    /// ## References
    /// - [Travis CI: validating build configuration](https://docs.travis-ci.com/user/build-config-validation/)
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "TR000",
        name: "travis-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        fix: Sometimes,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    crate::rules::yaml::report_problems(input.text, input.yaml, cx);
}
