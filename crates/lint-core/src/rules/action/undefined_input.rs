use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `${{ inputs.NAME }}` in a composite action where `inputs:` declares no `NAME`
    /// (ignoring case, as GitHub reads input names), with the nearest declared input. It reads
    /// the steps and the outputs' `value`. An action whose `inputs:` takes entries from a YAML
    /// merge (`<<:`) is left alone.
    ///
    /// ## Why is this bad?
    /// An input that is not declared expands to an empty string, silently: a misspelt
    /// `inputs.verison` installs "no version", and a caller's `with: verison:` only draws an
    /// "Unexpected input" warning in the log.
    ///
    /// ## Example
    /// ```yaml
    /// name: Setup tool
    /// description: Installs the tool
    /// inputs:
    ///   version:
    ///     description: Version to install
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: ./install.sh "$VERSION"
    ///       shell: bash
    ///       env:
    ///         VERSION: ${{ inputs.verison }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Setup tool
    /// description: Installs the tool
    /// inputs:
    ///   version:
    ///     description: Version to install
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: ./install.sh "$VERSION"
    ///       shell: bash
    ///       env:
    ///         VERSION: ${{ inputs.version }}
    /// ```
    ///
    /// ## References
    /// - [GitHub: Metadata syntax, `inputs`](https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#inputs)
    /// - [actionlint: contexts and their properties](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-contexts-and-builtin-func)
    pub static RULE = {
        code: "AC004",
        name: "action-undefined-input",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    // Inputs brought in by a `<<` merge are declared too, but a merged mapping from
    // elsewhere in the file is rare enough that such actions are left alone.
    let merged = input
        .root
        .and_then(|r| r.get("inputs"))
        .and_then(|i| i.as_map())
        .is_some_and(|entries| entries.iter().any(|e| e.merged));
    if merged {
        return;
    }
    let declared: Vec<&str> = input
        .action
        .inputs
        .iter()
        .filter_map(|k| k.as_str())
        .collect();
    for site in input.sites {
        let Ok(tree) = &site.expression.tree else {
            continue;
        };
        for node in tree.path_nodes() {
            let Some(segments) = node.segments() else {
                continue;
            };
            let [(context, _), (name, span), ..] = segments.as_slice() else {
                continue;
            };
            if context != "inputs" || name == "*" || input.action.declares_input(name) {
                continue;
            }
            let span = site.expression.source(*span);
            // As written (`Version`), without the quotes of an index (`inputs['os']`).
            let written = input
                .text
                .get(span.start..span.end)
                .map_or(name.as_str(), |w| w.trim_matches(['\'', '"']));
            let d = cx.report(
                span,
                format!("`inputs.{written}` is not an input of the action: it expands to an empty string"),
            );
            match crate::suggest::did_you_mean(name, &declared) {
                Some(near) => d.help(format!("did you mean `inputs.{near}`?")),
                None => d.help(format!(
                    "declare it under `inputs:` (`{written}:` with a `description:`)"
                )),
            };
        }
    }
}
