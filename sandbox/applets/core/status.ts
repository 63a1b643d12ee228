/**
 * `true`, `false` and `yes`: the trivial programs. `yes` writes in large chunks so a pipe reader
 * gets throughput, and stops when its output is closed or the process is signalled.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { binary, unlatin1 } from "../common/bytes.ts";

export function trueApplet(_ctx: ProcessContext): Promise<number> {
  return Promise.resolve(0);
}

export function falseApplet(_ctx: ProcessContext): Promise<number> {
  return Promise.resolve(1);
}

export async function yes(ctx: ProcessContext): Promise<number> {
  const words = ctx.argv.slice(1);
  const line = binary(words.length === 0 ? "y" : words.join(" ")) + "\n";
  const chunk = unlatin1(line.repeat(Math.max(1, Math.floor(8192 / line.length))));
  while (true) {
    ctx.signal.throwIfAborted();
    await ctx.stdout.write(chunk);
  }
}
