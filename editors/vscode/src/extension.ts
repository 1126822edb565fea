// Starts `rlint server` (the language server inside the rlint binary) for every kind of file
// rlint reads; the server does the linting, quick fixes, ignore-pragma actions and hovers.
import { spawnSync } from "child_process";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The files rlint reads, by name (the server also decides by content). */
const PATTERNS = [
  "**/{Dockerfile,Containerfile,dockerfile,containerfile}",
  "**/{Dockerfile,Containerfile}.*",
  "**/*.{Dockerfile,dockerfile,Containerfile}",
  "**/{compose,docker-compose}*.{yml,yaml}",
  "**/.github/workflows/*.{yml,yaml}",
  "**/.circleci/*.{yml,yaml}",
  "**/buildspec*.{yml,yaml}",
  "**/*.travis.{yml,yaml}",
  "**/.travis.{yml,yaml}",
  "**/Dockerrun.aws.json",
  "**/*task-def*.json",
  "**/taskdef.json",
  "**/daemon.json",
  "**/*.dockerignore",
  "**/.dockerignore",
  "**/.env",
  "**/.env.*",
  "**/*.env",
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration("rlint");
  const command = settings.get<string>("path") || "rlint";
  const probe = spawnSync(command, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : (probe.stderr || "").trim();
    void vscode.window.showErrorMessage(
      `rlint: could not run \`${command} --version\` (${why}). Install rlint ` +
        "(cargo install --path crates/cli in a clone of rlint) or set `rlint.path`.",
    );
    return;
  }
  const server: ServerOptions = { command, args: ["server"] };
  const options: LanguageClientOptions = {
    documentSelector: PATTERNS.map((pattern) => ({ scheme: "file", pattern })),
    initializationOptions: {
      config: settings.get<string | null>("config") ?? undefined,
      preset: settings.get<string | null>("preset") ?? undefined,
    },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{rlint.toml,.rlint.toml,.hadolint.yaml,.hadolint.yml}"),
    },
  };
  client = new LanguageClient("rlint", "rlint", server, options);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("rlint") && client) {
        await client.stop();
        client = undefined;
        await activate(context);
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
