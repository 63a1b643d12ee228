/**
 * Background jobs (`cmd &`): a subshell running as its own process, so it has a pid for `$!`,
 * `wait`, `kill` and `ps`, and can be signalled on its own.
 *
 * @module
 */
import type { KernelContext } from "../process/kernel.ts";
import type { Stmt } from "./ast.ts";
import { badFd } from "./fds.ts";
import { Shell } from "./shell.ts";

/** Starts `stmt` as a background job in a subshell process; `$!` is its pid. */
export function startBackground(sh: Shell, stmt: Stmt): number {
  const body = { ...stmt, Background: false };
  const entry = sh.ctx.kernel.start(
    {
      argv: [sh.arg0],
      env: sh.vars.environment(),
      cwd: sh.cwd,
      uid: sh.ctx.uid,
      gid: sh.ctx.gid,
      umask: sh.umask,
      stdin: sh.fds[0]?.input ?? badFd(0),
      stdout: sh.output(1),
      stderr: sh.output(2),
      ppid: sh.pid,
    },
    async (childCtx) => {
      const sub = new Shell(childCtx as KernelContext, sh);
      sub.signal = childCtx.signal;
      sub.process = (childCtx as KernelContext).process;
      // Without job control a background job's stdin is /dev/null (POSIX 2.9.3).
      if (!stmt.Redirs.some((r) => (r.N ? r.N.Value === "0" : r.Op.startsWith("<")))) {
        sub.fds[0] = { input: { read: () => Promise.resolve(null), unread: () => {} } };
      }
      return await sub.runSubshell([body]);
    },
  );
  sh.jobs.set(entry.pid, entry);
  sh.lastBackground = entry.pid;
  return 0;
}
