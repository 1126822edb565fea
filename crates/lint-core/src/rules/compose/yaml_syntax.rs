use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::ProblemKind;

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
    ///   nginx: # reverse proxy
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "DC000",
        name: "yaml-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    if input.document != 0 {
        return;
    }
    for p in &input.yaml.problems {
        if matches!(
            p.kind,
            ProblemKind::Syntax | ProblemKind::Limit | ProblemKind::UnknownAnchor
        ) {
            let d = cx.report(p.span, p.message.clone());
            if let Some(help) = &p.help {
                d.help(help.clone());
            }
            if let Some((span, label)) = &p.related {
                d.label(*span, label.clone());
            }
        }
    }
}
