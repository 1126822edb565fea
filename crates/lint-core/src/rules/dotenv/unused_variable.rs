use crate::rule::{Context, DotenvInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds variables of a project's `.env` that none of the Compose files beside it mentions
    /// (as `${NAME}`, `$NAME`, or by name, as in `environment: [NAME]` or `args: [NAME]`). Names
    /// Compose and the Docker CLI read themselves (`COMPOSE_PROJECT_NAME`, `COMPOSE_FILE`,
    /// `COMPOSE_PROFILES`, any `COMPOSE_*`, `DOCKER_HOST`, any `DOCKER_*` and `BUILDKIT_*`) are
    /// used.
    ///
    /// Quiet when no Compose file is known (the CLI reads the ones in the `.env`'s folder), when
    /// a Compose file names the `.env` in `env_file:` (then every variable reaches a container),
    /// and for files other than `.env` (`api.env` is an `env_file:`, read whole). Off by
    /// default: many apps read `.env` themselves (dotenv libraries), so a variable Compose never
    /// uses may well be used.
    ///
    /// ## Why is this bad?
    /// A variable nothing reads is usually a leftover or a typo of the name the Compose file
    /// uses (`POSTGRES_PASWORD`), in which case the value meant for a service never reaches it.
    ///
    /// ## Example
    /// ```dotenv
    /// TAG=1.4
    /// OLD_TAG=1.3
    /// ```
    /// ```yaml
    /// services:
    ///   web:
    ///     image: shop:${TAG}
    /// ```
    ///
    /// ## Use instead
    /// ```dotenv
    /// TAG=1.4
    /// ```
    ///
    /// ## References
    /// - [Docker docs: interpolation and the .env file](https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/)
    /// - [Docker docs: pre-defined environment variables](https://docs.docker.com/compose/how-tos/environment-variables/envvars/)
    pub static RULE = {
        code: "EN002",
        name: "dotenv-unused-variable",
        severity: Info,
        aliases: [],
        fix: None,
        default: false,
        check: Dotenv(check),
    }
}

/// Prefixes of names Compose, the Docker CLI and BuildKit read from the environment.
const READ_BY_TOOLS: [&str; 3] = ["COMPOSE_", "DOCKER_", "BUILDKIT_"];

/// Whether `name` occurs in `text` as a whole word.
fn mentions(text: &str, name: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(name).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + name.len()..].chars().next())
    })
}

fn check(input: &DotenvInput<'_>, cx: &mut Context<'_>) {
    let name = input.path.rsplit(['/', '\\']).next().unwrap_or(input.path);
    if name != ".env" || input.compose.is_empty() {
        return;
    }
    // `env_file: .env` hands every variable to a container.
    if input
        .compose
        .iter()
        .any(|c| c.contains("env_file") && mentions(c, "env"))
    {
        return;
    }
    // The names the Compose files spell, for a did-you-mean.
    let words: Vec<&str> = input
        .compose
        .iter()
        .flat_map(|c| c.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')))
        .filter(|w| w.len() > 2 && w.bytes().all(|b| !b.is_ascii_lowercase()))
        .collect();
    for var in &input.parsed.vars {
        if READ_BY_TOOLS.iter().any(|p| var.name.starts_with(p))
            || input.compose.iter().any(|c| mentions(c, &var.name))
        {
            continue;
        }
        // Only a near spelling (two edits at most) is a likely typo.
        let near = words
            .iter()
            .map(|w| (crate::suggest::edit_distance(&var.name, w), *w))
            .filter(|(d, _)| *d <= 2)
            .min();
        let help = match near.map(|(_, w)| w) {
            Some(near) => format!("the Compose files use `{near}`: did you mean it?"),
            None => "delete it, or check the Compose files for a misspelt `${...}`".to_string(),
        };
        cx.report(
            var.name_span,
            format!(
                "`{}` is set but no Compose file beside this `.env` uses it",
                var.name
            ),
        )
        .help(help);
    }
}
