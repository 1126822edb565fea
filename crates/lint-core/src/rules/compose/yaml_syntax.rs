use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a Compose file that is not valid YAML, at the exact position, with the usual
    /// causes named: a `//` "comment" (YAML comments start with `#`), text after a quoted value,
    /// tabs used for indentation, an alias to an anchor that does not exist. It also stops
    /// YAML that would expand without bound: aliases copying more than 100,000 nodes (an "alias
    /// bomb") or nesting deeper than 200 levels. Every finding says what to do next.
    ///
    /// Where Compose's loader (go-yaml, like libyaml) is more lenient than the YAML spec, rlint
    /// loads the file as it does: a flow list or a quoted value continued at or below its key's
    /// indentation (a closing `]` back at the key's column), or a `#` comment right after a
    /// closing quote or bracket. Those are not reported: Compose runs such files.
    ///
    /// A file of more than 250,000 values (keys, values and list items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// `docker compose` refuses the whole file. Nothing else can be checked until it parses.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   nginx: // reverse proxy
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   # reverse proxy
    ///   nginx:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on (in place
    /// when it is alone on its line). The fix is safe: Compose refuses the file as written, and
    /// what follows ` //` up to the end of the line can only have been meant as a comment.
    ///
    /// ## References
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "DC000",
        name: "yaml-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        fix: Sometimes,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    if input.document != 0 {
        return;
    }
    crate::rules::yaml::report_problems(input.text, input.yaml, cx);
}

pub(crate) use crate::rules::yaml::slash_comment_above;
