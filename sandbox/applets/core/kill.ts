/**
 * `kill [-l] [-SIG | -s SIG | -n NUM] PID...`: delivers signals through the sandbox's process
 * table, with busybox's wording for a missing process.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { usageError } from "../common/args.ts";
import { runApplet, warn } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";
import { signalName, signalNumber, SIGNALS } from "../common/signals.ts";

const USAGE = "kill [-l] [-SIG] PID...";

async function listSignals(ctx: ProcessContext, names: string[]): Promise<number> {
  const out = new BufferedWriter(ctx.stdout);
  if (names.length === 0) {
    for (let i = 0; i < SIGNALS.length; i++) {
      await out.write(`${String(i + 1).padStart(2)}) ${SIGNALS[i]}\n`);
    }
  }
  let status = 0;
  for (const name of names) {
    const n = signalNumber(name);
    if (n === undefined) {
      await out.flush();
      await warn(ctx, `bad signal name '${name}'`);
      status = 1;
    } else if (/^\d+$/.test(name)) {
      const bare = n > 128 ? n - 128 : n;
      await out.write(`${bare >= 1 && bare <= SIGNALS.length ? SIGNALS[bare - 1] : bare}\n`);
    } else await out.write(`${n}\n`);
  }
  await out.flush();
  return status;
}

export const kill = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  let signal = 15;
  if (args[0] === "-l" || args[0] === "-L") return await listSignals(ctx, args.slice(1));
  if (args[0] === "-s" || args[0] === "-n") {
    const n = args[1] === undefined ? undefined : signalNumber(args[1]);
    if (n === undefined) usageError("kill", `bad signal name '${args[1] ?? ""}'`, USAGE);
    signal = n;
    args.splice(0, 2);
  } else if (args[0]?.startsWith("-") && args[0] !== "--" && args[0].length > 1) {
    const n = signalNumber(args[0].slice(1));
    if (n === undefined) usageError("kill", `bad signal name '${args[0].slice(1)}'`, USAGE);
    signal = n;
    args.shift();
  }
  if (args[0] === "--") args.shift();
  if (args.length === 0) usageError("kill", "missing operand", USAGE);
  let status = 0;
  for (const target of args) {
    if (!/^-?\d+$/.test(target)) {
      await warn(ctx, `bad pid '${target}'`);
      status = 1;
      continue;
    }
    const pid = Number(target);
    const delivered = signal === 0
      ? ctx.processes.list().some((p) => p.pid === pid)
      : ctx.processes.kill(pid, signalName(signal));
    if (!delivered) {
      await warn(ctx, `can't kill pid ${pid}: No such process`);
      status = 1;
    }
  }
  return status;
});
