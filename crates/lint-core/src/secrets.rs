//! One judgement of secret values for every kind: which values are credentials in a known format,
//! which are demo placeholders, which are references to a secret (a path, a `*_FILE` variable)
//! rather than the secret itself, and which look real enough to be an error. The Dockerfile rule
//! DF086 and the Compose rule DC012 both decide from here, so a value means the same in both.

use std::ops::Range;

/// (name, prefix, minimum length of the rest)
const TOKENS: [(&str, &str, usize); 9] = [
    ("AWS access key id", "AKIA", 16),
    ("AWS access key id", "ASIA", 16),
    ("GitHub token", "ghp_", 36),
    ("GitHub token", "gho_", 36),
    ("GitHub token", "github_pat_", 40),
    ("GitLab token", "glpat-", 20),
    ("npm token", "npm_", 36),
    ("Docker Hub token", "dckr_pat_", 20),
    ("Stripe secret key", "sk_live_", 20),
];

/// A credential in a known format in `text`: (what it is, byte range of the secret). Tokens that
/// are documentation examples (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`) and URL passwords that are
/// placeholders (`postgres://postgres:postgres@db`) are not credentials.
pub fn find_secret(text: &str) -> Option<(&'static str, Range<usize>)> {
    for (what, prefix, min) in TOKENS {
        for (at, _) in text.match_indices(prefix) {
            let boundary = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
            let len = text[at + prefix.len()..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(text.len() - at - prefix.len());
            let body = &text[at + prefix.len()..at + prefix.len() + len];
            let aws = prefix.starts_with('A');
            let aws_shape = body.len() == 16
                && body
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if boundary && len >= min && (aws_shape || !aws) && !is_example_token(body) {
                return Some((what, at..at + prefix.len() + len));
            }
        }
    }
    for prefix in ["xoxb-", "xoxp-", "xoxa-"] {
        if let Some(at) = text.find(prefix) {
            let len = text[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(text.len() - at);
            if len >= 20 && !is_example_token(&text[at + prefix.len()..at + len]) {
                return Some(("Slack token", at..at + len));
            }
        }
    }
    if let Some(at) = text.find("-----BEGIN ")
        && let Some(n) = text[at + 11..].find("-----")
        // The header line itself must name a private key: a PGP or SSH *public* key block is
        // published material.
        && text[at..at + 11 + n].ends_with("PRIVATE KEY")
    {
        let header_end = at + 11 + n;
        let end = text[header_end..]
            .find("PRIVATE KEY-----")
            .map_or(header_end + 5, |n| header_end + n + 16);
        return Some(("private key", at..end));
    }
    url_password(text).map(|range| ("password in a URL", range))
}

/// `scheme://user:password@host`: the password's range, unless it is a variable or a placeholder
/// (the user name itself counts as context: `postgres:postgres@`).
fn url_password(text: &str) -> Option<Range<usize>> {
    let scheme = text.find("://")?;
    let rest = &text[scheme + 3..];
    let auth_end = rest.find(['/', ' ', '"', '\'']).unwrap_or(rest.len());
    let at = rest[..auth_end].rfind('@')?;
    let colon = rest[..at].find(':')?;
    let user = &rest[..colon];
    let password = &rest[colon + 1..at];
    let host = rest[at + 1..auth_end]
        .split([':', '.'])
        .next()
        .unwrap_or("");
    if password.is_empty() || looks_like_placeholder(password, &[user, host]) {
        return None;
    }
    let start = scheme + 3 + colon + 1;
    Some(start..start + password.len())
}

/// The body of a token that documentation uses as an example: it says so (`EXAMPLE`, `xxxx`),
/// or repeats one character.
fn is_example_token(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    lower.contains("example")
        || lower.contains("xxxx")
        || lower.contains("0000000")
        || one_repeated_char(&lower)
}

/// `xxxxxxxx`, `********`.
fn one_repeated_char(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_none_or(|first| chars.all(|c| c == first))
}

/// Words demo values are made of. A value built only from these (and digits, separators and the
/// context names) is an example for the reader to replace: `changeme`, `mysecretpassword`,
/// `postgres`, `admin123`, `test_password`, `Passw0rd!`.
const DEMO_WORDS: [&str; 49] = [
    "admin",
    "app",
    "bar",
    "baz",
    "change",
    "changeit",
    "db",
    "default",
    "demo",
    "dev",
    "dummy",
    "example",
    "fake",
    "foo",
    "guest",
    "here",
    "insecure",
    "key",
    "letmein",
    "local",
    "me",
    "my",
    "mysql",
    "not",
    "pass",
    "passwd",
    "password",
    "placeholder",
    "postgres",
    "pwd",
    "qwerty",
    "real",
    "redis",
    "replace",
    "root",
    "sample",
    "secret",
    "super",
    "test",
    "token",
    "todo",
    "user",
    "welcome",
    "your",
    "abc",
    "xyz",
    "pw",
    "this",
    "is",
];

/// Whether `value` is a demo placeholder rather than a credential: shorter than 8 characters, a
/// variable or template (`${DB_PASSWORD}`, `{{ .pass }}`, `<your-token>`), one repeated character
/// (`xxxxxxxx`, `********`), or made only of demo words, digits and separators, where
/// `context_names` (the image or service name, the user name, the host) count as demo words too.
pub fn looks_like_placeholder(value: &str, context_names: &[&str]) -> bool {
    let value = value.trim().trim_matches(['"', '\'']);
    if value.chars().count() < 8
        || value.split('$').skip(1).any(|after| {
            after.starts_with(|c: char| c == '{' || c == '_' || c.is_ascii_alphabetic())
        })
        || value.contains("{{")
        || (value.starts_with('<') && value.ends_with('>'))
        || (value.starts_with('[') && value.ends_with(']'))
    {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    if one_repeated_char(&lower) {
        return true;
    }
    // Leetspeak is still a demo word (`Passw0rd!`, `s3cret`, `P@ssw0rd123`): read it without
    // the trailing digits and punctuation, with digits as the letters they stand for.
    let leet: String = lower
        .trim_end_matches(|c: char| !c.is_ascii_alphabetic())
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            c => c,
        })
        .filter(char::is_ascii_alphabetic)
        .collect();
    let letters: String = lower.chars().filter(char::is_ascii_alphabetic).collect();
    let context: Vec<String> = context_names
        .iter()
        .flat_map(|n| n.split(['/', ':', '-', '_', '.']))
        .map(str::to_ascii_lowercase)
        .filter(|n| n.len() >= 2)
        .collect();
    [leet, letters]
        .iter()
        .any(|text| !text.is_empty() && made_of_words(text, &context))
}

/// Whether `text` splits entirely into demo words and context names.
fn made_of_words(text: &str, context: &[String]) -> bool {
    // reachable[i]: text[..i] splits into words.
    let mut reachable = vec![false; text.len() + 1];
    reachable[0] = true;
    for start in 0..text.len() {
        if !reachable[start] {
            continue;
        }
        let rest = &text[start..];
        let words = DEMO_WORDS
            .iter()
            .copied()
            .chain(context.iter().map(String::as_str));
        for word in words {
            if rest.starts_with(word) {
                reachable[start + word.len()] = true;
            }
        }
    }
    reachable[text.len()]
}

/// Whether a variable holds a reference to a secret rather than the secret: a `*_FILE` variable
/// (the official images' convention) or any absolute path (`/run/secrets/db-password`).
pub fn is_secret_reference(name: &str, value: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.ends_with("_FILE")
        || upper.ends_with("_PATH")
        || value.trim().starts_with('/')
        || value.trim().starts_with("file:")
}

/// Whether `value` looks like a real credential: a known token format, or a long random-looking
/// string (at least 12 characters, mixing at least two of lower case, upper case and digits, with
/// high per-character entropy) that is not a placeholder. Key fingerprints (`GPG_KEY` hex ids)
/// identify a public key and are not secrets.
pub fn looks_real_secret(value: &str, context_names: &[&str]) -> bool {
    let value = value.trim();
    if find_secret(value).is_some() {
        return true;
    }
    if looks_like_placeholder(value, context_names)
        || is_key_fingerprints(value)
        || value.contains(char::is_whitespace)
    {
        return false;
    }
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    value.chars().count() >= 12 && classes >= 2 && entropy(value) >= 3.0
}

/// Whitespace-separated hex key ids or fingerprints (16 or 40 hex digits each).
fn is_key_fingerprints(value: &str) -> bool {
    let mut words = value.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            let w = w.strip_prefix("0x").unwrap_or(w);
            matches!(w.len(), 16 | 40) && w.chars().all(|c| c.is_ascii_hexdigit())
        })
}

