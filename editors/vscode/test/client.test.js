// The bundled extension (dist/extension.js, with the real vscode-languageclient
// inside) against the real `dateline lsp`, in the mocked VS Code: what a user
// sees — diagnostics in the Problems collection with related locations, the
// conflict count in the status bar, the timeline as Markdown.
//
// Run: DATELINE_BIN=../../target/debug/dateline node --test test/client.test.js

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { loadExtension, until, restore } = require("./harness");
const { TextDocument, Uri, Position, CancellationTokenSource } = require("./vscode-mock");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BIN = path.resolve(__dirname, "..", process.env.DATELINE_BIN || "../../target/debug/dateline");
const TIMEOUT = Number(process.env.DATELINE_TEST_TIMEOUT_MS || 20000);

test.after(restore);

test("real server through the bundled client: diagnostics, status bar, progress, hover, inlay hints, semantic tokens, timeline", { timeout: TIMEOUT * 3 }, async (t) => {
  assert.ok(fs.existsSync(BIN), `server binary ${BIN}`);
  const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "dateline-client-ws-")));
  t.after(() => fs.rmSync(ws, { recursive: true, force: true }));
  for (const f of fs.readdirSync(path.join(ROOT, "seeds")).filter((f) => f.endsWith(".txt"))) {
    fs.copyFileSync(path.join(ROOT, "seeds", f), path.join(ws, f));
  }
  fs.writeFileSync(path.join(ws, "dateline.toml"), "# dateline workspace of the client test\n");
  const seedPath = path.join(ws, "004_5276c77493c331da.txt");
  const seed = new TextDocument(Uri.file(seedPath), "plaintext", fs.readFileSync(seedPath, "utf8"));

  const { ext, mock, context } = loadExtension({
    extensionPath: path.join(ws, ".ext"),
    workspaceFolder: ws,
    documents: [seed],
    settings: { "dateline.server.path": BIN },
  });
  const api = await ext.activate(context);
  t.after(() => ext.deactivate());
  assert.ok(api.client().isRunning(), "client running");
  assert.equal(mock.record.errors.length, 0, mock.record.errors.join("\n"));

  // The spelling variant reaches the client's diagnostic collection, converted for VS Code.
  const all = () => mock.vscode.languages.getDiagnostics();
  const spelling = () => {
    for (const [uri, diags] of all()) {
      if (!String(uri).endsWith("004_5276c77493c331da.txt")) continue;
      const d = diags.find((x) => x.code === "spelling-variant" && /Pashin/.test(x.message));
      if (d) return d;
    }
  };
  await until(() => spelling(), () => `spelling-variant in the Problems collection; got ${all().map(([u, d]) => `${path.basename(String(u))}: ${d.map((x) => x.code)}`).join("; ")}`, TIMEOUT);
  const d = spelling();
  assert.equal(d.source, "dateline");
  assert.ok(d instanceof mock.vscode.Diagnostic);
  assert.ok(
    (d.relatedInformation || []).some((r) => String(r.location.uri).endsWith("001_406014d11440a5bc.txt")),
    `related location in seed 001: ${JSON.stringify(d.relatedInformation)}`,
  );

  // The status bar counts the conflicts (contradiction rules) in the workspace.
  const item = mock.record.statusItems.find((i) => i.id === "dateline.status");
  const conflicts = () => {
    let n = 0;
    for (const [, diags] of all()) n += diags.filter((x) => x.source === "dateline" && ["conflicting-figure", "decreasing-total", "conflicting-date", "contested-claim", "weekday-mismatch", "impossible-date", "future-in-past"].includes(x.code)).length;
    return n;
  };
  await until(() => conflicts() > 0 && new RegExp(`${conflicts()} conflicts?`).test(item.text), () => `status shows ${conflicts()} conflicts (got "${item.text}")`, TIMEOUT);

  t.diagnostic(`status bar: ${item.text} — ${String(item.tooltip).replace(/\n/g, "; ")}`);

  // Indexing progress went through the extension's progress feature.
  assert.ok(mock.record.progress.some((p) => p.opts.title === "dateline"), "indexing progress shown");

  // The providers VS Code calls, through the real client: hover, inlay hints, semantic tokens.
  const token = new CancellationTokenSource().token;
  const text = seed.getText();
  const at = (needle) => seed.positionAt(text.indexOf(needle));
  const { hover, inlayHints, semanticTokens } = mock.record.providers;
  const h = await hover.provider.provideHover(seed, at("Pashinyan said"), token);
  const hoverText = h.contents.map((c) => c.value ?? String(c)).join("\n");
  assert.match(hoverText, /Nikol Pashin[iy]an/, hoverText);
  const hints = await inlayHints.provider.provideInlayHints(seed, new mock.vscode.Range(0, 0, seed.lineCount, 0), token);
  const labels = hints.map((x) => (typeof x.label === "string" ? x.label : x.label.map((p) => p.value).join("")));
  assert.ok(labels.some((l) => /2020/.test(l)), `resolved dates: ${labels}`);
  const legend = semanticTokens.legend.tokenTypes;
  for (const type of ["person", "organization", "place", "group", "date", "time", "duration", "set"]) assert.ok(legend.includes(type), `legend ${legend}`);
  const tokens = await semanticTokens.provider.provideDocumentSemanticTokens(seed, token);
  const types = new Set();
  for (let i = 3; i < tokens.data.length; i += 5) types.add(legend[tokens.data[i]]);
  assert.ok(types.has("date"), `token types ${[...types]}`);
  t.diagnostic(`hover: ${hoverText.split("\n")[0]}; inlay: ${labels.slice(0, 3).join(", ")}; token types: ${[...types].join(",")}`);

  // The timeline, rendered as Markdown by the extension.
  await mock.vscode.commands.executeCommand("dateline.showTimeline");
  const markdown = mock.record.contentProviders.get("dateline-timeline").provideTextDocumentContent();
  assert.match(markdown, /^# Timeline\n\n## \d{4}/);
  assert.match(markdown, /\n## 2020-10-09\n\n- “/);
  assert.match(markdown, /\]\(file:\/\/.*004_5276c77493c331da\.txt#L\d+\)/);
  assert.ok(mock.record.executed.some((e) => e.id === "markdown.showPreviewToSide"));
  t.diagnostic(`timeline: ${markdown.split("\n").slice(0, 6).join(" | ")}`);
});
