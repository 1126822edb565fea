use crate::rule::{Context, DaemonJsonInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `daemon.json` that is not valid JSON, at the exact line and column, with the
    /// usual causes named: a `#` or `//` "comment" (JSON has none), a missing `,` between two
    /// members, a trailing `,` before `}` or `]`, single quotes, an unterminated string or a
    /// truncated file.
    ///
    /// JSON is read as dockerd reads it (Go's `encoding/json`): a UTF-8 byte order mark and a file
    /// of white space only (dockerd then starts with its defaults) are accepted.
    ///
    /// A file of more than 250,000 values (keys, values and array items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// dockerd refuses to start ("unable to configure the Docker daemon with file
    /// /etc/docker/daemon.json"), and on a systemd host `docker.service` fails with only a pointer
    /// to `journalctl`. Nothing else in the file can be checked until it parses.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "log-driver": "json-file",
    ///   "log-opts": { "max-size": "10m", "max-file": "3" },
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "log-driver": "json-file",
    ///   "log-opts": { "max-size": "10m", "max-file": "3" }
    /// }
    /// ```
    ///
    /// ## References
    /// - [RFC 8259: The JSON Data Interchange Format](https://www.rfc-editor.org/rfc/rfc8259)
    /// - [dockerd: daemon configuration file](https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file)
    /// - moby/moby `daemon/config/config.go`, `getConflictFreeConfiguration` (BOM, empty file)
    pub static RULE = {
        code: "DJ000",
        name: "daemon-json-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        check: DaemonJson(check),
    }
}

fn check(input: &DaemonJsonInput<'_>, cx: &mut Context<'_>) {
    crate::rules::json::report_syntax_error(input.json, cx);
}