/// Shannon entropy in bits per character.
pub fn entropy(value: &str) -> f64 {
    let chars: Vec<char> = value.chars().collect();
    let mut counts = std::collections::HashMap::new();
    for c in &chars {
        *counts.entry(*c).or_insert(0usize) += 1;
    }
    let n = chars.len() as f64;
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// Why a literal value under a credential name is a placeholder rather than a secret, or `None`
/// when it looks like a real one: a path (`/run/secrets/db`), a demo value as the Dockerfile
/// rules judge it ([`looks_like_placeholder`]: short, a template, demo words), a
/// name the file itself uses (a service, the image, the user name beside it), or
/// human-made text of low entropy (a single class of characters, or under 30 bits).
pub const PATH: &str = "a path";

pub fn placeholder(value: &str, names: &[String]) -> Option<&'static str> {
    if value.starts_with(['/', '~'])
        || value.starts_with("./")
        || value.starts_with("../")
        || is_secret_reference("", value)
    {
        return Some(PATH);
    }
    let context: Vec<&str> = names.iter().map(String::as_str).collect();
    if looks_like_placeholder(value, &context) {
        return Some("a demo value");
    }
    let lower = value.to_ascii_lowercase();
    if names
        .iter()
        .any(|n| n.len() >= 3 && lower.contains(&n.to_ascii_lowercase()))
    {
        return Some("a name from the file");
    }
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if classes < 2 || entropy_bits(value) < 30.0 {
        return Some("low entropy");
    }
    None
}

