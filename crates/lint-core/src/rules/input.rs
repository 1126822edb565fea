//! Rules every kind shares: problems with the bytes themselves.

crate::declare_rule! {
    /// ## What it does
    /// Reports a file rlint cannot read as text: binary content (a NUL byte), bytes that are not valid
    /// UTF-8, or a file larger than rlint reads.
    ///
    /// ## Why is this bad?
    /// Docker, Compose and CI systems read these files as UTF-8 text. A binary or mis-encoded file in
    /// their place fails the build, usually with a far less clear message. Linting goes on with the
    /// other files.
    ///
    /// ## Example
    /// A `Dockerfile` saved as UTF-16 by an editor, or an image file named `Dockerfile.png` matched by
    /// a glob.
    ///
    /// ## Use instead
    /// Save the file as UTF-8 (without NUL bytes), or exclude it with `.gitignore` or `per-path-ignores`.
    ///
    /// ## References
    /// - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    pub static UNREADABLE_FILE = {
        code: "RL001",
        name: "unreadable-file",
        severity: Error,
        pipeline: true,
    }
}
