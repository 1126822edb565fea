//! Linting a set of files held in memory (the web page's open tabs): each file gets what a build
//! would give it from the others — a Compose file its folder's `.env` and the files around it, a
//! Dockerfile the `.dockerignore` of the build context a Compose file gives it (or of its own
//! folder). The CLI reads the same relations from disk.

use crate::rules::compose::BuildRef;
use crate::{Config, FileKind, Files, Related, Report};

/// One file of the set: a `/`-separated path relative to the project root, and its content.
#[derive(Clone, Copy, Debug)]
pub struct MemFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// Lints every file of `files` with its related files; one report per file, in order.
pub fn lint_files(files: &[MemFile<'_>], config: &Config) -> Vec<Report> {
    each_with_related(files, |f, path, kind, related| {
        crate::lint_bytes_with(path, f.text.as_bytes(), kind, config, related)
    })
}

/// Every file of `files` with its fixes applied (safe ones, and unsafe ones with `unsafe_ok`),
/// each fixed with the related files the set gives it, as [`lint_files`] lints it: the fixes of
/// cross-file findings (a secret the `.dockerignore` should exclude) apply too.
pub fn fix_files(
    files: &[MemFile<'_>],
    config: &Config,
    unsafe_ok: bool,
) -> Vec<crate::fix::FixOutcome> {
    each_with_related(files, |f, path, kind, related| {
        crate::fix::fix_text_with(path, f.text, kind, config, unsafe_ok, related)
    })
}

/// Calls `each` for every file of `files` with its normalised path, its kind by name and the
/// related files the set gives it, in order.
fn each_with_related<T>(
    files: &[MemFile<'_>],
    mut each: impl FnMut(&MemFile<'_>, &str, Option<FileKind>, Related<'_>) -> T,
) -> Vec<T> {
    let contexts = build_contexts(files);
    files
        .iter()
        .map(|f| {
            let path = normalize(f.path);
            let kind = FileKind::from_path(&path);
            let dir = parent(&path);
            let view = View { files, dir: &dir };
            let built = contexts.iter().find(|b| b.dockerfile == path);
            let dockerignore = match kind {
                Some(FileKind::Dockerfile) => {
                    let context = built.map_or(dir.as_str(), |b| b.context.as_str());
                    find(files, &format!("{path}.dockerignore"))
                        .or_else(|| find(files, &join(context, ".dockerignore")))
                }
                _ => None,
            };
            let dotenv = match kind {
                Some(FileKind::Dockerfile) => None,
                _ => find(files, &join(&dir, ".env")),
            };
            // A `.dockerignore` is read with the Dockerfile that builds with it; a `.env` with
            // the Compose files of its folder.
            let dockerfile = match kind {
                Some(FileKind::Dockerignore) => {
                    let own = path
                        .strip_suffix(".dockerignore")
                        .filter(|p| !p.ends_with('/') && !p.is_empty());
                    own.and_then(|p| find(files, p))
                        .or_else(|| find(files, &join(&dir, "Dockerfile")))
                }
                _ => None,
            };
            let compose: Vec<String> = match kind {
                Some(FileKind::Dotenv) => files
                    .iter()
                    .filter(|g| {
                        let p = normalize(g.path);
                        parent(&p) == dir && FileKind::from_path(&p) == Some(FileKind::Compose)
                    })
                    .map(|g| g.text.to_string())
                    .collect(),
                _ => Vec::new(),
            };
            let related = Related {
                dockerignore,
                dotenv,
                files: Some(&view),
                build: built.map(|b| &b.passes),
                dockerfile,
                compose: &compose,
            };
            each(f, &path, kind, related)
        })
        .collect()
}

/// Every Dockerfile the Compose files of the set build, with paths from the project root: the
/// first build's context, and what all its builds pass, merged.
fn build_contexts(files: &[MemFile<'_>]) -> Vec<BuildRef> {
    let mut out: Vec<BuildRef> = Vec::new();
    for f in files {
        let path = normalize(f.path);
        // A giant paste is linted, not searched for builds a second time.
        if FileKind::from_path(&path) != Some(FileKind::Compose) || f.text.len() > 2_000_000 {
            continue;
        }
        let dir = parent(&path);
        let dotenv = find(files, &join(&dir, ".env"));
        for build in crate::rules::compose::build_refs(f.text, dotenv) {
            let dockerfile = join(&dir, &build.dockerfile);
            match out.iter_mut().find(|b| b.dockerfile == dockerfile) {
                Some(known) => known.passes.merge(&build.passes),
                None => out.push(BuildRef {
                    dockerfile,
                    context: join(&dir, &build.context),
                    passes: build.passes,
                }),
            }
        }
    }
    out
}

/// The set as seen from one folder.
struct View<'a> {
    files: &'a [MemFile<'a>],
    dir: &'a str,
}

impl Files for View<'_> {
    fn exists(&self, path: &str) -> bool {
        let target = join(self.dir, path);
        if target.is_empty() {
            return true;
        }
        self.files.iter().any(|f| {
            let p = normalize(f.path);
            p == target || p.starts_with(&format!("{target}/"))
        })
    }

    fn read(&self, path: &str) -> Option<String> {
        find(self.files, &join(self.dir, path)).map(str::to_string)
    }

    fn list(&self, path: &str) -> Option<Vec<String>> {
        let dir = join(self.dir, path);
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut names: Vec<String> = self
            .files
            .iter()
            .filter_map(|f| {
                let p = normalize(f.path);
                let rest = p.strip_prefix(&prefix)?.to_string();
                Some(rest.split('/').next().unwrap_or("").to_string())
            })
            .collect();
        names.sort();
        names.dedup();
        Some(names)
    }

    /// The open tabs are never all the files of a project.
    fn partial(&self) -> bool {
        true
    }
}

fn find<'a>(files: &[MemFile<'a>], path: &str) -> Option<&'a str> {
    files
        .iter()
        .find(|f| normalize(f.path) == path)
        .map(|f| f.text)
}

