// Which documents the server sees: plaintext and markdown files, narrowed by
// `dateline.include` (a document selector with glob patterns) and
// `dateline.exclude` (middleware that hides matching documents from the server).

import * as fs from "node:fs";
import * as path from "node:path";

import * as vscode from "vscode";
import type { DocumentSelector, Middleware } from "vscode-languageclient/node";

/** The languages dateline reads. */
export const LANGUAGES = ["plaintext", "markdown"] as const;

/** The document selector for the given include globs (empty = every file of those languages). */
export function documentSelector(include: readonly string[]): DocumentSelector {
  const globs = include.map((g) => g.trim()).filter(Boolean);
  const selector: DocumentSelector = [];
  for (const language of LANGUAGES) {
    if (globs.length === 0) {
      selector.push({ scheme: "file", language });
      selector.push({ scheme: "untitled", language });
    } else {
      for (const pattern of globs) selector.push({ scheme: "file", language, pattern });
    }
  }
  return selector;
}

/** True when `doc` matches one of the exclude globs. */
export function isExcluded(doc: vscode.TextDocument | undefined, exclude: readonly string[]): boolean {
  if (!doc) return false;
  const filters = exclude.map((g) => g.trim()).filter(Boolean).map((pattern) => ({ pattern }));
  return filters.length > 0 && vscode.languages.match(filters, doc) > 0;
}

/** True when no folder from the document's up to the root holds a `dateline.toml`. */
export function outsideArticleFolders(doc: vscode.TextDocument | undefined): boolean {
  if (!doc || doc.uri.scheme !== "file") return true;
  let dir = path.dirname(doc.uri.fsPath);
  for (;;) {
    if (fs.existsSync(path.join(dir, "dateline.toml"))) return false;
    const up = path.dirname(dir);
    if (up === dir) return true;
    dir = up;
  }
}

/** Middleware that keeps documents for which `skip` holds away from the server (no sync, no requests). */
export function exclusionMiddleware(skip: (doc: vscode.TextDocument | undefined) => boolean): Middleware {
  // Every provider middleware has the document first and `next` last.
  const guardProvider =
    (empty: unknown) =>
    (...args: unknown[]) => {
      const next = args[args.length - 1] as (...a: unknown[]) => unknown;
      const doc = args[0] as vscode.TextDocument;
      return skip(doc) ? empty : next(...args.slice(0, -1));
    };
  const guardSync = (...args: unknown[]) => {
    const next = args[args.length - 1] as (...a: unknown[]) => Promise<void>;
    const first = args[0] as { document?: vscode.TextDocument } & vscode.TextDocument;
    const doc = first && "document" in first && first.document ? first.document : first;
    return skip(doc) ? Promise.resolve() : next(...args.slice(0, -1));
  };
  return {
    didOpen: guardSync,
    didChange: guardSync,
    didSave: guardSync,
    didClose: guardSync,
    willSave: guardSync,
    provideHover: guardProvider(null),
    provideInlayHints: guardProvider([]),
    provideDocumentSemanticTokens: guardProvider(null),
    provideDocumentSemanticTokensEdits: guardProvider(null),
    provideDocumentRangeSemanticTokens: guardProvider(null),
    provideDocumentSymbols: guardProvider([]),
    provideFoldingRanges: guardProvider([]),
    provideDefinition: guardProvider(null),
    provideReferences: guardProvider([]),
    prepareRename: guardProvider(null),
    provideRenameEdits: guardProvider(null),
    provideCodeActions: guardProvider([]),
    provideCompletionItem: guardProvider([]),
    provideDocumentHighlights: guardProvider([]),
  } as Middleware;
}
