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
const os = require("node:os");
// A workspace of its own: copies of the seeds, a dateline.toml and an article without a date.
const SEEDS = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-protocol-ws-"));
for (const f of fs.readdirSync(path.join(ROOT, "seeds")).filter((f) => f.endsWith(".txt"))) {
  fs.copyFileSync(path.join(ROOT, "seeds", f), path.join(SEEDS, f));
}
fs.writeFileSync(path.join(SEEDS, "dateline.toml"), "# dateline workspace of the protocol test\n");
const UNDATED_TEXT = "A headline about nothing\n\nSome text written on Tuesday about the meeting in Paris.\n";
fs.writeFileSync(path.join(SEEDS, "undated.txt"), UNDATED_TEXT);
const SEED = path.join(SEEDS, "004_5276c77493c331da.txt");
const TIMEOUT = Number(process.env.DATELINE_TEST_TIMEOUT_MS || 20000);
/** Checks whose server feature has not landed yet (DATELINE_E2E_PENDING="spelling,entities"): reported as TODO. */
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
  let refreshes = 0;
  conn.onRequest("workspace/diagnostic/refresh", () => {
    refreshes++;
    for (const w of diagnosticWaiters.splice(0)) w();
    return null;
  });
  conn.onNotification(proto.LogMessageNotification.type, () => undefined);
  const errorsShown = [];
  conn.onNotification(proto.ShowMessageNotification.type, (m) => {
    stderr += `\n[showMessage] ${m.message}`;
    if (m.type === proto.MessageType.Error) errorsShown.push(m.message);
  });
  conn.listen();
  t.after(() => conn.dispose());

  t.after(() => fs.rmSync(SEEDS, { recursive: true, force: true }));
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
  // VS Code supports pull diagnostics, so the server offers them (inter-file: findings span articles).
  assert.ok(caps.diagnosticProvider && caps.diagnosticProvider.interFileDependencies, "diagnosticProvider (pull)");
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
  const undatedUri = pathToFileURL(path.join(SEEDS, "undated.txt")).href;
  conn.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri: undatedUri, languageId: "plaintext", version: 1, text: UNDATED_TEXT } });
  // VS Code pulls diagnostics (textDocument/diagnostic) when the server offers it, and pulls
  // again on workspace/diagnostic/refresh; otherwise it takes what the server pushes.
  const pull = async (u) => {
    if (!caps.diagnosticProvider) return;
    const report = await withTimeout(conn.sendRequest(proto.DocumentDiagnosticRequest.type, { textDocument: { uri: u } }), "textDocument/diagnostic");
    if (report && report.kind === "full") diagnostics.set(u, report.items);
  };
  const find = (u, code, re) => (diagnostics.get(u) || []).find((d) => d.code === code && re.test(d.message));
  const spelling = () => find(uri, "spelling-variant", /Pashin/);
  const undated = () => find(undatedUri, "missing-publication-date", /publication date/);
  const deadline = Date.now() + TIMEOUT;
  // Like VS Code: pull once when the documents open, then again only when the server asks
  // (workspace/diagnostic/refresh, e.g. when indexing found a spelling in another article).
  // `seen` is read before each pull: a refresh that arrives while a pull is in flight (indexing
  // ended meanwhile, so the answer may be stale) must trigger another pull, as it does in VS Code.
  let seen = refreshes;
  await pull(uri);
  await pull(undatedUri);
  while (!(spelling() && undated()) && Date.now() < deadline) {
    if (refreshes !== seen) {
      seen = refreshes;
      await pull(uri);
      await pull(undatedUri);
      continue;
    }
    await new Promise((resolve) => { diagnosticWaiters.push(resolve); setTimeout(resolve, 250); });
  }
  const all = [...diagnostics.entries()].map(([u, ds]) => `${path.basename(u)}: ${ds.map((d) => d.code).join(",")}`);
  await t.test("diagnostics: spelling-variant Pashinyan/Pashinian with related information", pending("spelling"), () => {
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

  await t.test("diagnostics: missing-publication-date on an undated article", () => {
    const d = undated();
    assert.ok(d, `missing-publication-date on undated.txt; got ${JSON.stringify(diagnostics.get(undatedUri))}`);
    assert.equal(d.source, "dateline");
    assert.equal(d.range.start.line, 0);
  });

  await t.test("diagnostics: delivered for the opened article, well-formed", () => {
    assert.ok(diagnostics.has(uri), `diagnostics for ${uri}; got ${[...diagnostics.keys()]}`);
    const docLines = text.split("\n");
    for (const [u, ds] of diagnostics) {
      for (const d of ds) {
        assert.equal(d.source, "dateline", JSON.stringify(d));
        assert.equal(typeof d.code, "string", JSON.stringify(d));
        assert.ok(d.message.length > 0);
        if (u === uri) {
          const { start, end } = d.range;
          assert.ok(start.line < docLines.length && end.line < docLines.length, `range inside the text: ${JSON.stringify(d.range)}`);
          assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character));
        }
      }
    }
  });

  await t.test("documentSymbol: title and publication date", async () => {
    const symbols = await withTimeout(conn.sendRequest(proto.DocumentSymbolRequest.type, { textDocument: { uri } }), "documentSymbol");
    const names = (symbols || []).map((s) => s.name);
    assert.ok(names.includes("Moscow Hosts Armenia-Azerbaijan Talks as Fighting Continues"), `title in the outline: ${names}`);
    assert.ok(names.some((n) => /9 October 2020/.test(n)), `publication date in the outline: ${names}`);
  });

  await t.test("hover on the publication date", async () => {
    const h = await withTimeout(
      conn.sendRequest(proto.HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "October 09, 2020") }),
      "hover",
    );
    assert.match(JSON.stringify(h && h.contents), /9 October 2020/);
  });

  // Hover on "Pashinyan": the entity card names the person.
  await t.test("hover on Pashinyan", pending("entities"), async () => {
  const hover = await withTimeout(
    conn.sendRequest(proto.HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "Pashinyan said") }),
    "hover",
  );
  const hoverText = JSON.stringify(hover && hover.contents);
  // The card names the person in full (canonical spelling) and lists the other article's spelling.
  assert.match(hoverText, /Nikol Pashin[iy]an/, `hover names the person: ${hoverText}`);
  assert.match(hoverText, /001_406014d11440a5bc/, `hover lists the other article: ${hoverText}`);
  });

  // Inlay hints: "on Friday" in an article published 2020-10-09 resolves to a date.
  const lines = text.split("\n");
  await t.test("inlay hints: a resolved date", async () => {
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
  let tokenTypes = new Set();
  await t.test("semantic tokens: well-formed, with a date", async () => {
    const tokens = await withTimeout(conn.sendRequest(proto.SemanticTokensRequest.type, { textDocument: { uri } }), "semanticTokens/full");
    assert.equal(tokens.data.length % 5, 0);
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type] = tokens.data.slice(i, i + 4);
      line += dl;
      char = dl === 0 ? char + dc : dc;
      assert.ok(line < lines.length && char + len <= lines[line].length, `token ${i / 5} inside line ${line}`);
      assert.ok(type < legend.length, `token type ${type} in the legend`);
      tokenTypes.add(legend[type]);
    }
    assert.ok(tokenTypes.has("date"), `a date token: ${[...tokenTypes]}`);
  });

  await t.test("semantic tokens: a person", pending("person-token"), () => {
    assert.ok(tokenTypes.has("person"), `a person token: ${[...tokenTypes]}`);
  });

  // The timeline command returns something renderable as Markdown, mentioning 2020.
  await t.test("executeCommand dateline.timeline", async () => {
  const timeline = await withTimeout(
    conn.sendRequest(proto.ExecuteCommandRequest.type, { command: "dateline.timeline", arguments: [uri] }),
    "executeCommand dateline.timeline",
  );
  assert.ok(timeline, "timeline result");
  assert.match(JSON.stringify(timeline), /2020/);
  });

  await t.test("no error message shown to the user", () => {
    assert.equal(errorsShown.length, 0, errorsShown.join("\n"));
  });

  await t.test("shutdown and exit", async () => {
  await withTimeout(conn.sendRequest(proto.ShutdownRequest.type), "shutdown");
  conn.sendNotification(proto.ExitNotification.type);
  const code = await withTimeout(exited, "server exit after `exit`", 5000);
  assert.equal(code, 0, `server exit code; stderr: ${stderr}`);
  });
});
