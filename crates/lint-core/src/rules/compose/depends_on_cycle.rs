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
    // One depth-first search over the whole graph (linear): an edge back to a service still on
    // the path closes a cycle, reported at that edge.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; services.len()];
    for start in 0..services.len() {
        if mark[start] != Mark::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        let mut path = vec![start];
        mark[start] = Mark::OnPath;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&(to, span)) = edges[node].get(*next) else {
                mark[node] = Mark::Done;
                stack.pop();
                path.pop();
                continue;
            };
            *next += 1;
            match mark[to] {
                Mark::New => {
                    mark[to] = Mark::OnPath;
                    stack.push((to, 0));
                    path.push(to);
                }
                Mark::OnPath => {
                    let from = path.iter().position(|&p| p == to).unwrap_or(0);
                    let mut loop_names: Vec<&str> =
                        path[from..].iter().map(|&i| names[i]).collect();
                    loop_names.push(names[to]);
                    cx.report(
                        span,
                        format!("`depends_on` forms a cycle: {}", loop_names.join(" → ")),
                    )
                    .help("remove one of the dependencies; Compose cannot start services that wait on each other");
                }
                Mark::Done => {}
            }
        }
    }
}