/// `a/./b/../c` → `a/c`; leading `./` and `/` dropped; `\` read as `/`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let path = path.replace('\\', "/");
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn parent(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

fn join(dir: &str, path: &str) -> String {
    if dir.is_empty() {
        normalize(path)
    } else {
        normalize(&format!("{dir}/{path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(report: &Report) -> Vec<&'static str> {
        report
            .diagnostics
            .iter()
            .map(|d| d.diagnostic.code)
            .collect()
    }

    #[test]
    fn paths_normalize() {
        assert_eq!(normalize("./a/./b/../c"), "a/c");
        assert_eq!(normalize("/x\\y"), "x/y");
        assert_eq!(join("api", "../.env"), ".env");
    }

    /// A fix of a cross-file finding (the secret a `.dockerignore` should exclude, seen only with
    /// the Dockerfile and the files beside it) applies when the set is fixed, as it is reported.
    #[test]
    fn fixes_see_the_other_files() {
        let files = [
            MemFile {
                path: "Dockerfile",
                text: "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
            },
            MemFile {
                path: ".dockerignore",
                text: "node_modules\n.git\n",
            },
            MemFile {
                path: "id_rsa",
                text: "-----BEGIN OPENSSH PRIVATE KEY-----\n",
            },
        ];
        let fixed = fix_files(&files, &Config::default(), true);
        assert_eq!(fixed.len(), 3);
        assert!(fixed[1].text.contains("id_rsa"), "{}", fixed[1].text);
        assert_eq!(fixed[2].text, files[2].text);
        let alone = crate::fix::fix_text(
            ".dockerignore",
            files[1].text,
            Some(FileKind::Dockerignore),
            &Config::default(),
            true,
        );
        assert!(!alone.text.contains("id_rsa"), "{}", alone.text);
    }

    /// `COPY --from=<name>` of a context the Compose build passes (`additional_contexts`, as a
    /// mapping or a list) is no missing stage; the same Dockerfile alone is told it may be.
    #[test]
    fn named_contexts_from_compose_are_not_missing_stages() {
        let dockerfile = "FROM alpine:3.20\nCOPY --from=assets /dist /srv\nCOPY --from=src /go.mod /app/\nUSER 1000\n";
        for compose in [
            "services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        assets: ./frontend/dist\n        src: https://github.com/acme/src.git\n",
            "services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        - assets=./frontend/dist\n        - src=docker-image://golang:1.23\n",
        ] {
            let files = [
                MemFile {
                    path: "compose.yaml",
                    text: compose,
                },
                MemFile {
                    path: "Dockerfile",
                    text: dockerfile,
                },
            ];
            let reports = lint_files(&files, &Config::default());
            assert!(!codes(&reports[1]).contains(&"DF010"), "{:?}", reports[1]);
        }
        let alone = lint_files(
            &[MemFile {
                path: "Dockerfile",
                text: dockerfile,
            }],
            &Config::default(),
        );
        assert_eq!(
            codes(&alone[0]).iter().filter(|c| **c == "DF010").count(),
            2
        );
    }

    #[test]
    fn compose_sees_the_other_tabs() {
        let compose = "services:\n  api:\n    build: ./api\n    env_file: api.env\n";
        let files = [
            MemFile {
                path: "compose.yaml",
                text: compose,
            },
            MemFile {
                path: "api/Dockerfile",
                text: "FROM node:22.1-alpine\nCOPY . .\nUSER node\nCMD [\"node\", \"x.js\"]\n",
            },
        ];
        let reports = lint_files(&files, &Config::default());
        // The context exists (a file lives under it); env_file does not.
        let compose_codes = codes(&reports[0]);
        assert!(compose_codes.contains(&"DC039"), "{compose_codes:?}");
        assert!(!compose_codes.contains(&"DC038"), "{compose_codes:?}");
        assert_eq!(reports[1].kind, Some(FileKind::Dockerfile));

        // With the env file open too, the finding goes.
        let mut more = files.to_vec();
        more.push(MemFile {
            path: "api.env",
            text: "A=1\n",
        });
        let reports = lint_files(&more, &Config::default());
        assert!(!codes(&reports[0]).contains(&"DC039"));
    }

    /// A workflow tab calling a reusable workflow is checked against the tab of that workflow;
    /// without that tab, nothing is said (a tab not open may well exist).
    #[test]
    fn workflows_see_the_workflows_they_call() {
        let caller = MemFile {
            path: ".github/workflows/ci.yml",
            text: "on: push\njobs:\n  d:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      enviroment: prod\n",
        };
        let callee = MemFile {
            path: ".github/workflows/deploy.yml",
            text: "on:\n  workflow_call:\n    inputs:\n      environment:\n        type: string\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
        };
        let reports = lint_files(&[caller, callee], &Config::default());
        assert!(
            codes(&reports[0]).contains(&"GA030"),
            "{:?}",
            codes(&reports[0])
        );
        let alone = lint_files(&[caller], &Config::default());
        assert!(!codes(&alone[0]).contains(&"GA030"));
    }

    /// The tabs are never the whole project: a path they lack is "not open", at info, not an
    /// error; the CLI's view of the disk keeps the error (see the rules' fixtures).
    #[test]
    fn a_path_no_tab_holds_is_not_open_at_info() {
        let compose = "services:\n  api:\n    build: ./api\n    env_file: api.env\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.web\n";
        let reports = lint_files(
            &[MemFile {
                path: "compose.yaml",
                text: compose,
            }],
            &Config::default(),
        );
        let missing: Vec<(&str, crate::Severity, &str)> = reports[0]
            .diagnostics
            .iter()
            .map(|l| &l.diagnostic)
            .filter(|d| d.code == "DC038" || d.code == "DC039")
            .map(|d| (d.code, d.severity, d.message.as_str()))
            .collect();
        use crate::Severity::Info;
        assert_eq!(
            missing,
            [
                (
                    "DC038",
                    Info,
                    "build context `api` of `api` is not open in a tab (add it to check it)"
                ),
                (
                    "DC039",
                    Info,
                    "env file of `api`, `api.env`, is not open in a tab (add it to check it)"
                ),
                (
                    "DC038",
                    Info,
                    "Dockerfile `Dockerfile.web` of `web` is not open in a tab (add it to check it)"
                ),
            ]
        );
    }

    #[test]
    fn dockerfile_gets_the_dockerignore_of_its_compose_context() {
        let dockerfile = "FROM alpine:3.20\nCOPY config/local.yml /etc/app/\n";
        let compose =
            "services:\n  w:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n";
        let without = [
            MemFile {
                path: "compose.yaml",
                text: compose,
            },
            MemFile {
                path: "docker/Dockerfile",
                text: dockerfile,
            },
        ];
        let mut with = without.to_vec();
        with.push(MemFile {
            path: ".dockerignore",
            text: "config/local.yml\n",
        });
        let config = Config::default();
        assert!(!codes(&lint_files(&without, &config)[1]).contains(&"DF096"));
        // The context is the Compose file's folder, not the Dockerfile's.
        assert!(codes(&lint_files(&with, &config)[1]).contains(&"DF096"));
    }

    #[test]
    fn dockerfile_gets_the_args_and_target_of_its_compose_build() {
        let dockerfile =
            "ARG BASE\nFROM ${BASE}:3.20 AS app\nUSER app\nFROM app AS debug\nUSER root\n";
        let compose = "services:\n  w:\n    build:\n      context: .\n      target: app\n      args:\n        BASE: alpine\n";
        let files = [
            MemFile {
                path: "Dockerfile",
                text: dockerfile,
            },
            MemFile {
                path: "compose.yaml",
                text: compose,
            },
        ];
        let config = Config::default();
        let alone = codes(&lint_files(&files[..1], &config)[0]);
        // Alone: the last stage runs as root, and `BASE` has no default.
        assert!(alone.contains(&"DF062"), "{alone:?}");
        assert!(alone.contains(&"DF094"), "{alone:?}");
        let built = codes(&lint_files(&files, &config)[0]);
        assert!(!built.contains(&"DF062"), "{built:?}");
        assert!(!built.contains(&"DF094"), "{built:?}");
    }

    #[test]
    fn binary_paste_is_a_finding() {
        let files = [MemFile {
            path: "Dockerfile",
            text: "FROM a\0b",
        }];
        let reports = lint_files(&files, &Config::default());
        assert_eq!(codes(&reports[0]), ["RL001"]);
    }
}
