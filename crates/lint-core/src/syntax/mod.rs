//! Parsers: text -> typed trees where every node has a span.

pub mod compose;
pub mod dockerfile;
pub mod dockerignore;
pub mod expr;
pub mod json;
pub mod pkg;
pub mod shell;
pub mod yaml;
