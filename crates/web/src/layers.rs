//! The layer-cache panel's data, without a browser: which context files the open tabs make,
//! what the simulation (`lint_core::layers`) says about the active Dockerfile, and the words and
//! marks the panel shows. The app (`app/layers.rs`) only draws what [`prepare`] returns.

use crate::model::{Finding, Tab};
use lint_core::FileKind;
use lint_core::layers::{Build, ContextFile, LayersInput, Simulation, Status, simulate};
use lint_core::project::normalize;
use lint_core::syntax::dockerignore::DockerIgnore;
use std::collections::BTreeSet;

/// What the panel is computed from (besides the tabs): the user's ticks and added paths, and the
/// saved Dockerfile text when "compare with saved version" is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// Context paths (relative to the Dockerfile's folder) ticked "changed".
    pub changed: BTreeSet<String>,
    /// Paths typed in by the user (files the page has no tab for, like `src/app.py`).
    pub extra: Vec<String>,
    /// The Dockerfile text to compare with (`before`); `None`: one build against its own cache.
    pub saved: Option<String>,
}

/// One row of the context file list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRow {
    /// Relative to the Dockerfile's folder.
    pub path: String,
    pub changed: bool,
    /// Left out of the context by the `.dockerignore`.
    pub ignored: bool,
    /// Typed in by the user (can be removed), not an open tab.
    pub extra: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRow {
    pub line: usize,
    /// Byte span of the instruction in the Dockerfile (to select it in the editor).
    pub start: usize,
    pub end: usize,
    pub instruction: String,
    /// CSS class: the status as the model spells it (`cached`, `may-rebuild`, ...).
    pub status: &'static str,
    /// The status in words.
    pub label: &'static str,
    pub reason: String,
    pub expensive: bool,
    /// The step that broke its stage's cache.
    pub first_miss: bool,
    /// Makes a layer (metadata instructions do not).
    pub layer: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRow {
    /// `build`, or `#0` for an unnamed stage.
    pub name: String,
    pub line: usize,
    /// Why the target does not need it.
    pub skipped: Option<String>,
    pub steps: Vec<StepRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdviceRow {
    /// The install RUN that would stay cached.
    pub line: usize,
    pub copy_line: usize,
    pub message: String,
}

/// What the panel shows for one Dockerfile tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Panel {
    pub stages: Vec<StageRow>,
    /// "2 of 9 steps rebuilt; expensive: RUN npm ci".
    pub summary: String,
    pub advice: Vec<AdviceRow>,
    pub notes: Vec<String>,
    pub files: Vec<FileRow>,
    /// The `.dockerignore` tab that applies, if any.
    pub dockerignore: Option<String>,
    /// Whether the comparison is with a saved text that differs from the current one.
    pub compared: bool,
}

/// Whether a tab is a Dockerfile (the panel is offered for these).
pub fn is_dockerfile(path: &str) -> bool {
    FileKind::from_path(&normalize(path)) == Some(FileKind::Dockerfile)
}

/// The folder a Dockerfile's build context is (with a trailing `/`, or empty for the root).
fn context_dir(dockerfile: &str) -> &str {
    dockerfile.rfind('/').map_or("", |i| &dockerfile[..=i])
}

/// The `.dockerignore` tab for a Dockerfile: `<Dockerfile>.dockerignore` first (BuildKit's
/// per-Dockerfile ignore file), else `.dockerignore` in the context folder.
pub fn dockerignore_of<'t>(tabs: &'t [Tab], dockerfile: &str) -> Option<&'t Tab> {
    let own = format!("{dockerfile}.dockerignore");
    let shared = format!("{}.dockerignore", context_dir(dockerfile));
    tabs.iter()
        .find(|t| t.path == own)
        .or_else(|| tabs.iter().find(|t| t.path == shared))
}

