// The rule ids the server reports (the `code` of its diagnostics) and which of
// them count as "conflicts" in the status bar.

/** Every rule id the server knows, in the order the settings UI lists them. */
export const RULE_IDS = [
  "spelling-variant",
  "conflicting-figure",
  "decreasing-total",
  "conflicting-date",
  "contested-claim",
  "weekday-mismatch",
  "impossible-date",
  "future-in-past",
  "missing-publication-date",
] as const;

/**
 * Rules whose findings say that the reporting does not add up (inside one
 * article or across articles). Spelling variants and a missing publication
 * date are style/metadata problems, so they are not counted as conflicts.
 */
export const CONFLICT_RULES: ReadonlySet<string> = new Set([
  "conflicting-figure",
  "decreasing-total",
  "conflicting-date",
  "contested-claim",
  "weekday-mismatch",
  "impossible-date",
  "future-in-past",
]);

/** The `source` the server puts on its diagnostics. */
export const DIAGNOSTIC_SOURCE = "dateline";

/** The rule id of a diagnostic code (a string, or `{ value, target }`). */
export function ruleOf(code: unknown): string | undefined {
  if (typeof code === "string") return code;
  if (typeof code === "number") return String(code);
  if (code && typeof code === "object" && "value" in code) {
    const value = (code as { value: unknown }).value;
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  }
  return undefined;
}
