/**
 * `sleep N[smhd]...` and `usleep N`: wait, but wake at once when the process is signalled, so
 * `docker stop` and `timeout` do not wait out the full duration.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { usageError } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Parses busybox sleep durations: "1.5", "2m", "1h 30m" (summed). */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]];
}

export const sleep = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) usageError("sleep", "missing operand", "sleep [N]...");
  let seconds = 0;
  for (const arg of args) {
    const value = parseDuration(arg);
    if (value === undefined) die(`invalid number '${arg}'`);
    seconds += value;
  }
  await abortableDelay(seconds * 1000, ctx.signal);
  return 0;
});

export const usleep = runApplet(async (ctx: ProcessContext) => {
  const arg = ctx.argv[1];
  if (arg === undefined) usageError("usleep", "missing operand", "usleep N");
  if (!/^\d+$/.test(arg)) die(`invalid number '${arg}'`);
  await abortableDelay(Number(arg) / 1000, ctx.signal);
  return 0;
});
