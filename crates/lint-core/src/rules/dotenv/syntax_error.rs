use crate::rule::{Context, DotenvInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports what Compose's `.env` parser refuses, at the exact place: a variable name with a
    /// space (`MY VAR=1`) or a character names cannot hold (`KEY$=1`; names are letters, digits,
    /// `_`, `.`, `-`, `[` and `]`), a quoted value whose quote never closes, and a malformed
    /// `${...}` in an unquoted or double-quoted value.
    ///
    /// What Compose accepts is not reported, even where it surprises: `KEY: value`, `export KEY=`,
    /// a bare `KEY` (its value comes from the shell), a double-quoted value over several lines.
    ///
    /// ## Why is this bad?
    /// Every `docker compose` command of the project stops with `failed to read .env` until the
    /// line is fixed; for an `env_file:`, the service does not start.
    ///
    /// ## Example
    /// ```dotenv
    /// APP NAME=shop
    /// ```
    ///
    /// ## Use instead
    /// ```dotenv
    /// APP_NAME=shop
    /// ```
    ///
    /// ## References
    /// - [Docker docs: .env file syntax](https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax)
    /// - [compose-go `dotenv` parser](https://github.com/compose-spec/compose-go/tree/main/dotenv)
    pub static RULE = {
        code: "EN000",
        name: "dotenv-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        check: Dotenv(check),
    }
}

fn check(input: &DotenvInput<'_>, cx: &mut Context<'_>) {
    for e in &input.parsed.errors {
        cx.report(e.span, e.message.clone()).help(e.help);
    }
}
