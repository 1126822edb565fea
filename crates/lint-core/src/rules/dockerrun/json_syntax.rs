use crate::rule::{Context, DockerrunInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `Dockerrun.aws.json` that is not valid JSON, at the exact line and column, with
    /// the usual causes named: a `#` or `//` "comment" (JSON has none), a missing `,` between two
    /// members (reported at the end of the line that needs it), a trailing `,` before `}` or `]`,
    /// single quotes, an unterminated string or a truncated file.
    ///
    /// JSON is read as Elastic Beanstalk reads it (Go's `encoding/json`, RFC 8259): what that
    /// accepts, this accepts.
    ///
    /// A file of more than 250,000 values (keys, values and array items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// Beanstalk refuses the file and the deployment fails, often with an error far from the
    /// cause. Nothing else in the file can be checked until it parses.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "volumes": [
    ///     {
    ///       "name": "app",
    ///       "host": { "sourcePath": "/var/app/current" } # where Beanstalk unpacks the bundle
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "volumes": [
    ///     {
    ///       "name": "app",
    ///       "host": { "sourcePath": "/var/app/current" }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - [RFC 8259: The JSON Data Interchange Format](https://www.rfc-editor.org/rfc/rfc8259)
    /// - [Elastic Beanstalk: Dockerrun.aws.json v2](https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create_deploy_docker_v2config.html)
    pub static RULE = {
        code: "DR000",
        name: "dockerrun-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        check: Dockerrun(check),
    }
}

fn check(input: &DockerrunInput<'_>, cx: &mut Context<'_>) {
    crate::rules::json::report_syntax_error(input.json, cx);
}
