//! Machine-readable renderings of reports (the CLI's human output uses miette on top of these types).

pub mod github;
pub mod json;
pub mod sarif;
