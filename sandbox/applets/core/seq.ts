/**
 * `seq [-w] [-s SEP] [FIRST [INC]] LAST`: numbers from FIRST to LAST. Busybox prints with the
 * largest number of decimals among the operands, so `seq 1.5 3` gives 1.5 and 2.5.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { binary } from "../common/bytes.ts";
import { AppletHelp, runApplet } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "seq [-w] [-s SEP] [FIRST [INC]] LAST";

export const seq = runApplet(async (ctx: ProcessContext) => {
  // Negative numbers are operands, not options: only -w and -s are options.
  const args = ctx.argv.slice(1);
  if (args[0] === "--help") throw new AppletHelp(USAGE);
  const optionArgs: string[] = [];
  while (args.length > 0 && /^-(w|s.*|ws.*)$/.test(args[0])) {
    const arg = args.shift()!;
    optionArgs.push(arg);
    if ((arg === "-s" || arg === "-ws") && args.length > 0) optionArgs.push(args.shift()!);
  }
  const parsed = parseArgs("seq", optionArgs, { flags: "w", values: "s", usage: USAGE });
  if (args.length < 1 || args.length > 3) usageError("seq", "missing operand", USAGE);
  const numbers = args.map((text) => {
    const n = Number(text);
    if (text.trim() === "" || Number.isNaN(n)) usageError("seq", `invalid number '${text}'`, USAGE);
    return n;
  });
  const decimals = Math.max(
    0,
    ...args.map((text) => (text.includes(".") ? text.length - text.indexOf(".") - 1 : 0)),
  );
  const [first, step, last] = numbers.length === 1
    ? [1, 1, numbers[0]]
    : numbers.length === 2
    ? [numbers[0], 1, numbers[1]]
    : numbers;
  const separator = binary(parsed.values.s?.at(-1) ?? "\n");
  const out = new BufferedWriter(ctx.stdout);
  const width = parsed.flags.w
    ? Math.max(first.toFixed(decimals).length, last.toFixed(decimals).length)
    : 0;
  if (step === 0) return 0;
  let count = 0;
  for (let i = 0;; i++) {
    const value = first + i * step;
    if (step > 0 ? value > last + 1e-9 : value < last - 1e-9) break;
    if (count++ > 0) await out.write(separator);
    let text = value.toFixed(decimals);
    if (width) {
      const negative = text.startsWith("-");
      text = (negative ? "-" : "") +
        text.slice(negative ? 1 : 0).padStart(width - (negative ? 1 : 0), "0");
    }
    await out.write(text);
    if ((i & 1023) === 0) ctx.signal.throwIfAborted();
  }
  if (count > 0) await out.write("\n");
  await out.flush();
  return 0;
});