/// The value's length times its Shannon entropy per character: the bits a guesser needs if
/// characters were drawn from the value's own distribution.
fn entropy_bits(value: &str) -> f64 {
    entropy(value) * value.chars().count() as f64
}

/// A name that holds a credential itself (not a user name, a path to one or a file reference):
/// `MYSQL_ROOT_PASSWORD`, `API_TOKEN`, `AWS_SECRET_ACCESS_KEY`; not `DB_AUTH_USER`,
/// `DB_PASSWORD_FILE`, `PUBLIC_KEY`.
pub fn looks_credential(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['_', '-', '.']).collect();
    const WORDS: [&str; 10] = [
        "password",
        "passwd",
        "pwd",
        "pass",
        "secret",
        "token",
        "apikey",
        "credential",
        "credentials",
        "privatekey",
    ];
    const KEY_QUALIFIERS: [&str; 7] = [
        "api",
        "private",
        "access",
        "secret",
        "signing",
        "encryption",
        "master",
    ];
    const HARMLESS: [&str; 10] = [
        "file", "path", "user", "username", "name", "public", "id", "length", "allow", "empty",
    ];
    if parts.iter().any(|p| HARMLESS.contains(p)) {
        return false;
    }
    // Words run together: `ADMINPASSWORD`, `CLIENTSECRET`.
    let joined = |p: &&str| {
        ["password", "passwd", "secret"]
            .iter()
            .any(|w| p.len() > w.len() + 1 && p.ends_with(w))
    };
    parts.iter().any(|p| WORDS.contains(p))
        || parts.iter().any(joined)
        || parts
            .windows(2)
            .any(|w| KEY_QUALIFIERS.contains(&w[0]) && w[1] == "key")
}

/// What a literal `name: value` setting (an environment variable, a build variable) holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A value in a known credential format (`what`: "AWS access key id", "GitHub token", ...);
    /// `shown` is its masked form.
    Token { what: &'static str, shown: String },
    /// A literal under a credential name; `demo` when the value is a placeholder (advice, not a
    /// leak).
    Credential { shown: String, demo: bool },
}

