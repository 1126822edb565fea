//! The layer-cache simulation, case by case. Each case names the BuildKit rule it encodes:
//! "invalidation" is Docker's "Build cache invalidation" page
//! (https://docs.docker.com/build/cache/invalidation/), "reference" the Dockerfile reference
//! (https://docs.docker.com/reference/dockerfile/), "solver" moby/buildkit `docs/dev/solver.md`.

use lint_core::layers::{Build, ContextFile, LayersInput, Simulation, Status, simulate};

fn files(changed: &[&str], unchanged: &[&str]) -> Vec<ContextFile> {
    changed
        .iter()
        .map(|p| ContextFile::changed(p))
        .chain(unchanged.iter().map(|p| ContextFile::unchanged(p)))
        .collect()
}

fn one(dockerfile: &str, context: &[ContextFile]) -> Simulation {
    simulate(&LayersInput::new(Build {
        dockerfile,
        files: context,
        ..Build::default()
    }))
}

/// Before and after Dockerfile texts, the same context.
fn edit(before: &str, after: &str, context: &[ContextFile]) -> Simulation {
    simulate(&LayersInput {
        before: Build {
            dockerfile: before,
            files: context,
            ..Build::default()
        },
        after: Build {
            dockerfile: after,
            files: context,
            ..Build::default()
        },
    })
}

fn status_at(sim: &Simulation, line: usize) -> Status {
    sim.steps.iter().find(|s| s.line == line).unwrap().status
}

const NODE: &str =
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";
const NODE_FILES: &[&str] = &["package.json", "package-lock.json", "server.js"];

