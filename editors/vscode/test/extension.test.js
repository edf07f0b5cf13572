// Unit tests of the bundled extension (dist/extension.js) against a mocked
// `vscode` module: what it registers, how it finds and starts the server, what
// the client sends in `initialize`, and how the status bar and the timeline
// command react to a (fake, in-process) server.
//
// Run: npm run build && node --test test/extension.test.js

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const { loadExtension, fakeSpawn, standardServer, spawns, until, tempDir, fakeBinary, restore, rpc } = require("./harness");

test.after(restore);

// ---- tests ------------------------------------------------------------------

test("activates, starts `<setting> lsp <extraArgs>` over stdio and registers commands", async () => {
  const dir = tempDir();
  const bin = fakeBinary(path.join(dir, "bin"));
  fakeSpawn(standardServer);
  const { ext, mock, context } = loadExtension({
    extensionPath: path.join(dir, "ext"),
    workspaceFolder: dir,
    settings: { "dateline.server.path": bin, "dateline.server.extraArgs": ["--log", "debug"], "dateline.rules": { "spelling-variant": "off" }, "dateline.inlayHints": false },
  });
  const api = await ext.activate(context);
  const server = spawns.at(-1);

  // How the server is started: the configured binary, `lsp` + extra args, stdio, no `--stdio` flag.
  assert.equal(server.command, bin);
  assert.deepEqual(server.args, ["lsp", "--log", "debug"]);
  assert.equal(api.server().origin, "setting");
  const serverOptions = api.client()._serverOptions;
  assert.equal(serverOptions.transport, undefined, "transport must stay unset: stdio without --stdio");

  // What the client announces.
  const init = server.initialize;
  assert.ok(init, "initialize was sent");
  assert.equal(init.initializationOptions.customTokenTypes, true);
  assert.equal(init.initializationOptions.inlayHints, false);
  assert.deepEqual(init.initializationOptions.rules, { "spelling-variant": "off" });
  assert.equal(init.capabilities.window.workDoneProgress, true);
  assert.ok(init.capabilities.textDocument.semanticTokens.tokenTypes.includes("variable"));
  assert.ok(init.capabilities.textDocument.publishDiagnostics.relatedInformation);
  assert.equal(init.rootUri, `file://${dir}`);

  // Client options.
  const opts = api.client().clientOptions;
  const langs = opts.documentSelector.map((f) => f.language);
  assert.ok(langs.includes("plaintext") && langs.includes("markdown"));
  assert.equal(opts.synchronize.configurationSection, "dateline");

  // Commands: ours, plus the server's own (registered by the client from executeCommandProvider).
  for (const id of ["dateline.showTimeline", "dateline.restartServer", "dateline.reindexWorkspace", "dateline.timeline", "dateline.reindex"]) {
    assert.ok(mock.record.commands.has(id), `command ${id} registered`);
  }

  // Settings pushed after start under the `dateline` key.
  await until(() => server.notifications.some((n) => n.method === "workspace/didChangeConfiguration"), "didChangeConfiguration");
  const cfg = server.notifications.find((n) => n.method === "workspace/didChangeConfiguration").params;
  assert.equal(cfg.settings.dateline.inlayHints, false);

  // Status bar: visible, ready, no conflicts.
  const item = mock.record.statusItems.find((i) => i.id === "dateline.status");
  assert.ok(item && item.visible);
  assert.match(item.text, /\$\(check\) dateline/);

  // Indexing progress, then back to the conflict count.
  await server.conn.sendRequest("window/workDoneProgress/create", { token: "index-1" });
  await server.conn.sendProgress(rpc.ProgressType ? new rpc.ProgressType() : { __: 1 }, "index-1", { kind: "begin", title: "Indexing", percentage: 0 });
  await server.conn.sendProgress(new rpc.ProgressType(), "index-1", { kind: "report", message: "3/6 articles", percentage: 50 });
  await until(() => /Indexing 50%/.test(item.text), `status shows progress (got "${item.text}")`);
  assert.ok(mock.record.progress.some((p) => p.opts.title === "dateline"), "window progress shown");
  await server.conn.sendProgress(new rpc.ProgressType(), "index-1", { kind: "end" });
  await until(() => /\$\(check\)/.test(item.text), `status back to ready (got "${item.text}")`);

  // Diagnostics: two conflicts across two files; spelling variants and other sources do not count.
  const diag = (code, source = "dateline") => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: code, severity: 2, code, source });
  await server.conn.sendNotification("textDocument/publishDiagnostics", { uri: `file://${dir}/a.txt`, diagnostics: [diag("conflicting-figure"), diag("spelling-variant")] });
  await server.conn.sendNotification("textDocument/publishDiagnostics", { uri: `file://${dir}/b.txt`, diagnostics: [diag("conflicting-date"), diag("conflicting-date", "other")] });
  await until(() => /2 conflicts/.test(item.text), `status counts conflicts (got "${item.text}")`);
  assert.match(item.tooltip, /conflicting-figure: 1/);
  assert.match(item.tooltip, /in 2 files/);

  // Show timeline: executeCommand on the server, Markdown in the virtual document, preview opened.
  await mock.vscode.commands.executeCommand("dateline.showTimeline");
  assert.ok(server.received.some((p) => p.command === "dateline.timeline"));
  const provider = mock.record.contentProviders.get("dateline-timeline");
  const markdown = provider.provideTextDocumentContent();
  assert.equal(
    markdown,
    [
      "# Timeline",
      "",
      "## 2020-10-08",
      "",
      "- “late on Thursday” — [004_a.txt:46](file:///ws/004_a.txt#L46)",
      "",
      "## 2020-10-09",
      "",
      "- “on Friday” — [004_a.txt:15](file:///ws/004_a.txt#L15)",
      "- “talks in \\*Moscow\\*” — [my notes.txt:1](file:///ws/my%20notes.txt#L1)",
      "",
    ].join("\n"),
  );
  const preview = mock.record.executed.find((e) => e.id === "markdown.showPreviewToSide");
  assert.ok(preview, "markdown preview opened");
  assert.equal(preview.args[0].scheme, "dateline-timeline");

  // Re-index.
  await mock.vscode.commands.executeCommand("dateline.reindexWorkspace");
  assert.ok(server.received.some((p) => p.command === "dateline.reindex"));

  await ext.deactivate();
  assert.ok(server.shutdown, "shutdown sent on deactivate");
  assert.equal(mock.record.errors.length, 0, `no error messages: ${mock.record.errors.join("; ")}`);
});

