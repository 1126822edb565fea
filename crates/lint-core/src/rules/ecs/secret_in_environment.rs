use crate::rule::{Context, EcsInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds credentials written in plain text in a container's `environment` of an ECS task
    /// definition: a value in a known credential format (AWS access key, GitHub/npm/Slack token,
    /// private key, a URL with `user:password@`), or a literal value under a name that holds a
    /// credential (`DB_PASSWORD`, `API_TOKEN`). The value is masked in every output. Demo
    /// placeholders (`changeme`, short or dictionary-like values) are reported as `info`; paths
    /// are not reported. The judgement is the one `Dockerrun.aws.json` (DR005), Compose and
    /// buildspec files get.
    ///
    /// ## Why is this bad?
    /// The task definition is readable by anyone with `ecs:DescribeTaskDefinition`, is kept in
    /// every revision, and the file is usually in the repository: the credential leaks. ECS
    /// injects secrets from Secrets Manager or SSM Parameter Store with the container's
    /// `secrets` (`valueFrom`) instead.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [{
    ///     "name": "api", "image": "example/api:1.4", "memory": 512,
    ///     "environment": [{ "name": "DB_PASSWORD", "value": "q8Vz3mLr0TfK" }]
    ///   }]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [{
    ///     "name": "api", "image": "example/api:1.4", "memory": 512,
    ///     "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/api/db-password" }]
    ///   }]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: pass sensitive data to a container](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html)
    pub static RULE = {
        code: "EC005",
        name: "secret-in-task-environment",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    crate::rules::containers::secrets_in_environment(&input.containers, cx);
}