/// The byte ranges of the secrets written in `text`, for outputs that show source back with its
/// positions kept (code frames): known token formats, and the values of credential-named
/// settings written `NAME=value` (`ENV API_TOKEN=...`, `--build-arg DB_PASSWORD=...`) or
/// `NAME: value` (YAML), whether or not a rule reported them. References (`$VAR`,
/// `${{ secrets.X }}`, `<< parameters.x >>`, whole-template placeholders) are not secrets.
pub fn secret_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut from = 0;
        while let Some((_, r)) = find_secret(&body[from..]) {
            out.push(line_start + from + r.start..line_start + from + r.end);
            from += r.end;
            if r.is_empty() || from >= body.len() {
                break;
            }
        }
        for (name, value) in credential_settings(body) {
            if looks_credential(&body[name.clone()]) {
                let v = &body[value.clone()];
                let reference = v.starts_with('$')
                    || v.contains("${{")
                    || v.contains("<<")
                    || is_substitution(&body[name.clone()], v);
                if !reference && !v.is_empty() {
                    out.push(line_start + value.start..line_start + value.end);
                }
            }
        }
        line_start += line.len();
    }
    out
}

/// The `NAME=value` words and the YAML `NAME: value` entry of one line: (name, value) ranges,
/// values without their quotes.
fn credential_settings(line: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    // `NAME=value` words.
    for (eq, _) in line.match_indices('=') {
        let start = line[..eq]
            .bytes()
            .rposition(|b| !name_byte(b))
            .map_or(0, |i| i + 1);
        if start == eq || bytes.get(eq + 1) == Some(&b'=') || (eq > 0 && bytes[eq - 1] == b'=') {
            continue;
        }
        out.push((start..eq, quoted_value(line, eq + 1, false)));
    }
    // A YAML `NAME: value` entry (after the indentation and any `- `), the key maybe quoted.
    let lead = line.len() - line.trim_start_matches([' ', '\t', '-']).len();
    let rest = &line[lead..];
    let (key_start, quote) = match rest.as_bytes().first() {
        Some(q @ (b'"' | b'\'')) => (lead + 1, Some(*q)),
        _ => (lead, None),
    };
    let key_len = line[key_start..]
        .bytes()
        .take_while(|&b| name_byte(b))
        .count();
    let mut after = key_start + key_len;
    if quote.is_some() && bytes.get(after).copied() == quote {
        after += 1;
    }
    if key_len > 0 && line[after..].starts_with(": ") {
        let mut v = after + 2;
        while bytes.get(v) == Some(&b' ') {
            v += 1;
        }
        let value = quoted_value(line, v, true);
        let trimmed = line[value.clone()].trim_end();
        out.push((
            key_start..key_start + key_len,
            value.start..value.start + trimmed.len(),
        ));
    }
    out
}

/// The value starting at `at`: inside its quotes when quoted, else a word (up to a space) or,
/// in YAML, the rest of the line up to a ` #` comment.
fn quoted_value(line: &str, at: usize, yaml: bool) -> Range<usize> {
    let bytes = line.as_bytes();
    match bytes.get(at) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = line[at + 1..]
                .find(q as char)
                .map_or(line.len(), |i| at + 1 + i);
            at + 1..end
        }
        Some(_) => {
            let rest = &line[at..];
            let end = if yaml {
                rest.find(" #").unwrap_or(rest.len())
            } else {
                rest.find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(rest.len())
            };
            at..at + end
        }
        None => at..at,
    }
}

