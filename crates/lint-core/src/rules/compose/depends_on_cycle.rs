use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports services whose `depends_on` entries form a cycle (`a` → `b` → `a`), naming the
    /// whole loop.
    ///
    /// ## Why is this bad?
    /// Compose cannot order the start-up and refuses the project ("dependency cycle detected").
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     depends_on: [worker]
    ///   worker:
    ///     image: acme/worker:2
    ///     depends_on: [api]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     depends_on: [worker]
    ///   worker:
    ///     image: acme/worker:2
    /// ```
    ///
    /// ## References
    /// - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    pub static RULE = {
        code: "DC013",
        name: "depends-on-cycle",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let services = input.services();
    let names: Vec<&str> = services.iter().map(|s| s.name).collect();
    let edges: Vec<Vec<(usize, crate::Span)>> = services
        .iter()
        .map(|s| {
            s.node
                .get("depends_on")
                .map(super::names)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(n, node)| Some((names.iter().position(|x| *x == n)?, node.span)))
                .collect()
        })
        .collect();
    // Depth-first search; each cycle is reported once, at the edge that closes it from the
    // service that comes first in the file.
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for start in 0..services.len() {
        let mut stack = vec![(start, 0usize)];
        let mut path = vec![start];
        while let Some((node, next)) = stack.pop() {
            if next >= edges[node].len() {
                path.pop();
                continue;
            }
            stack.push((node, next + 1));
            let (to, span) = edges[node][next];
            if to == start {
                let mut cycle = path.clone();
                cycle.sort_unstable();
                if !reported.contains(&cycle) {
                    reported.push(cycle);
                    let mut loop_names: Vec<&str> = path.iter().map(|&i| names[i]).collect();
                    loop_names.push(names[start]);
                    let first_edge = edges[start]
                        .iter()
                        .find(|(t, _)| path.get(1).map_or(*t == start, |p| t == p))
                        .map_or(span, |(_, s)| *s);
                    cx.report(
                        first_edge,
                        format!("`depends_on` forms a cycle: {}", loop_names.join(" → ")),
                    )
                    .help("remove one of the dependencies; Compose cannot start services that wait on each other");
                }
            } else if !path.contains(&to) && path.len() < 64 {
                path.push(to);
                stack.push((to, 0));
            }
        }
    }
}
