use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service-level limit (`mem_limit`, `cpus`, `pids_limit`, `mem_reservation`) that
    /// disagrees with the same limit under `deploy.resources`.
    ///
    /// ## Why is this bad?
    /// Both forms are valid, but they must agree: Compose refuses the project when they differ
    /// ("mem_limit and deploy.resources.limits.memory must have the same value"). It usually means
    /// one of them was updated and the other forgotten.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     mem_limit: 512m
    ///     deploy:
    ///       resources:
    ///         limits:
    ///           memory: 1g
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     deploy:
    ///       resources:
    ///         limits:
    ///           memory: 1g
    /// ```
    ///
    /// ## References
    /// - [Compose: deploy resources](https://docs.docker.com/reference/compose-file/deploy/#resources)
    pub static RULE = {
        code: "DC021",
        name: "resource-limit-mismatch",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

/// Bytes of a size such as `512m`, `1g`, `1.5GB`, `1024` (Docker's units, powers of 1024).
pub fn bytes(size: &str) -> Option<f64> {
    let s = size.trim().to_ascii_lowercase();
    let digits = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let n: f64 = s[..digits].parse().ok()?;
    let unit = s[digits..].trim_end_matches('b').trim_end_matches('i');
    let factor = match unit {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        "t" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some(n * factor)
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let pairs: [(&str, &[&str], bool); 4] = [
        ("mem_limit", &["limits", "memory"], true),
        ("mem_reservation", &["reservations", "memory"], true),
        ("cpus", &["limits", "cpus"], false),
        ("pids_limit", &["limits", "pids"], false),
    ];
    for s in input.services() {
        let Some(resources) = s.node.get("deploy").and_then(|d| d.get("resources")) else {
            continue;
        };
        for (key, path, is_size) in pairs {
            let (Some(short), Some(long)) = (
                s.node.get(key),
                resources.get(path[0]).and_then(|n| n.get(path[1])),
            ) else {
                continue;
            };
            let (Some(a), Some(b)) = (input.value(short), input.value(long)) else {
                continue;
            };
            let number = |v: &str| {
                if is_size {
                    bytes(v)
                } else {
                    v.trim().parse::<f64>().ok()
                }
            };
            let (Some(x), Some(y)) = (number(&a), number(&b)) else {
                continue;
            };
            if (x - y).abs() > f64::EPSILON * x.abs().max(1.0) {
                cx.report(
                    short.span,
                    format!(
                        "`{key}: {a}` of `{}` disagrees with `deploy.resources.{}.{}: {b}`",
                        s.name, path[0], path[1]
                    ),
                )
                .label(long.span, "the deploy value")
                .help("keep one of the two, or make them equal");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::bytes("512m"), Some(512.0 * 1024.0 * 1024.0));
        assert_eq!(super::bytes("1g"), super::bytes("1024M"));
        assert_eq!(super::bytes("1.5GB"), Some(1.5 * 1024.0 * 1024.0 * 1024.0));
        assert_eq!(super::bytes("12x"), None);
    }
}