/// A path the user typed, as a context path: `./` and leading `/` dropped, `\` as `/`.
pub fn clean_path(path: &str) -> String {
    let p = path.trim().replace('\\', "/");
    let p = p.trim_start_matches("./").trim_start_matches('/');
    normalize(p)
}

/// The context files: the tabs in the Dockerfile's folder (the Dockerfile and `.dockerignore`
/// too: they are files of the context), then the typed-in paths, each once, in that order.
pub fn context_files(tabs: &[Tab], active: usize, choices: &Choices) -> Vec<FileRow> {
    let Some(df) = tabs.get(active) else {
        return Vec::new();
    };
    let dir = context_dir(&df.path);
    let ignore = dockerignore_of(tabs, &df.path).map(|t| DockerIgnore::parse(&t.text));
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let tab_paths = tabs.iter().filter_map(|t| t.path.strip_prefix(dir));
    let typed = choices.extra.iter().map(String::as_str);
    for (path, extra) in tab_paths
        .map(|p| (p, false))
        .chain(typed.map(|p| (p, true)))
    {
        if path.is_empty() || !seen.insert(path.to_string()) {
            continue;
        }
        out.push(FileRow {
            path: path.to_string(),
            changed: choices.changed.contains(path),
            ignored: ignore
                .as_ref()
                .is_some_and(|i| i.excluded_by(path).is_some()),
            extra,
        });
    }
    out
}

fn label(status: Status) -> &'static str {
    match status {
        Status::Cached => "cached",
        Status::Rebuilt => "rebuilt",
        Status::MayRebuild => "may rebuild",
        Status::RebuiltUnlessIdentical => "rebuilt unless identical",
        Status::Metadata => "metadata",
        Status::Skipped => "skipped",
    }
}

/// "2 of 9 steps rebuilt; expensive: RUN npm ci" (with the may-rebuild counts when there are).
pub fn summary_line(sim: &Simulation) -> String {
    let s = &sim.summary;
    let mut out = String::new();
    if let Some(line) = s.build_fails {
        // As `rlint layers` says it: the notes name what BuildKit refuses.
        out.push_str(&format!(
            "The build fails at line {line} (see the notes); simulated as if it were fixed: "
        ));
    }
    out.push_str(&format!("{} of {} steps rebuilt", s.rebuilt, s.total));
    if s.may_rebuild > 0 {
        out.push_str(&format!(", {} may rebuild", s.may_rebuild));
    }
    if s.rebuilt_unless_identical > 0 {
        out.push_str(&format!(
            ", {} rebuilt unless identical",
            s.rebuilt_unless_identical
        ));
    }
    if !s.expensive.is_empty() {
        let names: Vec<&str> = s
            .expensive
            .iter()
            .filter_map(|line| {
                sim.steps
                    .iter()
                    .find(|st| st.line == *line && st.layer)
                    .map(|st| st.instruction.as_str())
            })
            .collect();
        out.push_str("; expensive: ");
        out.push_str(&names.join(", "));
    }
    if s.first_miss.is_none() && s.total > 0 {
        out.push_str("; everything from the cache");
    }
    out
}

/// The largest Dockerfile the panel simulates: it runs in the page on every keystroke (a
/// 200-line file takes ~4 ms in the wasm), so a huge paste must not freeze it; the CLI has no
/// such limit.
pub const LIMIT: usize = 128 * 1024;

