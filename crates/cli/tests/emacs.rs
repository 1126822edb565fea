//! End to end in Emacs: the README's Emacs blocks (eglot, the Flymake backend, `rlint-compile`),
//! taken from README.md itself so the two cannot drift, loaded into `emacs --batch` against the
//! freshly built `rlint`, on a Dockerfile and a Compose file with known defects. Each scenario
//! prints what Emacs shows, one line per finding, and the tests assert those lines.
//! Skips with a note when `emacs` is not installed; `RLINT_REQUIRE_EMACS=1` (CI) makes that a
//! failure. Emacs 28 needs eglot, dockerfile-mode and yaml-mode from ELPA (Debian: elpa-eglot,
//! elpa-dockerfile-mode, elpa-yaml-mode).

use std::path::Path;
use std::process::{Command, Stdio};

const README: &str = include_str!("../../../README.md");

/// Two findings at the same place after `é` (one UTF-16 unit) and `😀` (two UTF-16 units, one
/// character, two screen columns), then an error and a warning.
const DOCKERFILE: &str = "FROM ubuntu:22.04\nRUN echo \"café 😀\" && apt-get install -y curl\nMAINTAINER José\nUSER root\n";
const COMPOSE: &str = "services:\n  web:\n    image: nginx:latest\n";

/// Loaded before each scenario: what an interactive Emacs does that batch mode does not.
const PRELUDE: &str = r#"
(require 'subr-x)
;; Interactive startup activates ELPA packages (Debian's elpa-* too) before init.el.
(package-activate-all)
(load (getenv "RLINT_SNIPPET") nil t)

(defun rlint-test-wait (done)
  "Let processes run until DONE returns non-nil, at most 20 seconds."
  (let ((deadline (+ (float-time) 20)))
    (while (and (not (funcall done)) (< (float-time) deadline))
      (accept-process-output nil 0.05))))

(defun rlint-test-command-loop ()
  "What the command loop and redisplay run after a command (eglot-ensure and Flymake wait for it)."
  (run-hooks 'post-command-hook)
  (run-window-configuration-change-hook))

(defun rlint-test-idle ()
  "What Emacs runs once the user stops typing (batch mode runs no idle timers)."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun rlint-test-code (text)
  (and (string-match "\\[\\([A-Z]+[0-9]+\\)\\]" text) (match-string 1 text)))

(defun rlint-test-codes ()
  (mapcar (lambda (d) (rlint-test-code (flymake-diagnostic-text d))) (flymake-diagnostics)))

(defun rlint-test-print (tag)
  "One line per Flymake diagnostic: TAG LINE:CHARACTER-COLUMN(0-based) SEVERITY CODE."
  (dolist (d (flymake-diagnostics))
    (let ((beg (flymake-diagnostic-beg d)))
      (princ (format "%s %d:%d %s %s\n" tag
                     (line-number-at-pos beg)
                     (save-excursion (goto-char beg) (- beg (line-beginning-position)))
                     (string-remove-prefix
                      "flymake-" (symbol-name (get (flymake-diagnostic-type d) 'flymake-category)))
                     (rlint-test-code (flymake-diagnostic-text d)))))))

(princ (format "emacs %s\n" emacs-version))
"#;

/// Open, edit without saving, open a Compose file: what Flymake shows at each step, whether it
/// comes from eglot or from the README's own backend.
const FLYMAKE_SCENARIO: &str = r#"
(find-file "Dockerfile")
(rlint-test-command-loop)
(princ (format "mode %s\n" major-mode))
(rlint-test-wait (lambda () (>= (length (flymake-diagnostics)) 4)))
(rlint-test-print "open")
(goto-char (point-min))
(search-forward "install ")
(insert "--no-install-recommends ")
(rlint-test-idle)
(rlint-test-wait (lambda () (not (member "DF029" (rlint-test-codes)))))
(rlint-test-print "edit")
(when (featurep 'eglot)
  (princ (format "eglot %s\n" (eglot-project-nickname (eglot-current-server)))))
(find-file "compose.yaml")
(rlint-test-command-loop)
(princ (format "mode %s\n" major-mode))
(rlint-test-wait (lambda () (flymake-diagnostics)))
(rlint-test-print "compose")
(when (featurep 'eglot)
  (let ((server (eglot-current-server)))
    (eglot-shutdown server)
    (princ (format "shutdown %s\n" (if (jsonrpc-running-p server) "hung" "ok")))))
"#;

/// `next-error` through every locus of a compilation, printing where it lands.
const COMPILE_SCENARIO: &str = r#"
(defun rlint-test-jumps (tag start)
  (funcall start)
  (rlint-test-wait (lambda () (not (get-buffer-process next-error-last-buffer))))
  (let ((next-error-hook
         (list (lambda ()
                 (let ((msg (with-current-buffer next-error-last-buffer
                              (get-text-property (point) 'compilation-message))))
                   (princ (format "%s %s %d:%d %d %s\n" tag
                                  (file-name-nondirectory buffer-file-name)
                                  (line-number-at-pos) (- (point) (line-beginning-position))
                                  (compilation--message->type msg)
                                  (buffer-substring (point) (min (+ (point) 7) (line-end-position))))))))))
    (condition-case nil
        (while t (next-error))
      (user-error (princ (format "%s end\n" tag))))))
(rlint-test-jumps "compile" (lambda () (compile "rlint --format gnu .")))
(rlint-test-jumps "rlint-compile" (lambda () (rlint-compile "rlint --format gnu .")))
"#;

/// The first elisp block after the README paragraph that begins with `lead`.
fn readme_elisp(lead: &str) -> &'static str {
    let at = README
        .find(&format!("\n{lead}"))
        .unwrap_or_else(|| panic!("README.md has no paragraph starting {lead:?}"));
    let rest = &README[at..];
    let open = rest
        .find("```elisp\n")
        .unwrap_or_else(|| panic!("no ```elisp block after {lead:?}"))
        + "```elisp\n".len();
    let body = &rest[open..];
    &body[..body.find("\n```\n").expect("unclosed ```elisp block") + 1]
}

/// Runs `emacs --batch` in a temp dir holding the two files and `extra`, with `rlint` first on
/// `PATH` (the README's blocks call it by name) and a fresh `HOME`; returns what the scenario
/// printed, then what Emacs wrote on standard error (its messages and warnings).
/// `None`: Emacs is not installed and that is allowed.
fn run_emacs(snippet: &str, scenario: &str, extra: &[(&str, &str)]) -> Option<String> {
    let Ok(version) = Command::new("emacs").arg("--version").output() else {
        assert!(
            std::env::var_os("RLINT_REQUIRE_EMACS").is_none_or(|v| v != "1"),
            "RLINT_REQUIRE_EMACS=1 but emacs is not installed \
             (apt-get install -y emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode)"
        );
        eprintln!("note: emacs not installed; skipping the Emacs test");
        return None;
    };
    eprintln!(
        "{}",
        String::from_utf8_lossy(&version.stdout)
            .lines()
            .next()
            .unwrap_or("")
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("Dockerfile", DOCKERFILE);
    write("compose.yaml", COMPOSE);
    for (name, text) in extra {
        write(name, text);
    }
    write("snippet.el", snippet);
    write("test.el", &format!("{PRELUDE}\n{scenario}"));
    std::fs::create_dir(dir.path().join("home")).expect("mkdir");
    let bin = Path::new(env!("CARGO_BIN_EXE_rlint"))
        .parent()
        .expect("bin dir");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let out = Command::new("emacs")
        .current_dir(dir.path())
        .args(["--batch", "-l", "test.el"])
        .env("PATH", path)
        .env("HOME", dir.path().join("home"))
        .env("RLINT_SNIPPET", dir.path().join("snippet.el"))
        .stdin(Stdio::null())
        .output()
        .expect("run emacs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "emacs exited with {}:\n{stderr}",
        out.status
    );
    Some(format!("{stdout}{stderr}"))
}

/// The lines of `out` that begin with `tag`, without it, in a stable order.
fn lines(out: &str, tag: &str) -> Vec<String> {
    let mut found: Vec<String> = out
        .lines()
        .filter_map(|l| l.strip_prefix(tag)?.strip_prefix(' '))
        .map(str::to_owned)
        .collect();
    found.sort();
    found
}

/// Lines 1-based, columns 0-based in characters: `apt-get` is character 21 of line 2 (UTF-16
/// unit 22, byte 25), so eglot converted the server's UTF-16 range and the backend rlint's
/// character column exactly. Severity as Flymake files it (rlint's info is a note).
fn assert_flymake_shows(out: &str) {
    assert_eq!(
        lines(out, "open"),
        [
            "2:21 note DF029",
            "2:21 note DF030",
            "3:0 error DF004",
            "4:5 warning DF062"
        ],
        "{out}"
    );
    assert_eq!(
        lines(out, "edit"),
        ["2:21 note DF030", "3:0 error DF004", "4:5 warning DF062"],
        "the unsaved edit (adding --no-install-recommends) did not reach rlint:\n{out}"
    );
    assert_eq!(lines(out, "compose"), ["3:11 note DC011"], "{out}");
}

#[test]
fn eglot_with_the_readme_configuration_shows_the_diagnostics() {
    let Some(out) = run_emacs(readme_elisp("**Emacs** (eglot)"), FLYMAKE_SCENARIO, &[]) else {
        return;
    };
    assert_eq!(
        lines(&out, "eglot").len(),
        1,
        "eglot did not manage the buffer:\n{out}"
    );
    assert_flymake_shows(&out);
    assert_eq!(lines(&out, "shutdown"), ["ok"], "{out}");
}

/// Loaded as an `init.el` without a `lexical-binding` cookie (dynamic binding, where closures
/// capture nothing), then as one with it.
#[test]
fn the_readme_flymake_backend_lints_the_unsaved_buffer() {
    let snippet = readme_elisp("**Emacs, Flymake**");
    for text in [
        snippet.to_owned(),
        format!(";;; init.el -*- lexical-binding: t -*-\n{snippet}"),
    ] {
        let Some(out) = run_emacs(&text, FLYMAKE_SCENARIO, &[]) else {
            return;
        };
        assert!(lines(&out, "eglot").is_empty(), "{out}");
        assert_flymake_shows(&out);
    }
}

/// rlint's exit code 2 (here: rlint.toml does not parse) turns the backend off with its message,
/// instead of showing a clean buffer.
#[test]
fn the_readme_flymake_backend_reports_a_broken_config() {
    let scenario = r#"
(find-file "Dockerfile")
(rlint-test-command-loop)
(rlint-test-wait (lambda () (memq 'rlint-flymake (flymake-disabled-backends))))
(princ (format "disabled %s\n" (flymake-disabled-backends)))
"#;
    let Some(out) = run_emacs(
        readme_elisp("**Emacs, Flymake**"),
        scenario,
        &[("rlint.toml", "select = [\n")],
    ) else {
        return;
    };
    assert!(
        lines(&out, "disabled")[0].contains("rlint-flymake"),
        "{out}"
    );
    let warning = out
        .lines()
        .find(|l| l.contains("Disabling backend rlint-flymake because rlint: "))
        .unwrap_or_else(|| panic!("no Flymake warning naming rlint's error:\n{out}"));
    assert!(
        warning.ends_with("rlint.toml: TOML parse error at line 1, column 11"),
        "{warning}"
    );
}

/// Plain `M-x compile` visits the error and the warning (it skips info by default) at the right
/// place; `rlint-compile` visits every finding, and lands on `apt-get` after the emoji, where
/// compile mode's screen columns would land one character short. Type: 2 error, 1 warning, 0 info.
#[test]
fn compile_mode_reads_the_gnu_lines() {
    let Some(out) = run_emacs(
        readme_elisp("**Emacs, compile mode**"),
        COMPILE_SCENARIO,
        &[],
    ) else {
        return;
    };
    assert_eq!(
        lines(&out, "compile"),
        ["Dockerfile 3:0 2 MAINTAI", "Dockerfile 4:5 1 root", "end"],
        "{out}"
    );
    assert_eq!(
        lines(&out, "rlint-compile"),
        [
            "Dockerfile 2:21 0 apt-get",
            "Dockerfile 3:0 2 MAINTAI",
            "Dockerfile 4:5 1 root",
            "compose.yaml 3:11 0 nginx:l",
            "end"
        ],
        "{out}"
    );
}
