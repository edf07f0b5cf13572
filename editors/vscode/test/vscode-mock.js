// A stand-in for the `vscode` module, complete enough for dist/extension.js and
// the bundled vscode-languageclient to activate and talk to a server. The
// parts the tests look at (commands, status bar, diagnostics, messages,
// configuration) are real objects that record what happens; anything else is
// an "auto" proxy that accepts every call and returns a disposable.

"use strict";

function auto(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === "then") return undefined; // not a thenable
      if (prop === "dispose") return () => undefined;
      if (prop === Symbol.toPrimitive) return () => `<${name}>`;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === "length") return 0;
      return auto(`${name}.${String(prop)}`);
    },
    apply: () => auto(`${name}()`),
    construct: () => auto(`new ${name}`),
  });
}

function namespace(name, real) {
  return new Proxy(real, {
    get(t, prop) {
      if (prop in t) return t[prop];
      if (prop === "then") return undefined;
      return auto(`${name}.${String(prop)}`);
    },
  });
}

class Disposable {
  constructor(fn) { this._fn = fn; }
  static from(...ds) { return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose())); }
  dispose() { if (this._fn) this._fn(); this._fn = undefined; }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(l);
      const d = new Disposable(() => this.listeners.delete(l));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) { for (const l of [...this.listeners]) l(e); }
  dispose() { this.listeners.clear(); }
}

