//! Example projects bundled with the page (written for it; each shows what rlint catches).

use crate::model::Tab;

pub struct Example {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

macro_rules! project {
    ($dir:literal: $($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("../projects/", $dir, "/", $path)))),+]
    };
}

pub const EXAMPLES: &[Example] = &[
    Example {
        name: "Node shop API (Dockerfile + Compose + workflow)",
        files: project!("shop-api": "Dockerfile", "compose.yaml", ".dockerignore", ".github/workflows/ci.yml"),
    },
    Example {
        name: "Python data worker (multi-stage + buildspec)",
        files: project!("data-worker": "Dockerfile", "docker-compose.yml", ".dockerignore", "buildspec.yml"),
    },
    Example {
        name: "Clean Go service (no problems)",
        files: project!("clean-app": "Dockerfile", "compose.yaml", ".dockerignore", ".circleci/config.yml"),
    },
];

pub fn tabs(example: &Example) -> Vec<Tab> {
    example
        .files
        .iter()
        .map(|(path, text)| Tab {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples show what they claim: the first two have findings in every linted kind, the
    /// clean one has none.
    #[test]
    fn examples_show_what_they_claim() {
        for (i, example) in EXAMPLES.iter().enumerate() {
            let results = crate::model::lint_tabs(&tabs(example));
            for r in results.iter().filter(|r| !r.skipped && r.kind.is_some()) {
                let kind = r.kind.as_deref().unwrap_or("");
                if kind == "dockerignore" {
                    continue;
                }
                if i == 2 {
                    assert!(r.findings.is_empty(), "{}: {:?}", r.path, r.findings);
                } else {
                    assert!(
                        r.findings.iter().any(|f| f.severity == "error"),
                        "{} of {} has no error",
                        r.path,
                        example.name
                    );
                }
            }
        }
    }
}
