// End-to-end protocol test: spawns the real `dateline lsp` and drives it with
// vscode-languageserver-protocol exactly as the extension does: the
// `initialize` params (capabilities, initializationOptions) are the ones the
// bundled vscode-languageclient produced in the mocked-VS Code harness.
//
// Run: DATELINE_BIN=../../target/debug/dateline node --test test/protocol.test.js

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const cp = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const proto = require("vscode-languageserver-protocol/node");

const { captureInitialize, restore } = require("./harness");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BIN = path.resolve(__dirname, "..", process.env.DATELINE_BIN || "../../target/debug/dateline");
const SEEDS = path.join(ROOT, "seeds");
const SEED = path.join(SEEDS, "004_5276c77493c331da.txt");
const TIMEOUT = Number(process.env.DATELINE_TEST_TIMEOUT_MS || 20000);
/** Checks whose server feature has not landed yet (DATELINE_E2E_PENDING="hover,inlay,..."): reported as TODO. */
const PENDING = new Set((process.env.DATELINE_E2E_PENDING || "").split(/[\s,]+/).filter(Boolean));
const pending = (key) => ({ todo: PENDING.has(key) ? `server feature pending (${key})` : false });

/** UTF-16 position of the first occurrence of `needle` (after `from`) in `text`. */
function positionOf(text, needle, from = 0) {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `"${needle}" in the seed`);
  const before = text.slice(0, i).split("\n");
  return { line: before.length - 1, character: before.at(-1).length };
}

function withTimeout(promise, what, ms = TIMEOUT) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]);
}

