use crate::rule::{Context, DockerrunInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds credentials written in plain text in a container's `environment` of a version 2
    /// `Dockerrun.aws.json`: a value in a known credential format (AWS access key, GitHub/npm/
    /// Slack token, private key, a URL with `user:password@`), or a literal value under a name
    /// that holds a credential (`DB_PASSWORD`, `API_TOKEN`). The value is masked in every output.
    /// Demo placeholders (`changeme`, short or dictionary-like values; the judgement the Compose
    /// and buildspec rules make) are reported as `info`; paths are not reported.
    ///
    /// ## Why is this bad?
    /// The file is committed and uploaded in every application bundle, and the value shows in the
    /// ECS task definition to anyone who can describe it. A `secrets` entry with `valueFrom`
    /// (Secrets Manager or SSM Parameter Store) puts it into the container at start instead.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [
    ///     { "name": "app", "image": "app:1.0", "memory": 256,
    ///       "environment": [{ "name": "DB_PASSWORD", "value": "q8Vz3mLr0TfK" }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [
    ///     { "name": "app", "image": "app:1.0", "memory": 256,
    ///       "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db-password" }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: pass sensitive data to a container](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html)
    pub static RULE = {
        code: "DR005",
        name: "secret-in-container-environment",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerrun(check),
    }
}

fn check(input: &DockerrunInput<'_>, cx: &mut Context<'_>) {
    crate::rules::containers::secrets_in_environment(&input.containers(), cx);
}