/// The panel for the Dockerfile in `tabs[active]`.
pub fn prepare(tabs: &[Tab], active: usize, choices: &Choices) -> Panel {
    let Some(df) = tabs.get(active) else {
        return Panel::default();
    };
    if df.text.len() > LIMIT || choices.saved.as_ref().is_some_and(|s| s.len() > LIMIT) {
        return Panel {
            summary: format!(
                "This Dockerfile is over {} KiB: the page does not simulate it on every keystroke; `rlint layers` does.",
                LIMIT / 1024
            ),
            ..Panel::default()
        };
    }
    let files = context_files(tabs, active, choices);
    let dir = context_dir(&df.path);
    let own = df.path.strip_prefix(dir).unwrap_or(&df.path);
    let saved = choices.saved.as_deref();
    let compared = saved.is_some_and(|s| s != df.text);
    let context: Vec<ContextFile> = files
        .iter()
        .map(|f| {
            let mut c = if f.changed {
                ContextFile::changed(&f.path)
            } else {
                ContextFile::unchanged(&f.path)
            };
            // The Dockerfile is a file of the context: COPY . . sees its edits.
            c.changed |= compared && f.path == own;
            c
        })
        .collect();
    let ignore_tab = dockerignore_of(tabs, &df.path);
    let after = Build {
        dockerfile: &df.text,
        dockerignore: ignore_tab.map(|t| t.text.as_str()),
        files: &context,
        ..Build::default()
    };
    let input = match saved {
        Some(before) => LayersInput {
            before: Build {
                dockerfile: before,
                ..after
            },
            after,
        },
        None => LayersInput::new(after),
    };
    let sim = simulate(&input);
    let mut stages: Vec<StageRow> = sim
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| StageRow {
            name: if s.name == i.to_string() {
                format!("#{i}")
            } else {
                s.name.clone()
            },
            line: s.line,
            skipped: s.skipped.clone(),
            steps: Vec::new(),
        })
        .collect();
    for step in &sim.steps {
        let first_miss = sim
            .stages
            .get(step.stage)
            .is_some_and(|s| s.first_miss == Some(step.line))
            && step.layer;
        let row = StepRow {
            line: step.line,
            start: step.span.start,
            end: step.span.end,
            instruction: step.instruction.clone(),
            status: step.status.as_str(),
            label: label(step.status),
            reason: step.reason.clone(),
            expensive: step.layer && step.cost == lint_core::layers::Cost::Expensive,
            first_miss,
            layer: step.layer,
        };
        if let Some(stage) = stages.get_mut(step.stage) {
            stage.steps.push(row);
        }
    }
    Panel {
        summary: summary_line(&sim),
        advice: sim
            .advice
            .iter()
            .map(|a| AdviceRow {
                line: a.line,
                copy_line: a.copy_line,
                message: a.message.clone(),
            })
            .collect(),
        notes: sim.notes,
        stages,
        files,
        dockerignore: ignore_tab.map(|t| t.path.clone()),
        compared,
    }
}