test("dateline lsp answers what the VS Code extension asks", { timeout: TIMEOUT * 4 }, async (t) => {
  assert.ok(fs.existsSync(BIN), `server binary ${BIN} (build it with cargo build, or set DATELINE_BIN)`);
  const vscodeInit = await captureInitialize();
  restore();
  assert.equal(vscodeInit.initializationOptions.customTokenTypes, true);

  const child = cp.spawn(BIN, ["lsp"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exitCode = null;
  const exited = new Promise((resolve) => child.on("exit", (code) => { exitCode = code; resolve(code); }));
  t.after(() => { if (exitCode === null) child.kill("SIGKILL"); });

  const conn = proto.createProtocolConnection(new proto.StreamMessageReader(child.stdout), new proto.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const diagnosticWaiters = [];
  conn.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of diagnosticWaiters.splice(0)) w();
  });
  const progress = [];
  const progressTokens = new Set();
  conn.onRequest(proto.WorkDoneProgressCreateRequest.type, (p) => {
    progressTokens.add(p.token);
    conn.onProgress(proto.WorkDoneProgress.type, p.token, (v) => progress.push({ token: p.token, ...v }));
    return null;
  });
  conn.onRequest(proto.ConfigurationRequest.type, (p) => p.items.map(() => ({ inlayHints: true, rules: {} })));
  conn.onRequest(proto.RegistrationRequest.type, () => null);
  conn.onRequest(proto.UnregistrationRequest.type, () => null);
  conn.onRequest("workspace/semanticTokens/refresh", () => null);
  conn.onRequest("workspace/inlayHint/refresh", () => null);
  conn.onRequest("workspace/diagnostic/refresh", () => null);
  conn.onNotification(proto.LogMessageNotification.type, () => undefined);
  conn.onNotification(proto.ShowMessageNotification.type, (m) => (stderr += `\n[showMessage] ${m.message}`));
  conn.listen();
  t.after(() => conn.dispose());

  const rootUri = pathToFileURL(SEEDS).href;
  const init = await withTimeout(
    conn.sendRequest(proto.InitializeRequest.type, {
      ...vscodeInit,
      processId: process.pid,
      rootPath: SEEDS,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "seeds" }],
      capabilities: {
        ...vscodeInit.capabilities,
        general: { ...vscodeInit.capabilities.general, positionEncodings: ["utf-16"] },
      },
    }),
    "initialize",
  );
  const caps = init.capabilities;
  const legend = (caps.semanticTokensProvider && caps.semanticTokensProvider.legend.tokenTypes) || [];
  await t.test("initialize: capabilities and custom token legend", () => {
  assert.ok(caps.hoverProvider, "hoverProvider");
  assert.ok(caps.inlayHintProvider, "inlayHintProvider");
  assert.ok(caps.semanticTokensProvider, "semanticTokensProvider");
  assert.ok(!caps.positionEncoding || caps.positionEncoding === "utf-16", `utf-16 positions (got ${caps.positionEncoding})`);
  assert.deepEqual([...caps.executeCommandProvider.commands].sort(), ["dateline.reindex", "dateline.timeline"]);
  for (const type of ["person", "organization", "place", "group", "date", "time", "duration", "set"]) {
    assert.ok(legend.includes(type), `legend has custom type ${type} (customTokenTypes: true): ${legend}`);
  }
  });
  conn.sendNotification(proto.InitializedNotification.type, {});
  conn.sendNotification(proto.DidChangeConfigurationNotification.type, { settings: { dateline: { inlayHints: true, rules: {} } } });

  // Open the seed as VS Code does and wait for its diagnostics (after indexing).
  const text = fs.readFileSync(SEED, "utf8");
  const uri = pathToFileURL(SEED).href;
  conn.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "plaintext", version: 1, text } });
  const spelling = () => (diagnostics.get(uri) || []).find((d) => d.code === "spelling-variant" && /Pashin/.test(d.message));
  const deadline = Date.now() + TIMEOUT;
  while (!spelling() && Date.now() < deadline) {
    await new Promise((resolve) => { diagnosticWaiters.push(resolve); setTimeout(resolve, 250); });
  }
  const all = [...diagnostics.entries()].map(([u, ds]) => `${path.basename(u)}: ${ds.map((d) => d.code).join(",")}`);
  await t.test("diagnostics: spelling-variant Pashinyan/Pashinian with related information", pending("diagnostics"), () => {
  const found = spelling();
  assert.ok(found, `spelling-variant Pashinyan/Pashinian on the seed; got ${JSON.stringify(diagnostics.get(uri))}\nall: ${all.join("; ")}\nstderr: ${stderr}`);
  assert.equal(found.source, "dateline");
  assert.ok((found.relatedInformation || []).some((r) => r.location.uri.endsWith("001_406014d11440a5bc.txt")), "related information points at seed 001");
  });

  // Indexing progress: begin … end on a server-created token.
  await t.test("$/progress while indexing", () => {
  assert.ok(progressTokens.size > 0, "server created a work-done progress token");
  assert.ok(progress.some((p) => p.kind === "begin") && progress.some((p) => p.kind === "end"), `progress begin/end: ${JSON.stringify(progress)}`);
  });

  // Hover on "Pashinyan": the entity card names the person.
  await t.test("hover on Pashinyan", pending("hover"), async () => {
  const hover = await withTimeout(
    conn.sendRequest(proto.HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "Pashinyan said") }),
    "hover",
  );
  const hoverText = JSON.stringify(hover && hover.contents);
  assert.match(hoverText, /Pashinyan/, `hover names the person: ${hoverText}`);
  });

  // Inlay hints: "on Friday" in an article published 2020-10-09 resolves to a date.
  const lines = text.split("\n");
  await t.test("inlay hints: a resolved date", pending("inlay"), async () => {
  const hints = await withTimeout(
    conn.sendRequest(proto.InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1).length } },
    }),
    "inlayHint",
  );
  const labels = (hints || []).map((h) => (typeof h.label === "string" ? h.label : h.label.map((p) => p.value).join("")));
  assert.ok(labels.some((l) => /2020/.test(l) || /\d{4}-\d{2}-\d{2}/.test(l)), `a resolved date label: ${JSON.stringify(labels)}`);
  });

  // Semantic tokens: well-formed, with at least a person and a date.
  await t.test("semantic tokens: well-formed, person and date", pending("tokens"), async () => {
  const tokens = await withTimeout(conn.sendRequest(proto.SemanticTokensRequest.type, { textDocument: { uri } }), "semanticTokens/full");
  assert.equal(tokens.data.length % 5, 0);
  const types = new Set();
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type] = tokens.data.slice(i, i + 4);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    assert.ok(line < lines.length && char + len <= lines[line].length, `token ${i / 5} inside line ${line}`);
    types.add(legend[type]);
  }
  assert.ok(types.has("person"), `a person token: ${[...types]}`);
  assert.ok(types.has("date"), `a date token: ${[...types]}`);
  });

  // The timeline command returns something renderable as Markdown, mentioning 2020.
  await t.test("executeCommand dateline.timeline", pending("timeline"), async () => {
  const timeline = await withTimeout(
    conn.sendRequest(proto.ExecuteCommandRequest.type, { command: "dateline.timeline", arguments: [uri] }),
    "executeCommand dateline.timeline",
  );
  assert.ok(timeline, "timeline result");
  assert.match(JSON.stringify(timeline), /2020/);
  });

  await t.test("shutdown and exit", async () => {
  await withTimeout(conn.sendRequest(proto.ShutdownRequest.type), "shutdown");
  conn.sendNotification(proto.ExitNotification.type);
  const code = await withTimeout(exited, "server exit after `exit`", 5000);
  assert.equal(code, 0, `server exit code; stderr: ${stderr}`);
  });
});
