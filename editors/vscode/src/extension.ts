// The dateline extension: starts `dateline lsp` over stdio with
// vscode-languageclient, adds the timeline/restart/re-index commands and a
// status bar item, and keeps the server away from files outside the article
// folders configured by `dateline.include` / `dateline.exclude`.

import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  State,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type FeatureState,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from "vscode-languageclient/node";

import { documentSelector, exclusionMiddleware, isExcluded, outsideArticleFolders } from "./selector";
import { findServer, ServerNotFoundError, type ServerBinary } from "./server";
import { Status } from "./status";
import { TIMELINE_SCHEME, TIMELINE_URI, TimelineDocument, timelineMarkdown } from "./timeline";

/** The id of the client; vscode-languageclient reads `dateline.trace.server` from it. */
export const CLIENT_ID = "dateline";

/** Commands the extension contributes (the server's own commands have different ids). */
export const COMMANDS = {
  showTimeline: "dateline.showTimeline",
  restartServer: "dateline.restartServer",
  reindexWorkspace: "dateline.reindexWorkspace",
} as const;

/** Commands the server executes (`workspace/executeCommand`). */
export const SERVER_COMMANDS = { timeline: "dateline.timeline", reindex: "dateline.reindex" } as const;

/** What `activate` returns: a handle for tests and other extensions. */
export interface DatelineApi {
  client(): LanguageClient | undefined;
  server(): ServerBinary | undefined;
  status: Status;
}

let client: LanguageClient | undefined;
let server: ServerBinary | undefined;
/** The file watcher handed to the current client (the client does not dispose it). */
let watcher: vscode.FileSystemWatcher | undefined;

/** Activates the extension (VS Code calls this). */
export async function activate(context: vscode.ExtensionContext): Promise<DatelineApi> {
  const status = new Status();
  const timeline = new TimelineDocument();
  context.subscriptions.push(
    status,
    vscode.workspace.registerTextDocumentContentProvider(TIMELINE_SCHEME, timeline),
    vscode.commands.registerCommand(COMMANDS.showTimeline, () => showTimeline(timeline)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restart(context, status)),
    vscode.commands.registerCommand(COMMANDS.reindexWorkspace, () => reindex()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Settings the server reads are sent by the client (synchronize.configurationSection);
      // these ones decide how the server is started or which files it sees.
      const restartKeys = [
        "dateline.server.path",
        "dateline.server.extraArgs",
        "dateline.include",
        "dateline.exclude",
        "dateline.articleFoldersOnly",
      ];
      if (restartKeys.some((k) => e.affectsConfiguration(k))) void restart(context, status);
    }),
  );
  await start(context, status);
  return { client: () => client, server: () => server, status };
}

/** Stops the server (VS Code calls this on shutdown). */
export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  watcher?.dispose();
  watcher = undefined;
  if (c) await c.stop();
}

