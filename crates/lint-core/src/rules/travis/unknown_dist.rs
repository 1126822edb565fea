use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `dist:` value that is not one of the build environments Travis knows: `trusty`,
    /// `precise`, `xenial`, `bionic`, `focal`, `jammy`, `noble`, `rhel8` (Linux) and
    /// `server-2016` (Windows), in any letter case, as travis-yml lists them.
    ///
    /// ## Why is this bad?
    /// Travis has no image of that name: travis-yml flags the value as unknown and the job does
    /// not run on the system the file asks for. A typo (`xenail`) or a version number
    /// (`ubuntu-22.04`, `20.04`) instead of the code name is the usual cause.
    ///
    /// Retired images are not reported: travis-yml still accepts `precise` and `trusty`, and
    /// which of them a given Travis installation still runs is not written anywhere rlint can read.
    ///
    /// ## Example
    /// ```yaml
    /// language: python
    /// dist: ubuntu-22.04
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: python
    /// dist: jammy
    /// ```
    ///
    /// ## References
    /// - [Travis CI: the Ubuntu Linux build environments](https://docs.travis-ci.com/user/reference/linux/)
    /// - [travis-yml: known `dist` values](https://github.com/travis-ci/travis-yml/blob/master/lib/travis/yml/schema/def/dist.rb)
    pub static RULE = {
        code: "TR004",
        name: "travis-unknown-dist",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Travis(check),
    }
}

/// travis-yml's `def/dist.rb`.
const DISTS: [&str; 9] = [
    "trusty",
    "precise",
    "xenial",
    "bionic",
    "focal",
    "jammy",
    "noble",
    "server-2016",
    "rhel8",
];

/// Ubuntu releases Travis names by code name.
const VERSIONS: [(&str, &str); 7] = [
    ("12.04", "precise"),
    ("14.04", "trusty"),
    ("16.04", "xenial"),
    ("18.04", "bionic"),
    ("20.04", "focal"),
    ("22.04", "jammy"),
    ("24.04", "noble"),
];

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    for job in crate::kinds::travis::job_nodes(root) {
        let Some(node) = job.get("dist") else {
            continue;
        };
        // A list or a `$VAR`: not a value to judge here.
        let Some(value) = node.as_str() else { continue };
        let lower = value.trim().to_ascii_lowercase();
        if lower.is_empty() || lower.contains('$') || DISTS.contains(&lower.as_str()) {
            continue;
        }
        let suggestion = VERSIONS
            .iter()
            .find(|(version, _)| lower.contains(version))
            .map(|(_, name)| *name)
            .or_else(|| crate::suggest::did_you_mean(&lower, &DISTS));
        let d = cx.report(
            node.span,
            format!("`dist: {value}` is not a build environment Travis knows"),
        );
        match suggestion {
            Some(name) => d.help(format!("did you mean `{name}`?")),
            None => d.help(format!("use one of {}", DISTS.join(", "))),
        };
    }
}
