/**
 * `timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS`: runs PROG and signals it when SECS pass.
 * Like busybox, a timed-out run exits with 128 + the signal's number (143 for TERM).
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";
import { signalName, signalNumber, statusForSignal } from "../common/signals.ts";
import { parseDuration } from "./sleep.ts";

const USAGE = "timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS";

export const timeout = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("timeout", ctx.argv.slice(1), {
    flags: "",
    values: "sk",
    stopAtOperand: true,
    usage: USAGE,
  });
  const [secondsText, ...command] = parsed.operands;
  if (secondsText === undefined || command.length === 0) {
    usageError("timeout", "missing operand", USAGE);
  }
  const seconds = parseDuration(secondsText);
  if (seconds === undefined) die(`invalid number '${secondsText}'`);
  const signalText = parsed.values.s?.at(-1) ?? "TERM";
  const number = signalNumber(signalText);
  if (number === undefined) die(`bad signal name '${signalText}'`);
  const killAfter = parsed.values.k ? parseDuration(parsed.values.k.at(-1)!) : undefined;

  const child = new AbortController();
  const onParentAbort = () => child.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onParentAbort, { once: true });
  let timedOut = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  timers.push(setTimeout(() => {
    timedOut = true;
    child.abort(signalName(number));
  }, seconds * 1000));
  if (killAfter !== undefined) {
    timers.push(setTimeout(() => child.abort("SIGKILL"), (seconds + killAfter) * 1000));
  }
  try {
    const status = await ctx.spawn(command, { signal: child.signal });
    return timedOut ? 128 + number : status;
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const status = timedOut ? statusForSignal(child.signal.reason) : undefined;
    if (status !== undefined) return status;
    throw error;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onParentAbort);
  }
});
