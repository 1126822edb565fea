use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::words::unquote_path;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY` with more than one source whose destination does not end with `/`.
    ///
    /// ## Why is this bad?
    /// With several sources the destination must be a directory, written with a trailing `/`;
    /// otherwise Docker refuses the instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## Fix safety
    /// Appending `/` is safe: it is what Docker requires.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    /// - hadolint DL3021
    pub static RULE = {
        code: "DF028",
        name: "copy-multiple-sources-to-file",
        severity: Error,
        aliases: ["DL3021"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if ins.keyword != Keyword::Copy || ins.args.len() < 3 {
            continue;
        }
        let dest = ins.args.last().expect("len >= 3");
        // BuildKit removes quotes first: `"dir/"` is a directory.
        let path = if ins.json {
            dest.value.clone()
        } else {
            unquote_path(&dest.value, input.df.escape)
        };
        if path.ends_with('/') || path.contains('$') {
            continue;
        }
        let d = cx.report(
            dest.span,
            format!(
                "COPY with {} sources needs a directory destination ending in `/`, not `{}`",
                ins.args.len() - 1,
                dest.value
            ),
        );
        d.help(format!("write `{}/`", dest.value));
        if !ins.json {
            d.fix(Fix::safe(
                "append `/`",
                vec![Edit::insert(dest.span.end, "/")],
            ));
        }
    }
}
