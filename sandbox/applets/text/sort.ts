/**
 * `sort [-nrugMcszbdfiVks] [-o FILE] [-k KEY] [-t CHAR] [FILE]...`: reads every input, sorts
 * with a stable sort (so `-s` holds), and writes the result; `-o` may name an input file.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../common/errors.ts";
import { forEachSource, readAll } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { comparator, parseKey, type SortModes, type SortPlan } from "./sort_keys.ts";

const USAGE =
  "sort [-nrugMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...";

export const sort = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("sort", ctx.argv.slice(1), {
    flags: "nrugMcszbdfiVCm",
    values: "okt",
    long: {
      "numeric-sort": "n",
      reverse: "r",
      unique: "u",
      "general-numeric-sort": "g",
      "month-sort": "M",
      check: "c",
      stable: "s",
      "zero-terminated": "z",
      "ignore-leading-blanks": "b",
      "dictionary-order": "d",
      "ignore-case": "f",
      "ignore-nonprinting": "i",
      "version-sort": "V",
      "output=": "o",
      "key=": "k",
      "field-separator=": "t",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  const global: SortModes = {
    n: !!f.n,
    r: !!f.r,
    g: !!f.g,
    M: !!f.M,
    b: !!f.b,
    d: !!f.d,
    f: !!f.f,
    i: !!f.i,
    V: !!f.V,
  };
  const separatorText = parsed.values.t?.at(-1);
  if (separatorText !== undefined && binary(separatorText).length !== 1) die("bad -t parameter");
  const plan: SortPlan = {
    keys: (parsed.values.k ?? []).map(parseKey),
    global,
    separator: separatorText === undefined ? undefined : binary(separatorText),
    stable: !!f.s,
  };
  const delimiter = f.z ? "\0" : "\n";
  const lines: string[] = [];
  let status = 0;
  await forEachSource(ctx, parsed.operands, async (source) => {
    const text = await readAll(source);
    if (text === "") return;
    const parts = text.split(delimiter);
    if (parts[parts.length - 1] === "") parts.pop();
    for (const part of parts) lines.push(part);
  }, async (name, error) => {
    await warn(ctx, `${name}: ${strerror(error)}`);
    status = 2;
  });
  if (status !== 0) return status;
  if (f.c || f.C) {
    const compare = comparator(plan, !!f.u);
    for (let i = 1; i < lines.length; i++) {
      const c = compare(lines[i - 1], lines[i]);
      if (c > 0 || (f.u && c === 0)) {
        if (!f.C) {
          // busybox's wording, with its 0-based line index.
          await ctx.stderr.write(`Check line ${i}\n`);
        }
        return 1;
      }
    }
    return 0;
  }
  const plain = plan.keys.length === 0 &&
    !Object.entries(global).some(([mode, on]) => on && mode !== "r");
  if (plain) {
    // Binary strings compare by code unit, which is byte order: the engine's own sort is strcmp.
    lines.sort();
    if (global.r) lines.reverse();
  } else lines.sort(comparator(plan, false));
  let result = lines;
  if (f.u) {
    const same = comparator(plan, true);
    result = lines.filter((line, i) => i === 0 || same(lines[i - 1], line) !== 0);
  }
  const outputName = parsed.values.o?.at(-1);
  if (outputName !== undefined) {
    const data = result.length === 0 ? "" : result.join(delimiter) + delimiter;
    try {
      await ctx.fs.writeFile(resolvePath(ctx.cwd, outputName), unlatin1(data));
    } catch (error) {
      die(`can't open '${outputName}': ${strerror(error)}`);
    }
    return 0;
  }
  const out = new BufferedWriter(ctx.stdout);
  for (let i = 0; i < result.length; i++) {
    await out.write(result[i] + delimiter);
    if ((i & 4095) === 0) ctx.signal.throwIfAborted();
  }
  await out.flush();
  return 0;
});
