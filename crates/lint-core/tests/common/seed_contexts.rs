/// The seeds of issue 15's acceptance with "only a source file changed": each seed Dockerfile
/// (in ../shared/examples/seeds), the source file changed, and the other files of the synthetic
/// build context around it. Included by lint-core's `tests/layers.rs` and the CLI's
/// `tests/layers.rs`, so the simulation and `rlint layers` are checked on the same contexts.
const SEED_CONTEXTS: [(&str, &str, &[&str]); 4] = [
    (
        "react.Dockerfile.dev",
        "src/App.js",
        &[
            "package.json",
            "package-lock.json",
            "public/index.html",
            "src/index.js",
        ],
    ),
    (
        "react-multistage.Dockerfile",
        "src/App.js",
        &[
            "package.json",
            "package-lock.json",
            "public/index.html",
            "src/index.js",
        ],
    ),
    (
        "django.Dockerfile",
        "polls/views.py",
        &["requirements.txt", "manage.py", "mysite/settings.py"],
    ),
    (
        "rails.Dockerfile",
        "app/models/user.rb",
        &["Gemfile", "Gemfile.lock", "config/puma.rb", "config.ru"],
    ),
];
