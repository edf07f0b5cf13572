// Test harness shared by the unit and protocol tests: loads the bundled
// extension (dist/extension.js) against a mocked `vscode` module, and replaces
// child_process.spawn with an in-process fake server when asked.

"use strict";

const assert = require("node:assert/strict");
const Module = require("node:module");
const cp = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { EventEmitter } = require("node:events");
const { PassThrough } = require("node:stream");
const rpc = require("vscode-jsonrpc/node");

const { createVscodeMock } = require("./vscode-mock");

const BUNDLE = path.resolve(__dirname, "..", "dist", "extension.js");

// ---- loading the bundle with a fresh mock each time -------------------------

let currentVscode;
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return currentVscode;
  return originalLoad.call(this, request, parent, isMain);
};

function loadExtension(mockOptions) {
  const mock = createVscodeMock(mockOptions);
  currentVscode = mock.vscode;
  delete require.cache[BUNDLE];
  const ext = require(BUNDLE);
  const context = { subscriptions: [], extensionPath: mockOptions.extensionPath, asAbsolutePath: (p) => path.join(mockOptions.extensionPath, p) };
  return { ext, mock, context };
}

// ---- a fake server behind child_process.spawn ------------------------------

const spawns = [];
const originalSpawn = cp.spawn;

/** Replaces spawn: records the call and serves LSP from this process. */
function fakeSpawn(serverBehaviour) {
  cp.spawn = (command, args, options) => {
    const child = new EventEmitter();
    child.stdin = new PassThrough();
    child.stdout = new PassThrough();
    child.stderr = new PassThrough();
    child.pid = 4242;
    child.kill = () => { child.emit("exit", 0, null); return true; };
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdin), new rpc.StreamMessageWriter(child.stdout));
    const server = { command, args, options, conn, received: [], notifications: [] };
    serverBehaviour(server);
    conn.onNotification((method, params) => server.notifications.push({ method, params }));
    conn.listen();
    spawns.push(server);
    return child;
  };
}

/** What the real server returns for `dateline.timeline` (entries in date order). */
const TIMELINE = [
  { date: "2020-10-08", value: "2020-10-08", type: "date", text: "late on Thursday", uri: "file:///ws/004_a.txt", range: { start: { line: 45, character: 19 }, end: { line: 45, character: 35 } } },
  { date: "2020-10-09", value: "2020-10-09", type: "date", text: "on Friday", uri: "file:///ws/004_a.txt", range: { start: { line: 14, character: 63 }, end: { line: 14, character: 72 } } },
  { date: "2020-10-09", value: "2020-10-09", type: "date", text: "talks in *Moscow*", uri: "file:///ws/my%20notes.txt", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } },
];

function standardServer(server) {
  const c = server.conn;
  c.onRequest("initialize", (params) => {
    server.initialize = params;
    return {
      capabilities: {
        textDocumentSync: 1,
        hoverProvider: true,
        executeCommandProvider: { commands: ["dateline.timeline", "dateline.reindex"] },
      },
      serverInfo: { name: "fake-dateline" },
    };
  });
  c.onRequest("workspace/executeCommand", (params) => {
    server.received.push(params);
    if (params.command === "dateline.timeline") return TIMELINE;
    return null;
  });
  c.onRequest("shutdown", () => { server.shutdown = true; return null; });
}

const until = async (pred, what, ms = 3000) => {
  const describe = () => (typeof what === "function" ? what() : what);
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting for ${describe()}`);
};

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "dateline-ext-test-"));
}
function fakeBinary(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const bin = path.join(dir, process.platform === "win32" ? "dateline.exe" : "dateline");
  fs.writeFileSync(bin, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  return bin;
}


/** Restores spawn and the module loader. */
function restore() {
  cp.spawn = originalSpawn;
  Module._load = originalLoad;
}

/**
 * Starts the bundled extension against a fake server and returns the
 * `initialize` params the real vscode-languageclient sent (capabilities,
 * initializationOptions): what the protocol test replays to the real server.
 */
async function captureInitialize() {
  const dir = tempDir();
  const bin = fakeBinary(path.join(dir, "bin"));
  fakeSpawn(standardServer);
  const { ext, context } = loadExtension({ extensionPath: path.join(dir, "ext"), workspaceFolder: dir, settings: { "dateline.server.path": bin } });
  await ext.activate(context);
  const init = spawns.at(-1).initialize;
  await ext.deactivate();
  cp.spawn = originalSpawn;
  return init;
}

module.exports = { TIMELINE, BUNDLE, loadExtension, fakeSpawn, standardServer, spawns, until, tempDir, fakeBinary, restore, captureInitialize, rpc };
