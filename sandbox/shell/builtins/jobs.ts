/**
 * Builtins for processes and signals: `wait`, `kill` (pids and %job ids) and `trap`.
 *
 * @module
 */
import { signalName, signalNames, signalNumber } from "../../process/signals.ts";
import type { Shell } from "../shell.ts";
import type { Builtin } from "./mod.ts";
import { quote } from "./variables.ts";
import { setTrap } from "../traps.ts";

/** Waits for a job, returning early (128 + n) when a trapped signal arrives, as POSIX says. */
async function waitFor(sh: Shell, exited: Promise<number>): Promise<number> {
  if (sh.pendingTraps.length > 0) return 128 + (signalNumber(sh.pendingTraps[0]) ?? 0);
  let wake!: () => void;
  const trapped = new Promise<string>((resolve) => {
    wake = () => resolve("trap");
    sh.trapWaiters.add(wake);
  });
  try {
    const result = await Promise.race([exited, trapped]);
    if (result === "trap") return 128 + (signalNumber(sh.pendingTraps[0] ?? "") ?? 0);
    return result as number;
  } finally {
    sh.trapWaiters.delete(wake);
  }
}

function jobPid(sh: Shell, spec: string): number | undefined {
  if (spec.startsWith("%")) {
    const jobs = [...sh.jobs.keys()];
    const n = spec === "%%" || spec === "%+" ? jobs.length : Number(spec.slice(1));
    return jobs[n - 1];
  }
  return /^[0-9]+$/.test(spec) ? Number(spec) : undefined;
}

/** ash reports a job that a signal killed, as strsignal names it ("Terminated", "Killed"). */
async function reportSignalled(sh: Shell, signal: AbortSignal) {
  if (!signal.aborted) return;
  const text: Record<string, string> = {
    SIGTERM: "Terminated",
    SIGKILL: "Killed",
    SIGHUP: "Hangup",
    SIGQUIT: "Quit",
    SIGABRT: "Aborted",
    SIGUSR1: "User defined signal 1",
    SIGUSR2: "User defined signal 2",
    SIGALRM: "Alarm clock",
  };
  const line = text[String(signal.reason)];
  if (line) await sh.output(2).write(line + "\n").catch(() => {});
}

const wait: Builtin = async (sh, argv) => {
  if (argv.length === 1) {
    for (const [pid, job] of sh.jobs) {
      const status = await waitFor(sh, job.exited);
      if (status > 128 && sh.pendingTraps.length > 0) return status;
      sh.jobs.delete(pid);
    }
    return 0;
  }
  let status = 0;
  for (const spec of argv.slice(1)) {
    const pid = jobPid(sh, spec);
    const job = pid === undefined ? undefined : sh.jobs.get(pid);
    if (!job) {
      status = 127;
      continue;
    }
    status = await waitFor(sh, job.exited);
    if (!(status > 128 && sh.pendingTraps.length > 0)) {
      sh.jobs.delete(pid!);
      await reportSignalled(sh, job.controller.signal);
    }
  }
  return status;
};

const kill: Builtin = async (sh, argv) => {
  let signal = "SIGTERM";
  let i = 1;
  if (argv[1] === "-l" || argv[1] === "-L") {
    if (argv[2] !== undefined) {
      const n = Number(argv[2]);
      const name = signalName(n > 128 ? n - 128 : n);
      await sh.output(1).write(`${name ? name.slice(3) : argv[2]}\n`);
      return name ? 0 : 1;
    }
    await sh.output(1).write(signalNames().join("\n") + "\n");
    return 0;
  }
  if (argv[1] === "-s" || argv[1] === "-n") {
    signal = argv[2] ?? "";
    i = 3;
  } else if (argv[1]?.startsWith("-") && argv[1] !== "--") {
    signal = argv[1].slice(1);
    i = 2;
  } else if (argv[1] === "--") i = 2;
  const number = signalNumber(signal);
  if (number === undefined) {
    await sh.error(`bad signal name '${signal}'`);
    return 1;
  }
  if (i >= argv.length) {
    await sh.error("kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ...");
    return 1;
  }
  let status = 0;
  for (const spec of argv.slice(i)) {
    const pid = jobPid(sh, spec);
    const name = number === 0 ? "0" : signalName(number)!;
    if (pid === undefined || !sh.ctx.processes.kill(pid, name)) {
      await sh.error(`can't kill pid ${spec}: No such process`);
      status = 1;
    }
  }
  return status;
};

/** Trap conditions are stored by name without SIG: "EXIT", "INT", "TERM", "ERR". */
function condition(spec: string): string | undefined {
  if (spec === "0" || spec.toUpperCase() === "EXIT") return "EXIT";
  if (spec.toUpperCase() === "ERR") return "ERR";
  return signalName(spec)?.slice(3);
}

const trap: Builtin = async (sh, argv) => {
  const args = argv[1] === "--" ? argv.slice(2) : argv.slice(1);
  if (args.length === 0 || args[0] === "-p") {
    const lines = [...sh.traps].map(([c, action]) => `trap -- ${quote(action)} ${c}\n`);
    await sh.output(1).write(lines.join(""));
    return 0;
  }
  // `trap N…` with a first argument that is a signal number resets those signals, as POSIX says.
  const resetAll = args.length === 1 || /^[0-9]+$/.test(args[0]);
  const action = resetAll ? undefined : args[0] === "-" ? undefined : args[0];
  let status = 0;
  for (const spec of resetAll ? args : args.slice(1)) {
    const c = condition(spec);
    if (!c || c === "KILL" || c === "STOP") {
      await sh.builtinMessage("trap", `${spec}: invalid signal specification`);
      status = 1;
      continue;
    }
    setTrap(sh, c, action);
  }
  return status;
};

export const JOB_BUILTINS: Record<string, Builtin> = { wait, kill, trap };
