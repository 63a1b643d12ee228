/**
 * Command substitution `$( … )` and backquotes: the commands run in a subshell whose stdout is
 * collected; trailing newlines are removed, as POSIX says.
 *
 * @module
 */
import type { Stmt } from "./ast.ts";
import type { Shell } from "./shell.ts";

/** Runs `$( … )` in a subshell and returns its output without trailing newlines. */
export async function commandSubstitution(sh: Shell, stmts: Stmt[]): Promise<string> {
  const sub = sh.clone();
  const chunks: Uint8Array[] = [];
  sub.fds[1] = {
    output: {
      write: (data) => {
        chunks.push(typeof data === "string" ? new TextEncoder().encode(data) : data.slice());
        return Promise.resolve();
      },
    },
  };
  sh.substitutionStatus = await sub.runSubshell(stmts);
  const text = new TextDecoder().decode(concat(chunks));
  return text.replace(/\n+$/, "");
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
