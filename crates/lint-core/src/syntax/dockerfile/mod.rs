//! Dockerfile syntax: BuildKit-exact parsing with spans, BuildKit's AST dump, variable expansion
//! and the semantic model (stages, ARG scopes) rules work on.

pub mod ast;
pub mod dump;
pub mod expand;
pub mod model;
pub mod parser;
pub mod validate;
pub mod words;

pub use ast::*;
pub use dump::dump;
pub use model::{Model, Stage};
pub use parser::parse;
