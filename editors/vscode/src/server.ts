// Finding the `dateline` binary: the `dateline.server.path` setting, else a
// binary bundled next to the extension (`server/dateline`), else `dateline`
// on PATH.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where the server binary was found, and why that one. */
export interface ServerBinary {
  command: string;
  origin: "setting" | "bundled" | "path";
}

/** Raised when no binary can be found; `message` says what to do. */
export class ServerNotFoundError extends Error {}

const EXE = process.platform === "win32" ? "dateline.exe" : "dateline";

/** Resolves the server binary or throws `ServerNotFoundError` with advice. */
export function findServer(
  configuredPath: string | undefined,
  extensionRoot: string,
  env: NodeJS.ProcessEnv = process.env,
  workspaceRoot?: string,
): ServerBinary {
  const configured = (configuredPath ?? "").trim();
  if (configured) {
    const resolved = expandPath(configured, workspaceRoot);
    if (isExecutable(resolved)) return { command: resolved, origin: "setting" };
    throw new ServerNotFoundError(
      `dateline: the server binary set in "dateline.server.path" (${resolved}) does not exist or is not executable. ` +
        `Fix the setting, or clear it to use the bundled binary or \`dateline\` on PATH.`,
    );
  }
  const bundled = path.join(extensionRoot, "server", EXE);
  if (isExecutable(bundled)) return { command: bundled, origin: "bundled" };
  const onPath = searchPath(EXE, env);
  if (onPath) return { command: onPath, origin: "path" };
  throw new ServerNotFoundError(
    "dateline: the language server binary was not found. Build it with `cargo build --release` " +
      "(or `cargo install --path .`) in the dateline repository and either put `dateline` on your PATH " +
      'or set "dateline.server.path" to the binary (e.g. /path/to/dateline/target/release/dateline).',
  );
}

/** Expands a leading `~` and `${workspaceFolder}`, and resolves relative paths against the workspace. */
export function expandPath(p: string, workspaceRoot?: string): string {
  let out = p;
  if (out === "~" || out.startsWith("~/")) out = path.join(os.homedir(), out.slice(1));
  if (workspaceRoot) out = out.replace(/\$\{workspaceFolder\}/g, workspaceRoot);
  if (!path.isAbsolute(out) && workspaceRoot) out = path.join(workspaceRoot, out);
  return out;
}

/** The first executable `name` in the PATH of `env`. */
export function searchPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
