/**
 * Pipelines: every part runs at once in its own subshell, joined by in-memory pipes with
 * backpressure. When a part ends, its pipe's writer closes (end of input downstream) and its
 * reader closes (upstream writers get EPIPE and die of SIGPIPE).
 *
 * @module
 */
import type { Stmt } from "./ast.ts";
import { createPipe, type Pipe } from "./pipe.ts";
import type { Shell } from "./shell.ts";

function parts(stmt: Stmt): Stmt[] {
  const cmd = stmt.Cmd;
  if (
    cmd?.type === "BinaryCmd" && (cmd.Op === "|" || cmd.Op === "|&") && !stmt.Negated &&
    stmt.Redirs.length === 0
  ) {
    const left = parts(cmd.X);
    if (cmd.Op === "|&") left[left.length - 1] = { ...left[left.length - 1], stderrToPipe: true };
    return [...left, ...parts(cmd.Y)];
  }
  return [stmt];
}

export async function runPipeline(sh: Shell, stmt: Stmt): Promise<number> {
  const stmts = parts({ ...stmt, Negated: false, Redirs: [] });
  const pipes: Pipe[] = [];
  for (let i = 0; i < stmts.length - 1; i++) pipes.push(createPipe());
  const runs = stmts.map(async (part, i) => {
    const sub = sh.clone();
    if (i > 0) sub.fds[0] = { input: pipes[i - 1].reader };
    if (i < stmts.length - 1) {
      sub.fds[1] = { output: pipes[i].writer };
      if (part.stderrToPipe) sub.fds[2] = sub.fds[1];
    }
    try {
      return await sub.runSubshell([part]);
    } finally {
      if (i < stmts.length - 1) pipes[i].writer.close();
      if (i > 0) pipes[i - 1].reader.close();
    }
  });
  const statuses = await Promise.all(runs);
  if (sh.options.has("pipefail")) {
    for (let i = statuses.length - 1; i >= 0; i--) if (statuses[i] !== 0) return statuses[i];
    return 0;
  }
  return statuses[statuses.length - 1];
}
