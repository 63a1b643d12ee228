/**
 * A terminal's foreground process group, as near as the sandbox tracks one: the process that
 * owns the terminal and every process descended from it. `^C` signals all of them.
 *
 * @module
 */
import type { ProcessTable } from "../../../sandbox/mod.ts";

/** `pid` and its descendants, parents before children. */
export function processGroup(table: ProcessTable, pid: number): number[] {
  const all = table.list();
  const group = [pid];
  for (let i = 0; i < group.length; i++) {
    for (const p of all) if (p.ppid === group[i] && !group.includes(p.pid)) group.push(p.pid);
  }
  return group;
}

/** Delivers `signal` to `pid`'s group; returns how many processes it reached. */
export function signalGroup(table: ProcessTable, pid: number, signal: string): number {
  let reached = 0;
  for (const member of processGroup(table, pid)) if (table.kill(member, signal)) reached++;
  return reached;
}
