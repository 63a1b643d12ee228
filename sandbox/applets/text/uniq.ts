/**
 * `uniq [-cduiz] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]`: collapses adjacent equal lines, compared
 * after skipping fields and chars and within the first N chars.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, parseCount } from "../common/args.ts";
import { unlatin1 } from "../common/bytes.ts";
import { die, runApplet, strerror } from "../common/errors.ts";
import { LineReader, openSource } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "uniq [-cduiz] [-f,s,w N] [FILE [OUTFILE]]";

export const uniq = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("uniq", ctx.argv.slice(1), {
    flags: "cduiz",
    values: "fsw",
    long: {
      count: "c",
      repeated: "d",
      unique: "u",
      "ignore-case": "i",
      "zero-terminated": "z",
      "skip-fields=": "f",
      "skip-chars=": "s",
      "check-chars=": "w",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  const skipFields = parseCount(parsed.values.f?.at(-1) ?? "0");
  const skipChars = parseCount(parsed.values.s?.at(-1) ?? "0");
  const width = parsed.values.w ? parseCount(parsed.values.w.at(-1)!) : Infinity;
  const [input = "-", output] = parsed.operands;
  if (parsed.operands.length > 2) die(`extra operand '${parsed.operands[2]}'`);
  const delimiter = f.z ? "\0" : "\n";
  let source;
  try {
    source = await openSource(ctx, input);
  } catch (error) {
    die(`${input}: ${strerror(error)}`);
  }
  const chunks: string[] = [];
  const out = output === undefined ? new BufferedWriter(ctx.stdout) : undefined;
  const emit = async (text: string) => {
    if (out) await out.write(text);
    else chunks.push(text);
  };
  const keyOf = (line: string) => {
    let rest = line;
    for (let i = 0; i < skipFields; i++) rest = rest.replace(/^[ \t]*[^ \t]*/, "");
    rest = rest.slice(skipChars);
    if (width !== Infinity) rest = rest.slice(0, width);
    return f.i ? rest.toLowerCase() : rest;
  };
  const lines = new LineReader(source, delimiter);
  let current: string | null = null;
  let currentKey = "";
  let count = 0;
  const flush = async () => {
    if (current === null) return;
    if ((f.d && count < 2) || (f.u && count > 1)) return;
    await emit((f.c ? `${String(count).padStart(7)} ` : "") + current + delimiter);
  };
  try {
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      const key = keyOf(line);
      if (current !== null && key === currentKey) {
        count++;
        continue;
      }
      await flush();
      current = line;
      currentKey = key;
      count = 1;
    }
    await flush();
  } finally {
    await source.close();
  }
  if (out) await out.flush();
  else {
    try {
      await ctx.fs.writeFile(resolvePath(ctx.cwd, output!), unlatin1(chunks.join("")));
    } catch (error) {
      die(`can't open '${output}': ${strerror(error)}`);
    }
  }
  return 0;
});