/// The DF085 finding whose fix carries out this advice (the same finder backs both), by its
/// index in the findings, when it has a fix.
pub fn advice_fix(findings: &[Finding], advice: &AdviceRow) -> Option<usize> {
    findings
        .iter()
        .position(|f| f.code == "DF085" && f.line == advice.line && f.fix.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(path: &str, text: &str) -> Tab {
        Tab {
            path: path.into(),
            text: text.into(),
        }
    }

    const NODE: &str =
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"src/index.js\"]\n";

    fn node_tabs() -> Vec<Tab> {
        vec![
            tab("Dockerfile", NODE),
            tab("package.json", "{}"),
            tab(".dockerignore", "node_modules\n"),
        ]
    }

    fn step<'p>(panel: &'p Panel, instruction: &str) -> &'p StepRow {
        panel
            .stages
            .iter()
            .flat_map(|s| &s.steps)
            .find(|s| {
                s.instruction == instruction
                    || s.instruction.starts_with(&format!("{instruction} //"))
            })
            .unwrap_or_else(|| panic!("no step {instruction} in {panel:#?}"))
    }

    fn choices(changed: &[&str], extra: &[&str]) -> Choices {
        Choices {
            changed: changed.iter().map(|s| s.to_string()).collect(),
            extra: extra.iter().map(|s| s.to_string()).collect(),
            saved: None,
        }
    }

    #[test]
    fn files_come_from_the_tabs_and_the_typed_paths() {
        let tabs = node_tabs();
        let rows = context_files(&tabs, 0, &choices(&["src/index.js"], &["src/index.js"]));
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Dockerfile",
                "package.json",
                ".dockerignore",
                "src/index.js"
            ]
        );
        assert!(rows[3].changed && rows[3].extra && !rows[0].extra);
    }

    #[test]
    fn a_dockerfile_in_a_folder_has_that_folders_context() {
        let tabs = vec![
            tab("api/Dockerfile", NODE),
            tab("api/package.json", "{}"),
            tab("compose.yaml", ""),
            tab("api/Dockerfile.dockerignore", "package.json\n"),
            tab("api/.dockerignore", ""),
        ];
        let rows = context_files(&tabs, 0, &Choices::default());
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Dockerfile",
                "package.json",
                "Dockerfile.dockerignore",
                ".dockerignore"
            ]
        );
        // The Dockerfile's own ignore file wins.
        assert!(rows[1].ignored);
        assert_eq!(
            dockerignore_of(&tabs, "api/Dockerfile").map(|t| t.path.as_str()),
            Some("api/Dockerfile.dockerignore")
        );
    }

    #[test]
    fn a_changed_source_rebuilds_the_broad_copy_and_the_install_with_advice() {
        let panel = prepare(
            &node_tabs(),
            0,
            &choices(&["src/index.js"], &["src/index.js"]),
        );
        let copy = step(&panel, "COPY . .");
        assert_eq!(
            (copy.status, copy.reason.as_str()),
            ("rebuilt", "src/index.js changed")
        );
        assert!(copy.first_miss);
        let run = step(&panel, "RUN npm ci");
        assert_eq!(run.status, "rebuilt");
        assert!(run.expensive && !run.first_miss);
        assert!(run.reason.contains("earlier step"), "{}", run.reason);
        assert_eq!(step(&panel, "FROM node:20").status, "cached");
        assert_eq!(
            step(&panel, "CMD [\"node\", \"src/index.js\"]").label,
            "metadata"
        );
        assert_eq!(panel.summary, "2 of 4 steps rebuilt; expensive: RUN npm ci");
        assert_eq!(panel.advice.len(), 1);
        assert_eq!(panel.advice[0].line, 4);
        assert!(
            panel.advice[0].message.contains("package.json"),
            "{:?}",
            panel.advice
        );
    }

    #[test]
    fn the_dockerignore_tab_applies() {
        let mut tabs = node_tabs();
        tabs[2].text = "node_modules\nsrc/index.js\n".into();
        let panel = prepare(&tabs, 0, &choices(&["src/index.js"], &["src/index.js"]));
        assert!(
            panel
                .files
                .iter()
                .any(|f| f.path == "src/index.js" && f.ignored)
        );
        assert_eq!(step(&panel, "COPY . .").status, "cached");
        assert_eq!(step(&panel, "RUN npm ci").status, "cached");
        assert!(panel.advice.is_empty());
        assert_eq!(
            panel.summary,
            "0 of 4 steps rebuilt; everything from the cache"
        );
    }

    #[test]
    fn compare_with_the_saved_text_shows_a_changed_instruction() {
        let mut tabs = node_tabs();
        tabs[2].text = "node_modules\nDockerfile\n".into();
        let saved = Choices {
            saved: Some(NODE.to_string()),
            ..Choices::default()
        };
        tabs[0].text = NODE.replace("RUN npm ci", "RUN npm ci --omit=dev");
        let panel = prepare(&tabs, 0, &saved);
        assert!(panel.compared);
        let run = step(&panel, "RUN npm ci --omit=dev");
        assert_eq!(run.status, "rebuilt");
        assert!(run.reason.contains("instruction changed"), "{}", run.reason);
        assert!(run.first_miss);
        // The Dockerfile is left out of the context here, so the COPY stays cached.
        assert_eq!(step(&panel, "COPY . .").status, "cached");
        // Unchanged text: nothing to compare.
        tabs[0].text = NODE.to_string();
        let panel = prepare(&tabs, 0, &saved);
        assert!(!panel.compared);
        assert_eq!(step(&panel, "RUN npm ci").status, "cached");
    }

    #[test]
    fn an_edited_dockerfile_is_a_changed_context_file() {
        let mut tabs = node_tabs();
        let saved = Choices {
            saved: Some(NODE.to_string()),
            ..Choices::default()
        };
        tabs[0].text = NODE.replace("CMD", "EXPOSE 3000\nCMD");
        let panel = prepare(&tabs, 0, &saved);
        let copy = step(&panel, "COPY . .");
        assert_eq!(copy.status, "rebuilt");
        assert!(copy.reason.contains("Dockerfile"), "{}", copy.reason);
    }

    #[test]
    fn stages_are_named_and_skipped_ones_say_why() {
        let df = "FROM golang:1.22 AS build\nRUN go build ./...\nFROM alpine:3.20 AS unused\nRUN true\nFROM alpine:3.20\nCOPY --from=build /out /out\n";
        let panel = prepare(&[tab("Dockerfile", df)], 0, &Choices::default());
        let names: Vec<&str> = panel.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["build", "unused", "#2"]);
        assert!(panel.stages[1].skipped.is_some());
        assert_eq!(panel.stages[1].steps[1].label, "skipped");
    }

    #[test]
    fn the_advice_is_applied_by_the_df085_fix() {
        let tabs = node_tabs();
        let panel = prepare(&tabs, 0, &choices(&["src/index.js"], &["src/index.js"]));
        let findings = &crate::model::lint_tabs(&tabs)[0].findings;
        let i = advice_fix(findings, &panel.advice[0]).expect("a DF085 fix");
        let fix = findings[i].fix.as_ref().expect("fix");
        let fixed = crate::model::apply_edits(&tabs[0].text, &fix.edits).expect("applies");
        let mut tabs = tabs;
        tabs[0].text = fixed;
        let panel = prepare(&tabs, 0, &choices(&["src/index.js"], &["src/index.js"]));
        assert_eq!(step(&panel, "RUN npm ci").status, "cached");
        assert!(panel.advice.is_empty());
    }

    /// Issue 15's acceptance cases on the page: the seeds with "only a source file changed" (the
    /// manifests and a few sources as tabs, the edited file typed in and ticked) show the same
    /// statuses and reasons as the model gives the CLI, and the installs stay cached.
    #[test]
    fn seeds_with_one_source_file_changed_match_the_cli() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/seeds");
        if !dir.exists() {
            assert!(
                std::env::var("RLINT_REQUIRE_SHARED").as_deref() != Ok("1"),
                "RLINT_REQUIRE_SHARED=1 but {} is missing",
                dir.display()
            );
            eprintln!("skipped: {} not found", dir.display());
            return;
        }
        let cases: [(&str, &str, &[&str], &str); 4] = [
            (
                "react.Dockerfile.dev",
                "src/App.js",
                &["package.json", "src/index.js"],
                "RUN npm install",
            ),
            (
                "react-multistage.Dockerfile",
                "src/App.js",
                &["package.json"],
                "RUN npm install",
            ),
            (
                "django.Dockerfile",
                "polls/views.py",
                &["requirements.txt", "manage.py"],
                "RUN pip install -r requirements.txt",
            ),
            (
                "rails.Dockerfile",
                "app/models/user.rb",
                &["Gemfile", "Gemfile.lock"],
                "RUN bundle install",
            ),
        ];
        for (name, changed, others, install) in cases {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let mut tabs = vec![tab("Dockerfile", &text)];
            tabs.extend(others.iter().map(|p| tab(p, "")));
            let panel = prepare(&tabs, 0, &choices(&[changed], &[changed]));
            // What the CLI computes for the same context.
            let mut files: Vec<ContextFile> = ["Dockerfile"]
                .iter()
                .chain(others)
                .map(|p| ContextFile::unchanged(p))
                .collect();
            files.push(ContextFile::changed(changed));
            let sim = simulate(&LayersInput::new(Build {
                dockerfile: &text,
                files: &files,
                ..Build::default()
            }));
            let shown: Vec<(usize, &str, &str)> = panel
                .stages
                .iter()
                .flat_map(|s| &s.steps)
                .map(|s| (s.line, s.status, s.reason.as_str()))
                .collect();
            let cli: Vec<(usize, &str, &str)> = sim
                .steps
                .iter()
                .map(|s| (s.line, s.status.as_str(), s.reason.as_str()))
                .collect();
            assert_eq!(shown, cli, "{name}");
            assert_eq!(panel.summary, summary_line(&sim), "{name}");
            assert_eq!(step(&panel, install).status, "cached", "{name}: {panel:#?}");
            // The rails seed never copies its sources: nothing rebuilds.
            let copies_sources = name != "rails.Dockerfile";
            assert_eq!(
                panel
                    .stages
                    .iter()
                    .flat_map(|s| &s.steps)
                    .any(|s| s.status == "rebuilt" && s.reason.contains(changed)),
                copies_sources,
                "{name}: {changed}: {panel:#?}"
            );
        }
    }

    #[test]
    fn a_dockerfile_buildkit_refuses_says_where_the_build_fails() {
        // An unknown instruction: BuildKit refuses the file, so the build stops at line 3.
        let df = "FROM node:20\nWORKDIR /app\nCOPPY . .\nRUN npm ci\n";
        let panel = prepare(&[tab("Dockerfile", df)], 0, &Choices::default());
        assert!(
            panel
                .summary
                .starts_with("The build fails at line 3 (see the notes)"),
            "{}",
            panel.summary
        );
        assert!(
            panel.notes.iter().any(|n| n.starts_with("line 3:")),
            "{:?}",
            panel.notes
        );
        let fine = prepare(&node_tabs(), 0, &Choices::default());
        assert!(!fine.summary.contains("fails"), "{}", fine.summary);
    }

    #[test]
    fn a_huge_dockerfile_is_not_simulated() {
        let df = "RUN true\n".repeat(LIMIT / 8);
        let panel = prepare(&[tab("Dockerfile", &df)], 0, &Choices::default());
        assert!(panel.stages.is_empty());
        assert!(panel.summary.contains("rlint layers"), "{}", panel.summary);
    }

    #[test]
    fn typed_paths_are_cleaned() {
        assert_eq!(clean_path(" ./src\\app.py "), "src/app.py");
        assert_eq!(clean_path("/src/app.py"), "src/app.py");
        assert!(is_dockerfile("api/Dockerfile") && !is_dockerfile("compose.yaml"));
    }

    /// The panel is computed on every keystroke in the page: a 200-line Dockerfile must take
    /// well under a frame (natively; the page's bench measures the wasm).
    #[test]
    fn a_200_line_dockerfile_is_quick() {
        let mut df = String::from("FROM ubuntu:22.04 AS base\n");
        for i in 0..198 {
            df.push_str(&match i % 4 {
                0 => format!("RUN apt-get update && apt-get install -y pkg{i}\n"),
                1 => format!("ENV VAR_{i}=value{i}\n"),
                2 => format!("COPY src{i}/ /app/src{i}/\n"),
                _ => format!("RUN cd /app && make target{i}\n"),
            });
        }
        let tabs = vec![tab("Dockerfile", &df)];
        let started = std::time::Instant::now();
        let panel = prepare(&tabs, 0, &choices(&["src50/a.c"], &["src50/a.c"]));
        assert!(started.elapsed().as_millis() < 500);
        assert_eq!(panel.stages[0].steps.len(), 199);
    }
}
