use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a dependency install (`npm ci`, `pip install -r`, `bundle install`, `go mod download`,
    /// `composer install`, ...) that runs after a `COPY . .` (or any copy of the whole build context)
    /// in the same stage, and names the manifest files to copy first. When the caller knows the
    /// files beside the Dockerfile (the CLI does), only manifests that exist are named: copying a
    /// missing `yarn.lock` would fail the build.
    ///
    /// ## Why is this bad?
    /// Docker reuses a cached layer only while everything before it is unchanged. After `COPY . .`,
    /// every edit of any source file invalidates the install step, so each build downloads and
    /// installs all dependencies again. Copying only the manifests first keeps the install cached until
    /// the dependencies themselves change.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    ///
    /// ## Fix safety
    /// The fix copies the manifests and moves the install RUN above the broad COPY. It is offered
    /// only when the RUN directly follows that COPY (so it never jumps over the RUN that installs
    /// the tool, or a WORKDIR, ENV or USER it depends on) and every command of it can run without
    /// the sources (the install itself, system
    /// packages, global tools, cache cleanup); `npm ci && npm run build` gets no fix. It is unsafe:
    /// an install step that needs other files (a postinstall script, a local package) must copy
    /// them too.
    ///
    /// `rlint layers` reports the same advice (from the same finder) when it simulates an edit
    /// that re-runs the install.
    ///
    /// ## References
    /// - [Optimize cache usage](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    pub static RULE = {
        code: "DF085",
        name: "broad-copy-before-install",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    // The finder is the layer-cache simulation's: the advice `rlint layers` prints for a
    // simulated source edit is exactly this finding.
    for found in crate::layers::reorder::find(input.model, input.scripts) {
        let cmd = found.command;
        let copy = &input.df.instructions[found.copy];
        let dest = copy.args.last().map_or(".", |d| d.value.as_str());
        let dest = if dest == "." { "./" } else { dest };
        let present = found.present(&|f| input.files.is_none_or(|known| known.exists(f)));
        let d = cx.report(
            cmd.span,
            format!(
                "`{} {}` runs after the COPY of the whole context at line {}: every source edit re-runs the install",
                cmd.name(),
                cmd.subcommand().unwrap_or(""),
                copy.line
            ),
        );
        d.label(copy.head_span(input.text), "copies the whole context first");
        if present.is_empty() {
            d.help(format!(
                "copy only the files the install reads first, run the install, then `COPY . {dest}`"
            ));
            continue;
        }
        let files = present.join(" ");
        d.help(format!(
            "copy the manifests first: `COPY {files} {dest}`, run the install, then `COPY . {dest}`"
        ));
        let run = &input.df.instructions[found.install];
        // The fix moves the RUN above the COPY, so it must not jump over anything it may
        // depend on: a RUN installing the tool, a WORKDIR, ENV or USER it runs under.
        if found.movable && run.span.len() < 2000 {
            let run_text = &input.text[run.span.start..run.span.end];
            let line_start = input.text[..copy.span.start]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            let run_line_start = input.text[..run.span.start]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            let run_line_end = input.text[run.span.end..]
                .find('\n')
                .map_or(input.text.len(), |n| run.span.end + n + 1);
            d.fix(Fix::unsafe_(
                "copy the manifests and install before copying the sources",
                vec![
                    Edit::insert(line_start, format!("COPY {files} {dest}\n{run_text}\n")),
                    Edit::delete(crate::Span::new(run_line_start, run_line_end)),
                ],
            ));
        }
    }
}
