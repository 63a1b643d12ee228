/**
 * `trap`: actions for EXIT, ERR and signals. A trapped signal only queues its condition; the
 * shell runs the action at the next statement boundary (or wakes a waiting `wait`), as POSIX
 * shells do between commands.
 *
 * @module
 */
import { ExitFlow } from "./control.ts";
import type { Shell } from "./shell.ts";

/** Installs or removes the handler that makes a trapped signal run its action. */
export function setTrap(sh: Shell, condition: string, action: string | undefined) {
  if (action === undefined) sh.traps.delete(condition);
  else sh.traps.set(condition, action);
  if (!sh.process || condition === "EXIT" || condition === "ERR") return;
  const signal = `SIG${condition}`;
  if (action === undefined) sh.process.dispositions.delete(signal);
  else if (action === "") sh.process.dispositions.set(signal, "ignore");
  else {
    sh.process.dispositions.set(signal, () => {
      // Signals do not queue: a second one before the action runs is the same condition.
      if (!sh.pendingTraps.includes(condition)) sh.pendingTraps.push(condition);
      for (const wake of sh.trapWaiters) wake();
    });
  }
}

export async function runPendingTraps(sh: Shell) {
  while (sh.pendingTraps.length > 0) await runTrap(sh, sh.pendingTraps.shift()!);
}

export async function runTrap(sh: Shell, condition: string) {
  const action = sh.traps.get(condition);
  if (!action) return;
  const saved = sh.status;
  if (condition === "ERR") sh.traps.delete("ERR");
  try {
    await sh.runSource(action);
  } finally {
    if (condition === "ERR") sh.traps.set("ERR", action);
  }
  sh.status = saved;
}

export async function runExitTrap(sh: Shell) {
  const action = sh.traps.get("EXIT");
  if (action === undefined) return;
  sh.traps.delete("EXIT");
  const saved = sh.status;
  try {
    await sh.runSource(action);
  } catch (flow) {
    if (!(flow instanceof ExitFlow)) throw flow;
    // `exit N` inside the EXIT trap sets the shell's final status.
    sh.status = flow.status;
    return;
  }
  sh.status = saved;
}
