//! End to end in a real editor: headless Neovim's built-in LSP client attached to `rlint server`
//! on a Dockerfile with known defects; the diagnostics Neovim holds are written out as JSON.
//! Skips with a note when `nvim` is not installed; `RLINT_REQUIRE_NVIM=1` (CI) makes that a
//! failure.

use serde_json::Value;
use std::process::Command;

/// Starts the server with `vim.lsp.start` (Neovim 0.8+), else `start_client` + `buf_attach_client`
/// (Debian 12 ships 0.7), waits for diagnostics and writes them to `$RLINT_NVIM_OUT`.
const INIT: &str = r#"
local config = { name = "rlint", cmd = { vim.env.RLINT_BIN, "server" }, root_dir = vim.fn.getcwd() }
if vim.lsp.start then
  vim.lsp.start(config)
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, id)
end
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 2 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(out, { code = code, lnum = d.lnum, col = d.col, end_col = d.end_col, source = d.source })
end
local f = io.open(vim.env.RLINT_NVIM_OUT, "w")
f:write(vim.fn.json_encode({ ok = ok, diagnostics = out }))
f:close()
vim.cmd("qa!")
"#;

#[test]
fn neovim_shows_the_diagnostics() {
    let found = Command::new("nvim").arg("--version").output();
    let Ok(version) = found else {
        assert!(
            std::env::var_os("RLINT_REQUIRE_NVIM").is_none_or(|v| v != "1"),
            "RLINT_REQUIRE_NVIM=1 but nvim is not installed (apt-get install -y neovim)"
        );
        eprintln!("note: nvim not installed; skipping the headless Neovim test");
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout);
    eprintln!("{}", version.lines().next().unwrap_or(""));
    let dir = tempfile::tempdir().expect("tempdir");
    let dockerfile = dir.path().join("Dockerfile");
    std::fs::write(
        &dockerfile,
        "FROM ubuntu:22.04\nRUN echo \"café 😀\" && apt-get install -y curl\nMAINTAINER José\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("init.lua"), INIT).expect("write");
    let out = dir.path().join("diagnostics.json");
    let status = Command::new("nvim")
        .current_dir(dir.path())
        .args([
            "--headless",
            "--clean",
            "Dockerfile",
            "-c",
            "luafile init.lua",
        ])
        .env("RLINT_BIN", env!("CARGO_BIN_EXE_rlint"))
        .env("RLINT_NVIM_OUT", &out)
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .status()
        .expect("run nvim");
    assert!(status.success(), "nvim exited with {status}");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("nvim wrote no diagnostics"))
            .expect("json");
    assert_eq!(json["ok"], true, "no diagnostics arrived: {json}");
    let diags = json["diagnostics"].as_array().expect("list");
    let at = |code: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {json}"))
    };
    // Lines 0-based; Neovim keeps the server's UTF-16 columns as byte columns of the line
    // (`é` two bytes, `😀` four): `apt-get` at byte 25.
    assert_eq!(at("DF029")["lnum"], 1);
    assert_eq!(at("DF029")["col"], 25);
    assert_eq!(at("DF004")["lnum"], 2);
    assert_eq!(at("DF004")["col"], 0);
    assert!(diags.iter().all(|d| d["source"] == "rlint"));
}
