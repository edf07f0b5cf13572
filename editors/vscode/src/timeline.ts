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
    // Entries are { date, text, uri, range, type, value } in date order; group them by date.
    const out: string[] = ["# Timeline", ""];
    let current: string | undefined;
    for (const e of result) {
      if (typeof e === "string") {
        out.push(`- ${e}`);
        continue;
      }
      const ev = (e ?? {}) as Record<string, unknown>;
      const date = String(ev.date ?? ev.when ?? ev.value ?? "undated");
      if (date !== current) {
        if (current !== undefined) out.push("");
        out.push(`## ${date}`, "");
        current = date;
      }
      const what = String(ev.text ?? ev.label ?? ev.title ?? ev.summary ?? "");
      out.push(`- ${what ? `“${escapeMarkdown(what)}”` : "(event)"}${where(ev)}`);
    }
    return out.join("\n") + "\n";
  }
  if (result === null || result === undefined) return "# Timeline\n\n_The server returned no timeline._\n";
  return "# Timeline\n\n```json\n" + JSON.stringify(result, null, 2) + "\n```\n";
}

/** " — [file.txt:12](uri#L12)" for an entry with a uri (and range), else "". */
function where(ev: Record<string, unknown>): string {
  if (typeof ev.uri !== "string") return "";
  const uri = ev.uri;
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf("/") + 1));
  const range = ev.range as { start?: { line?: number } } | undefined;
  const line = typeof range?.start?.line === "number" ? range.start.line + 1 : undefined;
  const label = line ? `${name}:${line}` : name;
  return ` — [${escapeMarkdown(label)}](${uri}${line ? `#L${line}` : ""})`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
}