/// `text` with every secret in it masked, for outputs that show a file's own text back (the
/// layer-cache table, the page's layer stack): known token formats anywhere, and the values of
/// `NAME=value` words whose name holds a credential (`ENV DB_PASSWORD=...`).
pub fn mask_in_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match word.split_once('=') {
            Some((name, value))
                if !value.is_empty()
                    && looks_credential(name.trim_start_matches('-'))
                    && !is_substitution(name, value)
                    && !value.starts_with('$') =>
            {
                out.push_str(name);
                out.push('=');
                out.push_str(&crate::diagnostic::mask_secret(
                    value.trim_matches(['"', '\'']),
                ));
            }
            _ => out.push_str(word),
        }
    }
    // Token formats, wherever they are (one pass per token; masks hold no token).
    let mut guard = 0;
    while let Some((_, range)) = find_secret(&out) {
        let masked = crate::diagnostic::mask_secret(&out[range.clone()]);
        if masked == out[range.clone()] || guard > 100 {
            break;
        }
        out.replace_range(range, &masked);
        guard += 1;
    }
    out
}

/// A variable's value as an output may show it: masked when the name holds a credential or the
/// value holds a known token.
pub fn shown_value(name: &str, value: &str) -> String {
    if (looks_credential(name) && !is_substitution(name, value)) || find_secret(value).is_some() {
        crate::diagnostic::mask_secret(value)
    } else {
        value.to_string()
    }
}

