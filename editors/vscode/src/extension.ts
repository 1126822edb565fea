// Starts `rlint server` (the language server inside the rlint binary) for every kind of file
// rlint reads; the server does the linting, quick fixes, ignore-pragma actions and hovers.
import { spawnSync } from "child_process";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/**
 * The files rlint reads by name, as lint-core's kinds/*.rs `by_name` place them (a `Yes`, and
 * the `Maybe` names whose content decides, such as `Dockerfile-old` or `ecs-web.json`), matched
 * case-sensitively on the absolute path as VS Code does. package.json's `workspaceContains:`
 * activation uses those of them that settle a kind. crates/cli/tests/lsp.rs runs both lists
 * against names rlint detects. A glob cannot leave out `Dockerfile.go` or `.env.js`: such a
 * file reaches the server, which finds no kind in it and publishes nothing.
 */
const PATTERNS = [
  "**/{[dD]ockerfile,[cC]ontainerfile}",
  "**/{[dD]ockerfile,[cC]ontainerfile}.*",
  "**/*.{[dD]ockerfile,[cC]ontainerfile}",
  "**/*.{[dD]ockerfile,[cC]ontainerfile}.*",
  "**/{[dD]ockerfile,[cC]ontainerfile}[-_]*",
  "**/*[-_]{[dD]ockerfile,[cC]ontainerfile}",
  "**/*.dockerignore",
  "**/compose.{yml,yaml}",
  "**/compose.*.{yml,yaml}",
  "**/*docker-compose*.{yml,yaml}",
  "**/.github/workflows/*.{yml,yaml}",
  "**/.circleci/*.{yml,yaml}",
  "**/circleci*.{yml,yaml}",
  "**/buildspec*.{yml,yaml}",
  "**/*travis.{yml,yaml}",
  "**/[dD]ockerrun.aws.json",
  "**/*[tT]ask[dD]ef*.json",
  "**/*[tT]ask[-_.][dD]ef*.json",
  "**/*[cC]ontainer[dD]efinitions*.json",
  "**/*[cC]ontainer[-_.][dD]efinitions*.json",
  "**/*[eE][cC][sS]*.json",
  "**/{daemon,docker-daemon}.json",
  "**/*.daemon.json",
  "**/*[dD]ocker*/daemon?*.json",
  "**/.env",
  "**/.env.*",
  "**/*.env",
];

/**
 * Languages whose files go to the server whatever their name, which then decides by content as
 * `rlint .` does for every YAML file (a Compose file named `local.yml`, a buildspec in
 * `ci/build.yml`); files it cannot place get no diagnostics. `dockerfile` also takes the
 * names a user associates with Dockerfiles (`files.associations`).
 */
const LANGUAGES = ["dockerfile", "dockercompose", "yaml"];

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
    documentSelector: [
      ...PATTERNS.map((pattern) => ({ scheme: "file", pattern })),
      ...LANGUAGES.map((language) => ({ scheme: "file", language })),
    ],
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