#[test]
fn a_copied_source_change_rebuilds_the_copy_and_everything_after() {
    // invalidation, "General rules": COPY keys on a checksum of the copied files; once a step
    // misses, every later step misses. DF085's advice comes with it (same finder).
    let sim = one(NODE, &files(&["src/app.js"], NODE_FILES));
    assert_eq!(status_at(&sim, 3), Status::Rebuilt);
    assert_eq!(status_at(&sim, 4), Status::Rebuilt);
    assert_eq!(sim.summary.first_miss, Some(3));
    assert_eq!(sim.advice[0].files, ["package.json", "package-lock.json"]);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn manifests_copied_first_keep_the_install_cached() {
    // invalidation: only the files a COPY's sources select are in its checksum.
    let df = "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n";
    let sim = one(df, &files(&["src/app.js"], NODE_FILES));
    assert_eq!(status_at(&sim, 4), Status::Cached);
    assert!(sim.advice.is_empty());
    insta::assert_snapshot!(sim.table());
}

#[test]
fn a_manifest_change_rebuilds_the_install_and_gives_no_advice() {
    // The install reads the manifest: no reorder can keep it cached.
    let sim = one(NODE, &files(&["package-lock.json"], NODE_FILES));
    assert_eq!(status_at(&sim, 4), Status::Rebuilt);
    assert!(sim.advice.is_empty());
    insta::assert_snapshot!(sim.table());
}

#[test]
fn dockerignored_files_never_bust_the_cache() {
    // invalidation + reference ".dockerignore file": ignored files are not in the context.
    let context = files(&["node_modules/x/index.js", "notes.md"], NODE_FILES);
    let sim = simulate(&LayersInput::new(Build {
        dockerfile: NODE,
        dockerignore: Some("node_modules\n*.md\n"),
        files: &context,
        ..Build::default()
    }));
    assert_eq!(sim.summary.rebuilt, 0);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn contents_count_not_mtimes() {
    // invalidation: "The modification time of a file (mtime) is not taken into account".
    // The same content before and after (a touched file) stays cached; other content misses.
    let df = "FROM alpine:3.20\nCOPY app.py /app/\n";
    let file = |content: &str| ContextFile {
        path: "app.py".into(),
        content: Some(content.into()),
        changed: false,
    };
    let same = [file("print(1)\n")];
    let other = [file("print(2)\n")];
    let run = |after: &[ContextFile]| {
        simulate(&LayersInput {
            before: Build {
                dockerfile: df,
                files: &same,
                ..Build::default()
            },
            after: Build {
                dockerfile: df,
                files: after,
                ..Build::default()
            },
        })
    };
    assert_eq!(status_at(&run(&same.clone()), 2), Status::Cached);
    let sim = run(&other);
    assert_eq!(status_at(&sim, 2), Status::Rebuilt);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn only_the_files_the_sources_match_count() {
    // invalidation: the checksum covers the selected sources (a directory, a wildcard).
    let df = "FROM python:3.12\nCOPY src/ /app/src/\nCOPY conf/*.toml /app/\nRUN python -m compileall /app\n";
    let context = files(
        &["docs/guide.md", "conf/readme.txt"],
        &["src/a.py", "conf/app.toml"],
    );
    let sim = one(df, &context);
    assert_eq!(sim.summary.rebuilt, 0);
    let sim2 = one(df, &files(&["conf/app.toml"], &["src/a.py"]));
    assert_eq!(status_at(&sim2, 3), Status::Rebuilt);
    insta::assert_snapshot!(format!("{}\n---\n{}", sim.table(), sim2.table()));
}

#[test]
fn a_changed_arg_misses_at_its_first_use_not_its_declaration() {
    // reference, ARG "Impact on build caching": a changed ARG value is a cache miss at its
    // first usage; every RUN after the ARG uses it implicitly (it is in its environment),
    // while COPY does not see it.
    let df = "FROM alpine:3.20\nARG VERSION=1\nCOPY app /app\nRUN echo hello\nRUN echo $VERSION\n";
    let context = files(&[], &["app"]);
    let before_args: Vec<(String, String)> = Vec::new();
    let after_args = vec![("VERSION".to_string(), "2".to_string())];
    let build = |args| Build {
        dockerfile: df,
        files: &context,
        args,
        ..Build::default()
    };
    let sim = simulate(&LayersInput {
        before: build(&before_args),
        after: build(&after_args),
    });
    assert_eq!(status_at(&sim, 3), Status::Cached);
    assert_eq!(status_at(&sim, 4), Status::Rebuilt);
    assert_eq!(sim.summary.first_miss, Some(4));
    insta::assert_snapshot!(sim.table());
}

#[test]
fn env_user_workdir_and_shell_key_the_runs_after_them() {
    // reference ENV/USER/WORKDIR/SHELL and solver: they make no layer but are part of the
    // ExecOp of every later RUN; a COPY's key does not include them (ENV), a WORKDIR is a
    // mkdir of its own.
    let before = "FROM alpine:3.20\nENV VERSION=1\nCOPY a /a\nRUN make\nUSER app\nRUN id\nSHELL [\"/bin/sh\", \"-c\"]\nRUN true\n";
    let after = "FROM alpine:3.20\nENV VERSION=2\nCOPY a /a\nRUN make\nUSER app\nRUN id\nSHELL [\"/bin/sh\", \"-c\"]\nRUN true\n";
    let context = files(&[], &["a"]);
    let sim = edit(before, after, &context);
    assert_eq!(status_at(&sim, 2), Status::Metadata);
    assert_eq!(status_at(&sim, 3), Status::Cached);
    assert_eq!(status_at(&sim, 4), Status::Rebuilt);
    let user_before = "FROM alpine:3.20\nUSER root\nRUN id\nWORKDIR /a\nRUN pwd\n";
    let user_after = "FROM alpine:3.20\nUSER app\nRUN id\nWORKDIR /b\nRUN pwd\n";
    let sim2 = edit(user_before, user_after, &[]);
    assert_eq!(status_at(&sim2, 3), Status::Rebuilt);
    let shell_before = "FROM alpine:3.20\nRUN echo a\n";
    let shell_after = "FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo a\n";
    let sim3 = edit(shell_before, shell_after, &[]);
    assert_eq!(status_at(&sim3, 3), Status::Rebuilt);
    insta::assert_snapshot!(format!(
        "{}\n---\n{}\n---\n{}",
        sim.table(),
        sim2.table(),
        sim3.table()
    ));
}

#[test]
fn an_edited_instruction_rebuilds_from_itself() {
    // invalidation: "If no cached layer matches the instruction exactly, the cache is
    // invalidated"; a step inserted in the middle is new, everything after it misses.
    let before = "FROM node:20\nCOPY package.json ./\nRUN npm ci\nRUN npm test\n";
    let after = "FROM node:20\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm test\n";
    let context = files(&[], &["package.json"]);
    let sim = edit(before, after, &context);
    assert_eq!(status_at(&sim, 3), Status::Rebuilt);
    let inserted =
        "FROM node:20\nRUN apk add git\nCOPY package.json ./\nRUN npm ci\nRUN npm test\n";
    let sim2 = edit(before, inserted, &context);
    assert_eq!(status_at(&sim2, 2), Status::Rebuilt);
    assert_eq!(status_at(&sim2, 5), Status::Rebuilt);
    insta::assert_snapshot!(format!("{}\n---\n{}", sim.table(), sim2.table()));
}

#[test]
fn mounts_cache_and_secret_do_not_key_by_content_bind_does() {
    // reference "RUN --mount": cache/secret/ssh mounts never key by their contents;
    // invalidation: a `--mount=type=bind` from the context keys by the checksum like COPY.
    let df = "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip --mount=type=secret,id=token pip install flask\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n";
    let unchanged = one(df, &files(&["app.py"], &["requirements.txt"]));
    assert_eq!(unchanged.summary.rebuilt, 0);
    let changed = one(df, &files(&["requirements.txt"], &["app.py"]));
    assert_eq!(status_at(&changed, 2), Status::Cached);
    assert_eq!(status_at(&changed, 3), Status::Rebuilt);
    insta::assert_snapshot!(format!("{}\n---\n{}", unchanged.table(), changed.table()));
}

#[test]
fn a_bind_mount_from_a_stage_keys_on_what_it_mounts() {
    // reference "RUN --mount=type=bind": `from=` names the stage whose files are mounted
    // (read-only unless `rw`); solver: a mounted input is keyed by a checksum of the mounted
    // path (moby/buildkit execOp `getMountDeps`, the content-based hash), as COPY --from is. So
    // the RUN is rebuilt unless the files it mounts come out byte-identical when that stage
    // re-ran, and cached when the stage did not.
    let df = "FROM golang:1.23 AS build\nCOPY . /src\nRUN go build -o /out/app /src\n\nFROM debian:12 AS test\nRUN --mount=type=bind,from=build,source=/out,target=/mnt/out /mnt/out/app --self-test\nRUN echo done\n";
    let rebuilt = one(df, &files(&["main.go"], &["go.mod"]));
    assert_eq!(status_at(&rebuilt, 3), Status::Rebuilt);
    assert_eq!(status_at(&rebuilt, 6), Status::RebuiltUnlessIdentical);
    assert_eq!(status_at(&rebuilt, 7), Status::RebuiltUnlessIdentical);
    // The stage ran from cache: the mount's files are the same, the RUN is cached.
    let cached = one(df, &files(&[], &["main.go", "go.mod"]));
    assert_eq!(status_at(&cached, 6), Status::Cached);
    // The mounting stage is built because the target mounts from it (resolveReachableStages).
    assert!(cached.stages[0].built);
    insta::assert_snapshot!(format!("{}\n---\n{}", rebuilt.table(), cached.table()));
}

#[test]
fn an_ssh_mount_does_not_key() {
    // reference "RUN --mount=type=ssh": the agent socket is forwarded at run time, nothing of
    // it enters the cache key; only the instruction text (the mount flag with it) does. A
    // changed context file leaves the clone cached, an edited mount option rebuilds it.
    let before = "FROM alpine:3.20\nRUN apk add --no-cache git openssh-client\nRUN --mount=type=ssh git clone git@github.com:acme/private.git /src\n";
    let after = "FROM alpine:3.20\nRUN apk add --no-cache git openssh-client\nRUN --mount=type=ssh,id=deploy git clone git@github.com:acme/private.git /src\n";
    let unchanged = one(before, &files(&["README.md"], &[]));
    assert_eq!(unchanged.summary.rebuilt, 0);
    assert_eq!(status_at(&unchanged, 3), Status::Cached);
    let edited = edit(before, after, &[]);
    assert_eq!(status_at(&edited, 2), Status::Cached);
    assert_eq!(status_at(&edited, 3), Status::Rebuilt);
    insta::assert_snapshot!(format!("{}\n---\n{}", unchanged.table(), edited.table()));
}

#[test]
fn copy_flags_are_part_of_the_key_and_exclude_leaves_files_out() {
    // reference COPY: --chmod/--chown/--link/--parents are in the instruction; --exclude
    // patterns leave the files they match out of the copy (and its checksum).
    let before = "FROM alpine:3.20\nCOPY --chmod=644 conf /etc/app/\nCOPY --exclude=*.md . /src/\n";
    let after = "FROM alpine:3.20\nCOPY --chmod=600 conf /etc/app/\nCOPY --exclude=*.md . /src/\n";
    let context = files(&["README.md"], &["conf", "main.c"]);
    let sim = edit(before, after, &context);
    assert_eq!(status_at(&sim, 2), Status::Rebuilt);
    let excluded = one(after, &context);
    assert_eq!(status_at(&excluded, 3), Status::Cached);
    insta::assert_snapshot!(format!("{}\n---\n{}", sim.table(), excluded.table()));
}

#[test]
fn remote_add_is_rechecked_every_build() {
    // reference ADD: a URL is checked on every build (ETag/Last-Modified); `--checksum` fixes
    // the key; a Git ref pinned to a commit is fixed, a branch is resolved again.
    let df = "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /a/\nADD https://example.com/tool.tar.gz /opt/\nRUN tar -xzf /opt/tool.tar.gz\nADD https://github.com/moby/buildkit.git#2a1e5c1b41e7a3f25ae2e8c23a9e1a8e1ffdbd4e /src\n";
    let sim = one(df, &[]);
    assert_eq!(status_at(&sim, 2), Status::Cached);
    assert_eq!(status_at(&sim, 3), Status::MayRebuild);
    assert_eq!(status_at(&sim, 4), Status::MayRebuild);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn from_digests_tags_pull_and_changed_images() {
    // solver: the root is keyed by the image's manifest digest. A digest never moves; a tag
    // is cached while it resolves to the same digest, and `--pull` resolves it again.
    let df = "FROM alpine@sha256:beefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdead AS pinned\nRUN true\nFROM node:20 AS app\nRUN true\nFROM node\nRUN true\nCOPY --from=pinned /etc/os-release /p\nCOPY --from=app /etc/os-release /a\n";
    let plain = one(df, &[]);
    assert_eq!(plain.summary.rebuilt, 0);
    let pulled = simulate(&LayersInput::new(Build {
        dockerfile: df,
        pull: true,
        ..Build::default()
    }));
    assert_eq!(status_at(&pulled, 1), Status::Cached);
    assert_eq!(status_at(&pulled, 3), Status::MayRebuild);
    assert_eq!(status_at(&pulled, 4), Status::MayRebuild);
    // A global ARG in FROM: its value is part of the image reference.
    let arg_df = "ARG NODE=18\nFROM node:${NODE}\nRUN npm -v\n";
    let args = vec![("NODE".to_string(), "20".to_string())];
    let by_arg = simulate(&LayersInput {
        before: Build {
            dockerfile: arg_df,
            ..Build::default()
        },
        after: Build {
            dockerfile: arg_df,
            args: &args,
            ..Build::default()
        },
    });
    assert_eq!(status_at(&by_arg, 2), Status::Rebuilt);
    let edited = edit(
        "FROM node:18\nRUN npm -v\n",
        "FROM node:20\nRUN npm -v\n",
        &[],
    );
    assert_eq!(status_at(&edited, 1), Status::Rebuilt);
    insta::assert_snapshot!(format!(
        "{}\n---\n{}\n---\n{}\n---\n{}",
        plain.table(),
        pulled.table(),
        by_arg.table(),
        edited.table()
    ));
}

#[test]
fn copy_link_does_not_depend_on_the_steps_below() {
    // reference "COPY --link": the layer is independent of the previous ones, so a change
    // below it does not invalidate it; the steps after it still run on the new base.
    let before = "FROM alpine:3.20\nRUN echo 1\nCOPY --link app /app\nRUN ls /app\n";
    let after = "FROM alpine:3.20\nRUN echo 2\nCOPY --link app /app\nRUN ls /app\n";
    let context = files(&[], &["app"]);
    let sim = edit(before, after, &context);
    assert_eq!(status_at(&sim, 2), Status::Rebuilt);
    assert_eq!(status_at(&sim, 3), Status::Cached);
    assert_eq!(status_at(&sim, 4), Status::Rebuilt);
    insta::assert_snapshot!(sim.table());
}

const MULTI: &str = "FROM node:20 AS deps\nCOPY package.json ./\nRUN npm install\n\nFROM node:20 AS build\nCOPY . .\nRUN npm run build\n\nFROM golang:1.23 AS tools\nCOPY tools/ /src\nRUN go build ./...\n\nFROM nginx:1.27 AS web\nCOPY --from=build /dist /usr/share/nginx/html\nCOPY --from=deps /node_modules /nm\n\nFROM alpine:3.20 AS debug\nRUN apk add curl\n";

#[test]
fn only_stages_the_target_needs_are_built() {
    // convert.go `resolveReachableStages`: stages the target neither builds on nor copies
    // from are skipped; the default target is the last stage.
    let context = files(&["tools/gen.go"], &["package.json", "src/index.js"]);
    let default = one(MULTI, &context);
    assert!(!default.stages[0].built && default.stages[4].built);
    let targets = simulate(&LayersInput::new(Build {
        dockerfile: MULTI,
        files: &context,
        target: Some("web"),
        ..Build::default()
    }));
    assert!(targets.stages[0].built && !targets.stages[2].built);
    assert_eq!(status_at(&targets, 11), Status::Skipped);
    // `COPY . .` of the built stage still copies tools/: the context is the same for all.
    assert_eq!(status_at(&targets, 6), Status::Rebuilt);
    insta::assert_snapshot!(format!("{}\n---\n{}", default.table(), targets.table()));
}

#[test]
fn copy_from_a_rebuilt_stage_is_rebuilt_unless_identical() {
    // invalidation + solver: COPY --from keys on the checksum of the copied paths in the
    // source stage, so a rebuilt stage that yields the same bytes still hits; statically that
    // is unknown, hence a status of its own. Independent stages are judged independently.
    let context = files(&["src/index.js"], &["package.json"]);
    let sim = simulate(&LayersInput::new(Build {
        dockerfile: MULTI,
        files: &context,
        target: Some("web"),
        ..Build::default()
    }));
    assert_eq!(status_at(&sim, 3), Status::Cached, "deps is independent");
    assert_eq!(status_at(&sim, 6), Status::Rebuilt);
    assert_eq!(status_at(&sim, 14), Status::RebuiltUnlessIdentical);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn no_cache_rebuilds_everything() {
    // reference `docker build --no-cache`: no step is taken from the cache.
    let sim = simulate(&LayersInput::new(Build {
        dockerfile: NODE,
        no_cache: true,
        ..Build::default()
    }));
    assert_eq!(sim.summary.rebuilt, sim.summary.total);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn costs_come_from_the_shell_analysis() {
    // Package installs, compiles and downloads are expensive; the rest is cheap.
    let df = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nRUN echo hi > /x\nRUN curl -fsSL https://example.com/x -o /x\nRUN go build ./...\nRUN --no-cache true || true\nCOPY . /src\n";
    let sim = one(df, &files(&["main.go"], &[]));
    let costs: Vec<&str> = sim.steps.iter().map(|s| s.cost.as_str()).collect();
    assert_eq!(
        costs,
        [
            "cheap",
            "expensive",
            "cheap",
            "expensive",
            "expensive",
            "cheap",
            "cheap"
        ]
    );
    insta::assert_snapshot!(sim.table());
}

#[test]
fn the_dockerfile_is_part_of_the_context() {
    // The Dockerfile is in the build context unless .dockerignore leaves it out, so editing
    // it changes what `COPY . .` copies.
    let context = files(&["Dockerfile"], &["main.py"]);
    let sim = one("FROM python:3.12\nCOPY . /app\n", &context);
    assert_eq!(status_at(&sim, 2), Status::Rebuilt);
    let ignored = simulate(&LayersInput::new(Build {
        dockerfile: "FROM python:3.12\nCOPY . /app\n",
        dockerignore: Some("Dockerfile\n"),
        files: &context,
        ..Build::default()
    }));
    assert_eq!(status_at(&ignored, 2), Status::Cached);
    insta::assert_snapshot!(format!("{}\n---\n{}", sim.table(), ignored.table()));
}

#[test]
fn a_dockerfile_buildkit_refuses_says_where_the_build_fails() {
    // reference "Format" / "FROM": a `#` after an instruction is not a comment, and FROM takes
    // `image [AS name]` only, so BuildKit stops before any step runs; an unknown instruction
    // stops it too. The table still simulates the steps (as if the line were fixed) but leads
    // its summary with the failure instead of implying the build works.
    let comment = "FROM ruby:3.3 # the Ruby image\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n";
    let sim = one(comment, &files(&["app.rb"], &["Gemfile", "Gemfile.lock"]));
    assert_eq!(sim.summary.build_fails, Some(1));
    assert_eq!(status_at(&sim, 4), Status::Cached);
    let later = "FROM alpine:3.20\nRUN echo hi\nCOPPY . /src\nRUN echo bye\n";
    let later = one(later, &[]);
    assert_eq!(later.summary.build_fails, Some(3));
    // A refused ONBUILD trigger is DF101's finding, not a syntax error, and still fails the build.
    let trigger = one(
        "FROM alpine:3.20\nRUN echo hi\nONBUILD FROM alpine:3.20\n",
        &[],
    );
    assert_eq!(trigger.summary.build_fails, Some(3));
    let fine = one(NODE, &files(&["server.js"], &[]));
    assert_eq!(fine.summary.build_fails, None);
    assert!(!fine.table().contains("the build fails"));
    insta::assert_snapshot!(format!("{}\n---\n{}", sim.table(), later.table()));
}

#[test]
fn hostile_input_does_not_panic() {
    for text in [
        "",
        "FROM",
        "COPY . .\n",
        "FROM a\nCOPY\nADD\nRUN\nARG\nENV\n",
        "FROM $X\nCOPY --from=$Y / /\n",
        "FROM a AS a\nFROM a AS b\nCOPY --from=b / /\nCOPY --from=9 / /\n",
    ] {
        let _ = one(text, &files(&["x"], &[]));
    }
}

include!("common/seed_contexts.rs");

/// The seeds with "only a source file changed" (issue 15's acceptance cases).
#[test]
fn seeds_with_one_source_file_changed() {
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
    let mut out = String::new();
    for (name, changed, others) in SEED_CONTEXTS {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let sim = one(&text, &files(&[changed], others));
        out.push_str(&format!("== {name}, {changed} changed\n{}\n", sim.table()));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn every_copy_flag_is_part_of_the_instruction() {
    // reference COPY/ADD: --chown, --chmod, --link, --parents, --exclude change the operation,
    // so editing one misses even though no file changed.
    let context = files(&[], &["a/x", "b"]);
    let mut out = String::new();
    for (before, after) in [
        ("COPY a/ /x/", "COPY --chown=app a/ /x/"),
        ("COPY --parents a/x /x/", "COPY a/x /x/"),
        ("COPY a/ /x/", "COPY --link a/ /x/"),
        ("COPY . /x/", "COPY --exclude=b . /x/"),
    ] {
        let sim = edit(
            &format!("FROM alpine:3.20\n{before}\n"),
            &format!("FROM alpine:3.20\n{after}\n"),
            &context,
        );
        assert_eq!(status_at(&sim, 2), Status::Rebuilt, "{after}");
        out.push_str(&format!("{after}: {}\n", sim.steps[1].reason));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_run_sees_only_the_args_of_its_own_stage() {
    // reference "Understand how ARG and FROM interact" / "Scope": an ARG is in scope from its
    // declaration to the end of its stage; a global ARG reaches RUN only when the stage
    // declares it again.
    let df = "ARG MODE=dev\nFROM alpine:3.20 AS a\nARG MODE\nRUN echo a\nFROM alpine:3.20 AS b\nRUN echo b\nFROM alpine:3.20\nCOPY --from=a /etc/hostname /a\nCOPY --from=b /etc/hostname /b\n";
    let args = vec![("MODE".to_string(), "prod".to_string())];
    let sim = simulate(&LayersInput {
        before: Build {
            dockerfile: df,
            ..Build::default()
        },
        after: Build {
            dockerfile: df,
            args: &args,
            ..Build::default()
        },
    });
    assert_eq!(status_at(&sim, 4), Status::Rebuilt);
    assert_eq!(status_at(&sim, 6), Status::Cached);
    insta::assert_snapshot!(sim.table());
}

#[test]
fn workdir_keys_on_source_date_epoch_and_copy_from_an_image_on_its_tag() {
    // invalidation "WORKDIR and SOURCE_DATE_EPOCH"; reference "COPY --from": an image
    // reference is resolved like FROM.
    let df = "FROM alpine:3.20\nWORKDIR /app\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /app/\n";
    let before_args = vec![("SOURCE_DATE_EPOCH".to_string(), "0".to_string())];
    let after_args = vec![("SOURCE_DATE_EPOCH".to_string(), "1700000000".to_string())];
    let build = |args| Build {
        dockerfile: df,
        args,
        ..Build::default()
    };
    let sim = simulate(&LayersInput {
        before: build(&before_args),
        after: build(&after_args),
    });
    assert_eq!(status_at(&sim, 2), Status::Rebuilt);
    let same = one(df, &[]);
    assert_eq!(status_at(&same, 3), Status::Cached);
    insta::assert_snapshot!(format!("{}\n---\n{}", sim.table(), same.table()));
}

/// DF085 and the simulation use one finder: for every DF085 fixture, a source edit gives
/// advice on exactly the lines DF085 reports in the stages the build runs (DF085 also speaks
/// of stages the default target skips).
#[test]
fn the_advice_and_df085_agree() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dockerfile/DF085");
    let listed = std::fs::read_to_string(dir.join("files.txt")).unwrap();
    let mut context: Vec<ContextFile> = listed.lines().map(ContextFile::unchanged).collect();
    context.push(ContextFile::changed("src/edited.js"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "Dockerfile") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let config = lint_core::Config {
            select: vec!["DF085".into()],
            ..lint_core::Config::default()
        };
        let mut rule_lines: Vec<usize> = lint_core::lint_text("Dockerfile", &text, None, &config)
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code == "DF085")
            .map(|d| {
                // The finding is on the install command; the advice names its RUN's line.
                let sim = one(&text, &[]);
                sim.steps
                    .iter()
                    .filter(|s| s.line <= d.start.line)
                    .map(|s| s.line)
                    .max()
                    .unwrap()
            })
            .collect();
        let sim = one(&text, &context);
        rule_lines.retain(|&line| {
            sim.steps
                .iter()
                .any(|s| s.line == line && s.status != Status::Skipped)
        });
        let mut advice_lines: Vec<usize> = sim.advice.iter().map(|a| a.line).collect();
        rule_lines.sort();
        advice_lines.sort();
        assert_eq!(rule_lines, advice_lines, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 5);
}

/// The table shows the file's own text back: secrets in it are masked, in the instruction and in
/// the reason that names a changed value (the standard for every output).
#[test]
fn secrets_are_masked_in_steps_and_reasons() {
    let before = "FROM alpine:3.20\nENV DB_PASSWORD=q8Vz3mLr0TfK STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc\nRUN echo hi\n";
    let after = "FROM alpine:3.20\nENV DB_PASSWORD=Zr71kLmQ0pXw STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc\nRUN echo hi\n";
    let sim = edit(before, after, &[]);
    let shown = format!("{sim:?}");
    for secret in ["q8Vz3mLr0TfK", "Zr71kLmQ0pXw", "4eC39HqLyjWDarjtT1zdp7dc"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    let run = sim
        .steps
        .iter()
        .find(|s| s.instruction == "RUN echo hi")
        .unwrap();
    assert_eq!(run.status, Status::Rebuilt);
    assert!(run.reason.contains("DB_PASSWORD"), "{}", run.reason);
}