class Uri {
  constructor(scheme, authority, path, query, fragment) {
    Object.assign(this, { scheme, authority: authority || "", path: path || "", query: query || "", fragment: fragment || "" });
  }
  static parse(value) {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!m) return new Uri("file", "", value);
    return new Uri(m[1], m[2], decodeURIComponent(m[3]), m[4], m[5]);
  }
  static file(p) { return new Uri("file", "", p); }
  static from(c) { return new Uri(c.scheme, c.authority, c.path, c.query, c.fragment); }
  static joinPath(base, ...parts) { return new Uri(base.scheme, base.authority, [base.path, ...parts].join("/")); }
  get fsPath() { return this.path; }
  with(change) { return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment); }
  toString() { return `${this.scheme}:${this.scheme === "file" || this.authority ? "//" + this.authority : ""}${encodeURI(this.path)}`; }
  toJSON() { return this.toString(); }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
}
class Range {
  constructor(a, b, c, d) {
    if (typeof a === "number") { this.start = new Position(a, b); this.end = new Position(c, d); }
    else { this.start = a; this.end = b; }
  }
}
class Location { constructor(uri, range) { this.uri = uri; this.range = range; } }
class Diagnostic {
  constructor(range, message, severity) { this.range = range; this.message = message; this.severity = severity; }
}
class DiagnosticRelatedInformation { constructor(location, message) { this.location = location; this.message = message; } }
class MarkdownString {
  constructor(value = "", supportThemeIcons = false) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
  appendMarkdown(v) { this.value += v; return this; }
  appendText(v) { this.value += v; return this; }
  appendCodeblock(v, l = "") { this.value += `\n\`\`\`${l}\n${v}\n\`\`\`\n`; return this; }
}
class Hover { constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; } }
/** A text document as VS Code hands it to extensions (enough for the language client). */
class TextDocument {
  constructor(uri, languageId, text, version = 1) {
    Object.assign(this, { uri, languageId, version, isClosed: false, isDirty: false, isUntitled: uri.scheme === "untitled", eol: 1 });
    this._text = text;
    this._lines = text.split("\n");
  }
  get fileName() { return this.uri.fsPath; }
  get lineCount() { return this._lines.length; }
  getText(range) {
    if (!range) return this._text;
    return this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  offsetAt(pos) {
    let off = 0;
    for (let i = 0; i < pos.line && i < this._lines.length; i++) off += this._lines[i].length + 1;
    return off + pos.character;
  }
  positionAt(offset) {
    let line = 0;
    while (line < this._lines.length - 1 && offset > this._lines[line].length) { offset -= this._lines[line].length + 1; line++; }
    return new Position(line, offset);
  }
  lineAt(line) { const n = typeof line === "number" ? line : line.line; return { lineNumber: n, text: this._lines[n] }; }
  save() { return Promise.resolve(true); }
}

class InlayHint {
  constructor(position, label, kind) { this.position = position; this.label = label; this.kind = kind; }
}
class InlayHintLabelPart { constructor(value) { this.value = value; } }
class SemanticTokens { constructor(data, resultId) { this.data = data; this.resultId = resultId; } }
class SemanticTokensLegend { constructor(tokenTypes, tokenModifiers = []) { this.tokenTypes = tokenTypes; this.tokenModifiers = tokenModifiers; } }

class CancellationTokenSource {
  constructor() { this.token = { isCancellationRequested: false, onCancellationRequested: () => new Disposable() }; }
  cancel() { this.token.isCancellationRequested = true; }
  dispose() {}
}

/** Builds a fresh mock; `settings` maps "dateline.x" keys to values. */
function createVscodeMock({ settings = {}, workspaceFolder = "/tmp/dateline-ws", extensionPath = "/tmp/dateline-ext", documents = [] } = {}) {
  const record = {
    commands: new Map(), executed: [], statusItems: [], errors: [], warnings: [], infos: [],
    contentProviders: new Map(), collections: [], progress: [], outputs: [], providers: {},
  };
  const diagnosticsChanged = new EventEmitter();
  const configChanged = new EventEmitter();

  function getConfiguration(section) {
    const prefix = section ? `${section}.` : "";
    return {
      get(key, dflt) {
        const full = prefix + key;
        if (settings[full] !== undefined) return settings[full];
        // A section: the nested object of every setting under it, as VS Code returns it.
        const nested = {};
        let any = false;
        for (const [k, v] of Object.entries(settings)) {
          if (!k.startsWith(full + ".")) continue;
          any = true;
          const parts = k.slice(full.length + 1).split(".");
          let cur = nested;
          for (const part of parts.slice(0, -1)) cur = cur[part] = cur[part] || {};
          cur[parts.at(-1)] = v;
        }
        return any ? nested : dflt;
      },
      has(key) { return settings[prefix + key] !== undefined; },
      inspect(key) { return { key: prefix + key, defaultValue: undefined, globalValue: settings[prefix + key] }; },
      update: async () => undefined,
      // The languageclient reads whole sections (synchronize.configurationSection).
      ...Object.fromEntries(
        Object.entries(settings).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]),
      ),
    };
  }

  function register(kind, selector, provider, legend) {
    record.providers[kind] = { selector, provider, legend };
    return new Disposable(() => delete record.providers[kind]);
  }

  function createDiagnosticCollection(name) {
    const map = new Map();
    const coll = {
      name,
      set(uri, diags) {
        if (Array.isArray(uri)) { for (const [u, d] of uri) map.set(u.toString(), [u, d || []]); }
        else map.set(uri.toString(), [uri, diags || []]);
        diagnosticsChanged.fire({ uris: [uri] });
      },
      delete(uri) { map.delete(uri.toString()); diagnosticsChanged.fire({ uris: [uri] }); },
      clear() { map.clear(); diagnosticsChanged.fire({ uris: [] }); },
      get(uri) { return (map.get(uri.toString()) || [])[1]; },
      has(uri) { return map.has(uri.toString()); },
      forEach(cb) { for (const [u, d] of map.values()) cb(u, d, coll); },
      dispose() { map.clear(); },
      entries: map,
    };
    record.collections.push(coll);
    return coll;
  }

  const vscode = {
    version: "1.91.0",
    Disposable, EventEmitter, Uri, Position, Range, Location, Diagnostic, DiagnosticRelatedInformation, TextDocument,
    MarkdownString, Hover, CancellationTokenSource, InlayHint, InlayHintLabelPart, SemanticTokens, SemanticTokensLegend,
    InlayHintKind: { Type: 1, Parameter: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    env: namespace("env", { appName: "Visual Studio Code (mock)", language: "en", machineId: "mock", sessionId: "mock", uriScheme: "vscode", remoteName: undefined, uiKind: 1 }),
    extensions: namespace("extensions", { all: [], getExtension: () => undefined, onDidChange: new EventEmitter().event }),
    commands: namespace("commands", {
      registerCommand(id, fn) {
        if (record.commands.has(id)) throw new Error(`command '${id}' already exists`);
        record.commands.set(id, fn);
        return new Disposable(() => record.commands.delete(id));
      },
      async executeCommand(id, ...args) {
        record.executed.push({ id, args });
        const fn = record.commands.get(id);
        return fn ? fn(...args) : undefined;
      },
      getCommands: async () => [...record.commands.keys()],
    }),
    window: namespace("window", {
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: new EventEmitter().event,
      onDidChangeVisibleTextEditors: new EventEmitter().event,
      createStatusBarItem(id, alignment, priority) {
        const item = { id, alignment, priority, text: "", tooltip: "", command: undefined, name: undefined, visible: false,
          show() { this.visible = true; }, hide() { this.visible = false; }, dispose() { this.visible = false; } };
        record.statusItems.push(item);
        return item;
      },
      createOutputChannel(name) {
        const ch = { name, lines: [], append(v) { this.lines.push(v); }, appendLine(v) { this.lines.push(v + "\n"); },
          replace(v) { this.lines = [v]; }, clear() { this.lines = []; }, show() {}, hide() {}, dispose() {},
          trace() {}, debug() {}, info() {}, warn() {}, error(v) { this.lines.push(String(v)); }, logLevel: 2, onDidChangeLogLevel: new EventEmitter().event };
        record.outputs.push(ch);
        return ch;
      },
      showErrorMessage: async (msg) => { record.errors.push(msg); return undefined; },
      showWarningMessage: async (msg) => { record.warnings.push(msg); return undefined; },
      showInformationMessage: async (msg) => { record.infos.push(msg); return undefined; },
      withProgress: async (opts, task) => {
        const entry = { opts, reports: [] };
        record.progress.push(entry);
        return task({ report: (p) => entry.reports.push(p) }, new CancellationTokenSource().token);
      },
    }),
    workspace: namespace("workspace", {
      workspaceFolders: workspaceFolder ? [{ uri: Uri.file(workspaceFolder), name: "ws", index: 0 }] : undefined,
      name: "ws",
      textDocuments: documents,
      notebookDocuments: [],
      getConfiguration,
      onDidChangeConfiguration: configChanged.event,
      onDidOpenTextDocument: new EventEmitter().event,
      onDidCloseTextDocument: new EventEmitter().event,
      onDidChangeTextDocument: new EventEmitter().event,
      onDidSaveTextDocument: new EventEmitter().event,
      onWillSaveTextDocument: new EventEmitter().event,
      onDidChangeWorkspaceFolders: new EventEmitter().event,
      getWorkspaceFolder: () => undefined,
      registerTextDocumentContentProvider(scheme, provider) {
        record.contentProviders.set(scheme, provider);
        return new Disposable(() => record.contentProviders.delete(scheme));
      },
      createFileSystemWatcher: (glob) => ({ glob, onDidCreate: new EventEmitter().event, onDidChange: new EventEmitter().event, onDidDelete: new EventEmitter().event, dispose() {} }),
    }),
    languages: namespace("languages", {
      createDiagnosticCollection,
      onDidChangeDiagnostics: diagnosticsChanged.event,
      // Providers the language client registers, kept so tests can call them like VS Code does.
      registerHoverProvider: (selector, provider) => register("hover", selector, provider),
      registerInlayHintsProvider: (selector, provider) => register("inlayHints", selector, provider),
      registerDocumentSemanticTokensProvider: (selector, provider, legend) => register("semanticTokens", selector, provider, legend),
      getDiagnostics() {
        const out = [];
        for (const c of record.collections) for (const [u, d] of c.entries.values()) out.push([u, d]);
        return out;
      },
      // VS Code's document filter matching: a language id, or filters whose given fields all match.
      match(selector, doc) {
        const filters = Array.isArray(selector) ? selector : [selector];
        const ok = (f) => {
          if (typeof f === "string") return f === doc.languageId;
          if (f.language && f.language !== doc.languageId) return false;
          if (f.scheme && f.scheme !== doc.uri.scheme) return false;
          if (f.pattern && !globToRegExp(typeof f.pattern === "string" ? f.pattern : f.pattern.pattern).test(doc.uri.fsPath)) return false;
          return Boolean(f.language || f.scheme || f.pattern);
        };
        return filters.some(ok) ? 10 : 0;
      },
    }),
  };
  return { vscode: namespace("vscode", vscode), record, fireConfigChange: (keys) => configChanged.fire({ affectsConfiguration: (k) => keys.includes(k) }) };
}

function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") { re += ".*"; i++; if (glob[i + 1] === "/") i++; }
    else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

module.exports = { createVscodeMock, globToRegExp, TextDocument, Uri, Position, CancellationTokenSource };
