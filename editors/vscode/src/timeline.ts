// "dateline: Show timeline": asks the server for the timeline
// (`workspace/executeCommand` `dateline.timeline`) and shows it as Markdown in
// a read-only virtual document opened in the Markdown preview.

import * as vscode from "vscode";

/** The URI scheme of the virtual timeline document. */
export const TIMELINE_SCHEME = "dateline-timeline";
/** The URI of the virtual timeline document. */
export const TIMELINE_URI = vscode.Uri.from({ scheme: TIMELINE_SCHEME, path: "/timeline.md" });

/** Serves the last timeline as a read-only Markdown document. */
export class TimelineDocument implements vscode.TextDocumentContentProvider {
  private markdown = "# Timeline\n\n_Not loaded yet._\n";
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(): string {
    return this.markdown;
  }

  /** Replaces the content and tells open editors/previews to refresh. */
  update(markdown: string): void {
    this.markdown = markdown;
    this.changed.fire(TIMELINE_URI);
  }
}

/** Turns what the server returned for `dateline.timeline` into Markdown. */
export function timelineMarkdown(result: unknown): string {
  if (typeof result === "string") return result;
  if (result && typeof result === "object" && !Array.isArray(result)) {
    const o = result as Record<string, unknown>;
    if (typeof o.markdown === "string") return o.markdown;
    if (o.contents && typeof o.contents === "object" && typeof (o.contents as { value?: unknown }).value === "string") {
      return (o.contents as { value: string }).value;
    }
    if (Array.isArray(o.events)) return timelineMarkdown(o.events);
  }
  if (Array.isArray(result)) {
    if (result.length === 0) return "# Timeline\n\n_No dated events found._\n";
    const lines = result.map((e) => {
      if (typeof e === "string") return `- ${e}`;
      const ev = (e ?? {}) as Record<string, unknown>;
      const when = ev.date ?? ev.when ?? ev.value ?? "";
      const what = ev.label ?? ev.text ?? ev.title ?? ev.summary ?? "";
      const where = ev.doc ?? ev.uri ?? ev.file ?? "";
      return `- **${String(when)}** — ${String(what)}${where ? ` _(${String(where)})_` : ""}`;
    });
    return `# Timeline\n\n${lines.join("\n")}\n`;
  }
  if (result === null || result === undefined) return "# Timeline\n\n_The server returned no timeline._\n";
  return "# Timeline\n\n```json\n" + JSON.stringify(result, null, 2) + "\n```\n";
}
