/**
 * `comm [-123] FILE1 FILE2`: lines only in FILE1, only in FILE2, and in both, for sorted inputs.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { die, runApplet, strerror } from "../common/errors.ts";
import { LineReader, openSource } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";

export const comm = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("comm", ctx.argv.slice(1), {
    flags: "123",
    usage: "comm [-123] FILE1 FILE2",
  });
  if (parsed.operands.length !== 2) {
    usageError("comm", "missing operand", "comm [-123] FILE1 FILE2");
  }
  const f = parsed.flags;
  const readers = [];
  for (const name of parsed.operands) {
    try {
      readers.push(new LineReader(await openSource(ctx, name)));
    } catch (error) {
      die(`${name}: ${strerror(error)}`);
    }
  }
  const [a, b] = readers;
  const out = new BufferedWriter(ctx.stdout);
  const column = async (n: 1 | 2 | 3, line: string) => {
    if (f[n]) return;
    let prefix = "";
    if (n >= 2 && !f[1]) prefix += "\t";
    if (n === 3 && !f[2]) prefix += "\t";
    await out.write(prefix + line + "\n");
  };
  let x = await a.next();
  let y = await b.next();
  while (x !== null || y !== null) {
    if (y === null || (x !== null && x < y)) {
      await column(1, x!);
      x = await a.next();
    } else if (x === null || y < x) {
      await column(2, y);
      y = await b.next();
    } else {
      await column(3, x);
      x = await a.next();
      y = await b.next();
    }
  }
  await out.flush();
  return 0;
});
