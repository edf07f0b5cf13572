// The status bar item: indexing progress while the server reports `$/progress`,
// then the number of conflicts (dateline diagnostics of contradiction rules)
// in the workspace.

import * as vscode from "vscode";

import { CONFLICT_RULES, DIAGNOSTIC_SOURCE, ruleOf } from "./rules";

/** What the item shows: starting, indexing, ready (conflict counts), or stopped. */
export class Status implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private progress = new Map<string, { title: string; message?: string; percentage?: number }>();
  private state: "starting" | "running" | "stopped" | "error" = "starting";
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem("dateline.status", vscode.StatusBarAlignment.Left, 10);
    this.item.name = "dateline";
    this.item.command = "workbench.actions.view.problems";
    this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => this.render()));
    this.render();
    this.item.show();
  }

  /** Sets the server state and redraws. */
  setState(state: "starting" | "running" | "stopped" | "error"): void {
    this.state = state;
    if (state !== "running") this.progress.clear();
    this.render();
  }

  /** Records a `$/progress` report for `token` (begin/report/end). */
  onProgress(token: string | number, value: { kind: string; title?: string; message?: string; percentage?: number }): void {
    const key = String(token);
    if (value.kind === "end") {
      this.progress.delete(key);
    } else {
      const prev = this.progress.get(key);
      this.progress.set(key, {
        title: value.title ?? prev?.title ?? "indexing",
        message: value.message ?? prev?.message,
        percentage: value.percentage ?? prev?.percentage,
      });
    }
    this.render();
  }

  /** Counts dateline conflict diagnostics across the workspace, by rule. */
  static conflicts(): { total: number; byRule: Map<string, number>; files: number } {
    const byRule = new Map<string, number>();
    let total = 0;
    let files = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      let inFile = 0;
      for (const d of diagnostics) {
        const rule = ruleOf(d.code);
        if (d.source !== DIAGNOSTIC_SOURCE || !rule || !CONFLICT_RULES.has(rule)) continue;
        byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
        inFile++;
      }
      total += inFile;
      if (inFile > 0) files++;
    }
    return { total, byRule, files };
  }

  /** Redraws the item from the current state. */
  render(): void {
    const item = this.item;
    if (this.state === "starting") {
      item.text = "$(loading~spin) dateline";
      item.tooltip = "dateline: starting the language server";
      return;
    }
    if (this.state === "stopped" || this.state === "error") {
      item.text = this.state === "error" ? "$(error) dateline" : "$(circle-slash) dateline";
      item.tooltip = `dateline: server ${this.state === "error" ? "failed" : "stopped"} (run "dateline: Restart server")`;
      return;
    }
    const running = [...this.progress.values()];
    if (running.length > 0) {
      const p = running[0];
      const pct = typeof p.percentage === "number" ? ` ${Math.round(p.percentage)}%` : "";
      const msg = p.message ? ` ${p.message}` : "";
      item.text = `$(sync~spin) dateline: ${p.title}${pct}`;
      item.tooltip = `dateline: ${p.title}${pct}${msg}`;
      return;
    }
    const { total, byRule, files } = Status.conflicts();
    item.text = total === 0 ? "$(check) dateline" : `$(warning) dateline: ${total} conflict${total === 1 ? "" : "s"}`;
    const lines = [...byRule.entries()].sort().map(([rule, n]) => `${rule}: ${n}`);
    item.tooltip =
      total === 0
        ? "dateline: no conflicts found in the workspace"
        : `dateline: ${total} conflict${total === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}\n${lines.join("\n")}`;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