async function start(context: vscode.ExtensionContext, status: Status): Promise<void> {
  const config = vscode.workspace.getConfiguration("dateline");
  const workspaceRoot = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  try {
    server = findServer(config.get<string>("server.path"), context.extensionPath, process.env, workspaceRoot);
  } catch (e) {
    server = undefined;
    status.setState("error");
    if (e instanceof ServerNotFoundError) {
      const choice = await vscode.window.showErrorMessage(e.message, "Open Settings");
      if (choice === "Open Settings") {
        await vscode.commands.executeCommand("workbench.action.openSettings", "dateline.server.path");
      }
      return;
    }
    throw e;
  }

  const extraArgs = config.get<string[]>("server.extraArgs") ?? [];
  const serverOptions: ServerOptions = {
    command: server.command,
    args: ["lsp", ...extraArgs],
    // No `transport`: vscode-languageclient then talks over the child's stdio
    // without appending `--stdio`, which `dateline lsp` does not take.
    options: { env: { ...process.env } },
  };
  // Documents the server must not see: `dateline.exclude` globs, and with
  // `dateline.articleFoldersOnly` anything outside a folder with a dateline.toml.
  const skip = (doc: vscode.TextDocument | undefined): boolean => {
    const settings = vscode.workspace.getConfiguration("dateline");
    return (
      isExcluded(doc, settings.get<string[]>("exclude") ?? []) ||
      (settings.get<boolean>("articleFoldersOnly", false) && outsideArticleFolders(doc))
    );
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(config.get<string[]>("include") ?? []),
    middleware: exclusionMiddleware(skip),
    // The server offers pull diagnostics; skipped documents are not pulled either.
    diagnosticPullOptions: { onChange: true, onSave: true, filter: (doc) => skip(doc) },
    synchronize: {
      configurationSection: "dateline",
      fileEvents: (watcher = vscode.workspace.createFileSystemWatcher("**/{*.txt,*.md,*.markdown,dateline.toml}")),
    },
    initializationOptions: () => ({ customTokenTypes: true, ...serverSettings() }),
    diagnosticCollectionName: "dateline",
    markdown: { isTrusted: false, supportHtml: false },
  };

  const c = new LanguageClient(CLIENT_ID, "dateline", serverOptions, clientOptions);
  c.registerFeature(new ProgressStatusFeature(c, status));
  c.onDidChangeState((e) => {
    if (e.newState === State.Running) status.setState("running");
    else if (e.newState === State.Stopped) status.setState("stopped");
    else status.setState("starting");
  });
  client = c;
  status.setState("starting");
  try {
    await c.start();
  } catch (e) {
    status.setState("error");
    void vscode.window.showErrorMessage(
      `dateline: the language server (${server.command} lsp) failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The `dateline` settings the server reads, as sent in initializationOptions. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("dateline");
  return {
    inlayHints: config.get<boolean>("inlayHints", true),
    rules: config.get<Record<string, string>>("rules", {}),
    debounceMs: config.get<number>("debounceMs", 300),
  };
}

async function restart(context: vscode.ExtensionContext, status: Status): Promise<void> {
  const c = client;
  client = undefined;
  watcher?.dispose();
  watcher = undefined;
  if (c) {
    try {
      await c.stop();
    } catch {
      // A server that already died cannot be stopped cleanly; start a new one anyway.
    }
    await c.dispose().catch(() => undefined);
  }
  await start(context, status);
}

async function reindex(): Promise<void> {
  const c = client;
  if (!c || !c.isRunning()) {
    void vscode.window.showWarningMessage("dateline: the language server is not running.");
    return;
  }
  await c.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.reindex, arguments: [] });
}

async function showTimeline(timeline: TimelineDocument): Promise<void> {
  const c = client;
  if (!c || !c.isRunning()) {
    void vscode.window.showWarningMessage("dateline: the language server is not running.");
    return;
  }
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const result = await c.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_COMMANDS.timeline,
    arguments: active ? [active] : [],
  });
  timeline.update(timelineMarkdown(result));
  await vscode.commands.executeCommand("markdown.showPreviewToSide", TIMELINE_URI);
}

/**
 * Shows the server's work-done progress (indexing) in the status item and the
 * window progress area. It takes over `window/workDoneProgress/create` from
 * the built-in feature because a token can have only one progress handler.
 */
class ProgressStatusFeature implements StaticFeature {
  constructor(
    private readonly client: LanguageClient,
    private readonly status: Status,
  ) {}

  fillClientCapabilities(capabilities: { window?: { workDoneProgress?: boolean } }): void {
    capabilities.window = capabilities.window ?? {};
    capabilities.window.workDoneProgress = true;
  }

  getState(): FeatureState {
    return { kind: "static" };
  }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      let finish: () => void = () => undefined;
      let report: (p: { message?: string; increment?: number }) => void = () => undefined;
      let last = 0;
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: "dateline" }, (progress) => {
        report = (p) => progress.report(p);
        return new Promise<void>((resolve) => (finish = resolve));
      });
      const handler = this.client.onProgress(WorkDoneProgress.type, token, (value) => {
        this.status.onProgress(token, value);
        if (value.kind === "end") {
          finish();
          handler.dispose();
          return;
        }
        const pct = value.percentage;
        report({
          message: value.message ?? (value.kind === "begin" ? value.title : undefined),
          increment: typeof pct === "number" ? Math.max(0, pct - last) : undefined,
        });
        if (typeof pct === "number") last = pct;
      });
    });
  }

  clear(): void {
    this.status.setState("stopped");
  }
}
