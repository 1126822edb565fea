use crate::rule::{Context, EcsInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// In a task definition whose `requiresCompatibilities` names `FARGATE`, finds the settings
    /// Fargate does not run. They are:
    /// - a `networkMode` other than `awsvpc` (or none, which means `bridge`);
    /// - no task-level `cpu` or `memory`, or a combination Fargate does not offer (256 CPU
    ///   units take 512, 1024 or 2048 MiB; 512 take 1–4 GB; 1024 take 2–8 GB; 2048 take
    ///   4–16 GB and 4096 take 8–30 GB in 1 GB steps; 8192 take 16–60 GB in 4 GB steps; 16384
    ///   take 32–120 GB in 8 GB steps). `"1 vCPU"` and `"2 GB"` are read as ECS converts them;
    ///   a value rlint cannot read (a template placeholder) is not judged;
    /// - the parameters ECS lists as not valid in Fargate tasks: container `privileged`,
    ///   `disableNetworking`, `dnsServers`, `dnsSearchDomains`, `extraHosts`,
    ///   `dockerSecurityOptions`, GPU `resourceRequirements`, `linuxParameters.maxSwap` /
    ///   `swappiness`; task `ipcMode` and `placementConstraints`; volumes with a host
    ///   `sourcePath` or a `dockerVolumeConfiguration`.
    ///
    /// `links` are left to EC007 (they need the `bridge` network mode). A `false` boolean, an
    /// empty list or `null` (as `describe-task-definition` prints unset fields) is not reported:
    /// it asks for nothing.
    ///
    /// ## Why is this bad?
    /// ECS validates the task definition against the compatibilities it requires and refuses to
    /// register it (`ClientException: Invalid 'cpu' setting for task`, `No Fargate configuration
    /// exists for given values`, `Fargate only supports network mode 'awsvpc'`): the deploy fails.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "4096",
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "4096",
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition differences for Fargate](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html)
    /// - [Amazon ECS task definition parameters for Fargate: task size](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size)
    /// - [Troubleshoot Amazon ECS task definition invalid CPU or memory errors](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)
    pub static RULE = {
        code: "EC006",
        name: "fargate-unsupported-setting",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

/// Fargate's task sizes from 512 CPU units up: the units, and the MiB range and step of memory
/// they take (256 units take 512, 1024 or 2048 MiB).
const SIZES: [(u64, u64, u64, u64); 6] = [
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// Whether Fargate offers `cpu` units with `memory` MiB (256 units: 512, 1024 or 2048).
pub fn offered(cpu: u64, memory: u64) -> bool {
    if cpu == 256 {
        return matches!(memory, 512 | 1024 | 2048);
    }
    SIZES.iter().any(|&(c, low, high, step)| {
        c == cpu && (low..=high).contains(&memory) && (memory - low).is_multiple_of(step)
    })
}

/// A number with an optional unit, as ECS converts it: `"1 vCPU"` → 1024 units, `"2 GB"` →
/// 2048 MiB, `"0.5GB"` → 512; `unit` is the word that multiplies by 1024.
fn amount(text: &str, unit: &str) -> Option<u64> {
    let lower = text.trim().to_ascii_lowercase();
    let (number, scale) = match lower.strip_suffix(unit) {
        Some(n) => (n.trim(), 1024.0),
        None => (lower.as_str(), 1.0),
    };
    let value: f64 = number.parse().ok()?;
    let scaled = value * scale;
    (scaled.is_finite() && scaled >= 0.0 && scaled.fract() == 0.0 && scaled < 1e12)
        .then_some(scaled as u64)
}

/// Container settings Fargate refuses when they ask for something.
const CONTAINER_KEYS: [&str; 6] = [
    "privileged",
    "disableNetworking",
    "dnsServers",
    "dnsSearchDomains",
    "extraHosts",
    "dockerSecurityOptions",
];

/// Whether a value asks for something: not `false`, not an empty list or object.
fn asks(node: &Node) -> bool {
    if node.is_null() {
        return false;
    }
    if let Some(items) = node.as_seq() {
        return !items.is_empty();
    }
    if let Some(entries) = node.as_map() {
        return !entries.is_empty();
    }
    !matches!(node.as_str(), Some("false") | None)
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    let Some(fargate) = input.fargate() else {
        return;
    };
    match input.setting("networkMode").filter(|m| !m.is_null()) {
        Some(mode) if mode.as_str() == Some("awsvpc") => {}
        Some(mode) => {
            cx.report(
                mode.span,
                format!(
                    "`networkMode` is `{}`: Fargate only runs the `awsvpc` network mode",
                    mode.as_str().unwrap_or("?")
                ),
            )
            .help("set `\"networkMode\": \"awsvpc\"` (each task gets its own network interface)");
        }
        None => {
            cx.report(
                fargate.span,
                "the task requires Fargate but sets no `networkMode` (that means `bridge`): Fargate only runs `awsvpc`",
            )
            .help("add `\"networkMode\": \"awsvpc\"`");
        }
    }
    let cpu = input.setting("cpu").filter(|c| !c.is_null());
    let memory = input.setting("memory").filter(|m| !m.is_null());
    match (cpu, memory) {
        (Some(cpu), Some(memory)) => {
            let units = cpu.as_str().and_then(|c| amount(c, "vcpu"));
            let mib = memory.as_str().and_then(|m| amount(m, "gb"));
            if let (Some(units), Some(mib)) = (units, mib)
                && !offered(units, mib)
            {
                let help = match SIZES.iter().find(|s| s.0 == units) {
                    None if units == 256 => {
                        "with 256 CPU units Fargate offers 512, 1024 or 2048 MiB".to_string()
                    }
                    Some(&(_, low, high, step)) => format!(
                        "with {units} CPU units Fargate offers {low} to {high} MiB in steps of {step}"
                    ),
                    None => {
                        "Fargate's CPU values are 256, 512, 1024, 2048, 4096, 8192 and 16384 units"
                            .into()
                    }
                };
                cx.report(
                    memory.span,
                    format!(
                        "Fargate has no task size of {units} CPU units with {mib} MiB of memory"
                    ),
                )
                .help(help);
            }
        }
        _ => {
            let missing = match (cpu, memory) {
                (None, None) => "`cpu` and `memory`",
                (None, _) => "`cpu`",
                _ => "`memory`",
            };
            cx.report(
                fargate.span,
                format!("the task requires Fargate but sets no task-level {missing}: Fargate needs both"),
            )
            .help("add for example `\"cpu\": \"256\"` and `\"memory\": \"512\"` (the smallest Fargate task size)");
        }
    }
    let refused = |node: &Node, what: String, cx: &mut Context<'_>| {
        cx.report(node.span, format!("{what}: not valid in Fargate tasks"))
            .help("remove it, or drop `FARGATE` from `requiresCompatibilities` to run on EC2 instances");
    };
    for key in ["ipcMode", "placementConstraints"] {
        if let Some(e) = input.task.and_then(|t| t.entry(key))
            && asks(&e.value)
        {
            refused(&e.key, format!("task `{key}`"), cx);
        }
    }
    for v in input
        .setting("volumes")
        .and_then(|v| v.as_seq())
        .unwrap_or_default()
    {
        let name = v.get("name").and_then(|n| n.as_str()).unwrap_or("?");
        if let Some(path) = v.get("host").and_then(|h| h.entry("sourcePath"))
            && asks(&path.value)
        {
            refused(
                &path.key,
                format!("volume `{name}` mounts a host `sourcePath`"),
                cx,
            );
        }
        if let Some(e) = v.entry("dockerVolumeConfiguration")
            && asks(&e.value)
        {
            refused(
                &e.key,
                format!("volume `{name}` is a Docker volume (`dockerVolumeConfiguration`)"),
                cx,
            );
        }
    }
    for c in &input.containers {
        let own = crate::rules::containers::name_of(c);
        for key in CONTAINER_KEYS {
            if let Some(e) = c.entry(key)
                && asks(&e.value)
            {
                refused(&e.key, format!("container `{own}` sets `{key}`"), cx);
            }
        }
        for key in ["maxSwap", "swappiness"] {
            if let Some(e) = c.get("linuxParameters").and_then(|l| l.entry(key))
                && asks(&e.value)
            {
                refused(
                    &e.key,
                    format!("container `{own}` sets `linuxParameters.{key}`"),
                    cx,
                );
            }
        }
        for r in c
            .get("resourceRequirements")
            .and_then(|r| r.as_seq())
            .unwrap_or_default()
        {
            if let Some(t) = r.get("type")
                && t.as_str() == Some("GPU")
            {
                refused(t, format!("container `{own}` asks for a GPU"), cx);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert!(offered(256, 512));
        assert!(offered(256, 2048));
        assert!(!offered(256, 1536));
        assert!(!offered(256, 4096));
        assert!(offered(512, 3072));
        assert!(offered(4096, 30720));
        assert!(!offered(4096, 31744));
        assert!(offered(8192, 20480));
        assert!(!offered(8192, 17408));
        assert!(offered(16384, 122880));
        assert!(!offered(300, 1024));
    }

    #[test]
    fn amounts() {
        assert_eq!(amount("1 vCPU", "vcpu"), Some(1024));
        assert_eq!(amount(".25 vcpu", "vcpu"), Some(256));
        assert_eq!(amount("256", "vcpu"), Some(256));
        assert_eq!(amount("2 GB", "gb"), Some(2048));
        assert_eq!(amount("0.5GB", "gb"), Some(512));
        assert_eq!(amount("${MEMORY}", "gb"), None);
        assert_eq!(amount("1e400", "gb"), None);
    }
}