test("include globs narrow the selector; exclude globs keep documents from the server", async () => {
  const dir = tempDir();
  const bin = fakeBinary(path.join(dir, "bin"));
  fakeSpawn(standardServer);
  const { ext, context } = loadExtension({
    extensionPath: path.join(dir, "ext"),
    workspaceFolder: dir,
    settings: { "dateline.server.path": bin, "dateline.include": ["**/articles/**"], "dateline.exclude": ["**/drafts/**"] },
  });
  const api = await ext.activate(context);
  const opts = api.client().clientOptions;
  assert.deepEqual(
    opts.documentSelector,
    [
      { scheme: "file", language: "plaintext", pattern: "**/articles/**" },
      { scheme: "file", language: "markdown", pattern: "**/articles/**" },
    ],
  );
  const doc = (p) => ({ uri: { fsPath: p, toString: () => `file://${p}` } });
  let forwarded = [];
  const next = (d) => { forwarded.push(d.uri.fsPath); return Promise.resolve(); };
  await opts.middleware.didOpen(doc(`${dir}/articles/drafts/x.txt`), next);
  await opts.middleware.didOpen(doc(`${dir}/articles/y.txt`), next);
  assert.deepEqual(forwarded, [`${dir}/articles/y.txt`]);
  assert.equal(opts.diagnosticPullOptions.filter(doc(`${dir}/articles/drafts/x.txt`)), true, "excluded: not pulled");
  assert.equal(opts.diagnosticPullOptions.filter(doc(`${dir}/articles/y.txt`)), false);
  const hover = await opts.middleware.provideHover(doc(`${dir}/articles/drafts/x.txt`), {}, {}, () => "asked");
  assert.equal(hover, null);
  assert.equal(await opts.middleware.provideHover(doc(`${dir}/articles/y.txt`), {}, {}, () => "asked"), "asked");
  await ext.deactivate();
});

test("server discovery: bundled binary next to the extension, then PATH", async () => {
  const dir = tempDir();
  const extPath = path.join(dir, "ext");
  const bundled = fakeBinary(path.join(extPath, "server"));
  fakeSpawn(standardServer);
  let { ext, context } = loadExtension({ extensionPath: extPath, workspaceFolder: dir, settings: {} });
  let api = await ext.activate(context);
  assert.equal(api.server().origin, "bundled");
  assert.equal(spawns.at(-1).command, bundled);
  await ext.deactivate();

  fs.rmSync(path.join(extPath, "server"), { recursive: true });
  const onPath = fakeBinary(path.join(dir, "pathbin"));
  const savedPath = process.env.PATH;
  process.env.PATH = `${path.join(dir, "nothing")}${path.delimiter}${path.join(dir, "pathbin")}`;
  try {
    ({ ext, context } = loadExtension({ extensionPath: extPath, workspaceFolder: dir, settings: {} }));
    api = await ext.activate(context);
    assert.equal(api.server().origin, "path");
    assert.equal(spawns.at(-1).command, onPath);
    await ext.deactivate();
  } finally {
    process.env.PATH = savedPath;
  }
});

