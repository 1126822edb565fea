// Loads the compiled extension with a stand-in `vscode` module (no editor here) and checks what
// a user without rlint installed sees: one clear error naming the setting, and no client started.
const Module = require("module");
const assert = require("assert");
const shown = [];
const stub = {
  workspace: {
    getConfiguration: () => ({ get: (k) => (k === "path" ? "/nonexistent/rlint" : null) }),
    createFileSystemWatcher: () => ({}),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: { showErrorMessage: (m) => shown.push(m) },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  // Anything else the client library reads at load time (classes it extends) is a dummy class.
  if (request === "vscode") return new Proxy(stub, { get: (t, k) => (k in t ? t[k] : class {}) });
  return load.call(this, request, ...rest);
};
const ext = require("../out/extension.js");
(async () => {
  await ext.activate({ subscriptions: [] });
  assert.strictEqual(shown.length, 1, JSON.stringify(shown));
  assert.match(shown[0], /could not run `\/nonexistent\/rlint --version`/);
  assert.match(shown[0], /rlint\.path/);
  // The language client library resolves from the package (it ships in the .vsix).
  require.resolve("vscode-languageclient/node");
  console.log("vscode extension smoke test: ok");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