/// A value that is not the setting's value but a slot a tool fills in: a whole template
/// placeholder (`${DB_PASSWORD}` for envsubst, `{{ .Password }}`, `#{Password}`), or an upper-case
/// token built from the setting's own name (`VAR_DB_PASSWORD`, `__DB_PASSWORD__`), which CI
/// replaces at deploy time.
pub fn is_substitution(name: &str, value: &str) -> bool {
    let v = value.trim();
    let whole = |open: &str, close: &str| {
        v.strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
            .is_some_and(|inner| !inner.is_empty() && !inner.contains(open))
    };
    if whole("${", "}") || whole("{{", "}}") || whole("#{", "}") || whole("$(", ")") {
        return true;
    }
    name.len() >= 4
        && v.len() > name.len()
        && v.contains(name)
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Judges one literal setting the way every kind does: a known token format whatever its name
/// (a URL's password only when it does not look like a placeholder), else a credential name
/// with a value that is not a path. `context`: names from the file that count as demo words.
pub fn judge(name: &str, value: &str, context: &[String]) -> Option<Verdict> {
    judge_with(name, value, || context)
}

/// [`judge`] with the demo words built only when a value needs them (most settings hold no
/// credential, and a Compose file's words take a scan of its services to list).
pub fn judge_with<'c>(
    name: &str,
    value: &str,
    context: impl FnOnce() -> &'c [String],
) -> Option<Verdict> {
    if is_substitution(name, value) {
        return None;
    }
    if let Some((what, range)) = find_secret(value) {
        if what.contains("URL") && placeholder(&value[range.clone()], context()).is_some() {
            return None;
        }
        return Some(Verdict::Token {
            what,
            shown: crate::diagnostic::mask_secret(&value[range]),
        });
    }
    if !looks_credential(name) {
        return None;
    }
    let demo = placeholder(value, context());
    (demo != Some(PATH)).then(|| Verdict::Credential {
        shown: crate::diagnostic::mask_secret(value),
        demo: demo.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_ranges_cover_values_of_credential_settings_and_tokens() {
        let text = "ENV API_TOKEN=s3cr3tvalue123 MODE=prod\n  password: \"hunter22x\" # c\nRUN a --build-arg DB_PASSWORD=$X\nkey: AKIA1234567890ABCDEF\nDB_PASSWORD_FILE=/run/s\n";
        let shown: Vec<&str> = secret_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            shown,
            ["s3cr3tvalue123", "hunter22x", "AKIA1234567890ABCDEF"]
        );
        assert!(secret_ranges("a == b\n=x\n- : \n'").is_empty());
    }

    #[test]
    fn placeholders() {
        for value in [
            "postgres",
            "example",
            "changeme",
            "password",
            "secret",
            "admin",
            "test",
            "hunter2",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "<your-token-here>",
            "xxxxxxxxxxxx",
            "mysecretpassword",
            "Passw0rd!",
            "P@ssw0rd123",
            "test_password",
            "super-secret-key",
            "changeme123",
            "{{ .Values.password }}",
        ] {
            assert!(looks_like_placeholder(value, &[]), "{value}");
        }
        assert!(looks_like_placeholder(
            "keycloak",
            &["quay.io/keycloak/keycloak"]
        ));
        assert!(looks_like_placeholder("gitea_password", &["gitea"]));
        for value in ["Tr7x!qPz92kL", "lgNvGyhnUKpa5PJi", "correcthorsebattery"] {
            assert!(!looks_like_placeholder(value, &["gitea"]), "{value}");
        }
    }

    #[test]
    fn secrets_in_shown_text_are_masked() {
        let shown = mask_in_text(
            "ENV STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc DB_PASSWORD=q8Vz3mLr0TfK MODE=prod",
        );
        assert!(!shown.contains("4eC39HqLyjWDarjtT1zdp7dc"), "{shown}");
        assert!(!shown.contains("q8Vz3mLr0TfK"), "{shown}");
        assert!(shown.contains("MODE=prod"), "{shown}");
        assert_eq!(mask_in_text("RUN npm ci"), "RUN npm ci");
        assert_eq!(
            mask_in_text("ARG DB_PASSWORD=${DB_PASSWORD}"),
            "ARG DB_PASSWORD=${DB_PASSWORD}"
        );
    }

    #[test]
    fn substitutions_are_not_values() {
        for (name, value) in [
            ("DB_PASSWORD", "${DB_PASSWORD}"),
            ("DB_PASSWORD", "{{ .Values.db.password }}"),
            ("API_TOKEN", "#{ApiToken}"),
            ("BUNDLER_PRIVATE_KEY", "VAR_BUNDLER_PRIVATE_KEY"),
            ("DB_PASSWORD", "__DB_PASSWORD__"),
        ] {
            assert!(is_substitution(name, value), "{name}={value}");
            assert_eq!(judge(name, value, &[]), None, "{name}={value}");
        }
        for (name, value) in [
            ("DB_PASSWORD", "${A}x${B}"),
            ("DB_PASSWORD", "q8Vz3mLr0TfK"),
            ("KEY", "KEY_7XQ2M9PLT4"),
            ("DB_PASSWORD", "DB_PASSWORD"),
        ] {
            assert!(!is_substitution(name, value), "{name}={value}");
        }
    }

    #[test]
    fn real_secrets() {
        assert!(looks_real_secret(
            "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
            &[]
        ));
        assert!(looks_real_secret("lgNvGyhnUKpa5PJi", &[]));
        assert!(looks_real_secret("Tr7x!qPz92kL", &[]));
        assert!(!looks_real_secret("mysecretpassword", &[]));
        assert!(!looks_real_secret(
            "A035C8C19219BA821ECEA86B64E628F8D684696D",
            &[]
        ));
        assert!(!looks_real_secret(
            "1198C0117593497A5EC5C199286AF1F9897469DC C28D937575603EB4ABB725861C0779DC5C0A9DE4",
            &[]
        ));
        assert!(!looks_real_secret("/run/secrets/db-password", &[]));
        assert!(!looks_real_secret("correcthorsebattery", &[]));
    }

    #[test]
    fn known_formats() {
        assert_eq!(
            find_secret("ENV K=AKIA2E0A8F3B244C9986").map(|s| s.0),
            Some("AWS access key id")
        );
        assert!(find_secret("AKIAIOSFODNN7EXAMPLE").is_none());
        assert!(find_secret("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").is_none());
        assert!(find_secret("-----BEGIN PGP PUBLIC KEY BLOCK-----").is_none());
        assert!(find_secret("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl").is_some());
        assert!(find_secret("postgres://postgres:postgres@db:5432/app").is_none());
        assert!(find_secret("amqp://guest:guest@rabbitmq:5672").is_none());
        assert!(find_secret("https://deploy:Tr7x!qPz92kL@git.example.com/a.git").is_some());
    }

    #[test]
    fn references() {
        assert!(is_secret_reference("POSTGRES_PASSWORD_FILE", "db-password"));
        assert!(is_secret_reference(
            "DB_PASSWORD",
            "/run/secrets/db-password"
        ));
        assert!(!is_secret_reference("DB_PASSWORD", "Tr7x!qPz92kL"));
    }
}