test("no server binary: a clear error that says what to do, no spawn", async () => {
  const dir = tempDir();
  fakeSpawn(standardServer);
  const before = spawns.length;
  const savedPath = process.env.PATH;
  process.env.PATH = path.join(dir, "empty");
  try {
    const { ext, mock, context } = loadExtension({ extensionPath: path.join(dir, "ext"), workspaceFolder: dir, settings: {} });
    const api = await ext.activate(context);
    assert.equal(spawns.length, before, "nothing spawned");
    assert.equal(api.client(), undefined);
    assert.equal(mock.record.errors.length, 1);
    assert.match(mock.record.errors[0], /not found/);
    assert.match(mock.record.errors[0], /dateline\.server\.path/);
    assert.match(mock.record.errors[0], /cargo build --release/);
    assert.match(mock.record.statusItems[0].text, /\$\(error\)/);

    // A bad configured path is reported as such.
    const m2 = loadExtension({ extensionPath: path.join(dir, "ext"), workspaceFolder: dir, settings: { "dateline.server.path": "/nonexistent/dateline" } });
    await m2.ext.activate(m2.context);
    assert.match(m2.mock.record.errors[0], /"dateline\.server\.path" \(\/nonexistent\/dateline\) does not exist/);
  } finally {
    process.env.PATH = savedPath;
  }
});

test("package.json contributes the settings schema, token types and commands", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
  const props = pkg.contributes.configuration.properties;
  assert.equal(props["dateline.server.path"].scope, "machine-overridable");
  assert.deepEqual(props["dateline.trace.server"].enum, ["off", "messages", "verbose"]);
  const rules = props["dateline.rules"].properties;
  for (const id of ["spelling-variant", "conflicting-figure", "decreasing-total", "conflicting-date", "contested-claim", "weekday-mismatch", "impossible-date", "future-in-past", "missing-publication-date"]) {
    assert.deepEqual(rules[id].enum, ["off", "hint", "information", "warning", "error"], id);
  }
  const types = pkg.contributes.semanticTokenTypes.map((t) => t.id);
  assert.deepEqual(types, ["person", "organization", "place", "group", "date", "time", "duration", "set"]);
  assert.ok(pkg.contributes.semanticTokenTypes.every((t) => t.superType));
  const scopes = pkg.contributes.semanticTokenScopes[0].scopes;
  assert.deepEqual(Object.keys(scopes).sort(), [...types].sort());
  const colours = pkg.contributes.configurationDefaults["editor.semanticTokenColorCustomizations"];
  assert.deepEqual(Object.keys(colours["[*Light*]"].rules).sort(), [...types].sort());
  assert.deepEqual(Object.keys(colours["[*Dark*]"].rules).sort(), [...types].sort());
  assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), ["dateline.reindexWorkspace", "dateline.restartServer", "dateline.showTimeline"]);
  assert.ok(pkg.activationEvents.includes("workspaceContains:**/dateline.toml"));
  assert.equal(pkg.engines.vscode, "^1.91.0");
  assert.match(pkg.devDependencies["@types/vscode"], /^~1\.91\./);
});

test("Restart server stops the running server and starts a new one; settings changes restart it too", async () => {
  const dir = tempDir();
  const bin = fakeBinary(path.join(dir, "bin"));
  fakeSpawn(standardServer);
  const { ext, mock, context } = loadExtension({ extensionPath: path.join(dir, "ext"), workspaceFolder: dir, settings: { "dateline.server.path": bin } });
  const api = await ext.activate(context);
  const first = spawns.at(-1);
  const before = spawns.length;
  await mock.vscode.commands.executeCommand("dateline.restartServer");
  assert.ok(first.shutdown, "the old server got shutdown");
  assert.equal(spawns.length, before + 1, "a new server was spawned");
  assert.ok(api.client().isRunning());
  // A change of dateline.server.extraArgs restarts; dateline.inlayHints does not (it is sent to the server).
  mock.fireConfigChange(["dateline.inlayHints"]);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(spawns.length, before + 1);
  mock.fireConfigChange(["dateline.server.extraArgs"]);
  await until(() => spawns.length === before + 2 && api.client() && api.client().isRunning(), "restart after extraArgs change");
  await ext.deactivate();
});

test("dateline.articleFoldersOnly keeps files outside folders with a dateline.toml away from the server", async () => {
  const dir = tempDir();
  const bin = fakeBinary(path.join(dir, "bin"));
  fs.mkdirSync(path.join(dir, "articles", "2020"), { recursive: true });
  fs.writeFileSync(path.join(dir, "articles", "dateline.toml"), "");
  fakeSpawn(standardServer);
  const { ext, context } = loadExtension({
    extensionPath: path.join(dir, "ext"),
    workspaceFolder: dir,
    settings: { "dateline.server.path": bin, "dateline.articleFoldersOnly": true },
  });
  const api = await ext.activate(context);
  const opts = api.client().clientOptions;
  const doc = (p, scheme = "file") => ({ uri: { scheme, fsPath: p, toString: () => `${scheme}://${p}` } });
  const forwarded = [];
  const next = (d) => { forwarded.push(d.uri.fsPath); return Promise.resolve(); };
  await opts.middleware.didOpen(doc(`${dir}/articles/2020/a.txt`), next);
  await opts.middleware.didOpen(doc(`${dir}/README.md`), next);
  await opts.middleware.didOpen(doc("Untitled-1", "untitled"), next);
  assert.deepEqual(forwarded, [`${dir}/articles/2020/a.txt`]);
  assert.equal(opts.diagnosticPullOptions.filter(doc(`${dir}/README.md`)), true);
  assert.equal(opts.diagnosticPullOptions.filter(doc(`${dir}/articles/a.txt`)), false);
  await ext.deactivate();
});
