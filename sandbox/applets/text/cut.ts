/**
 * `cut -b|-c|-f LIST [-d SEP] [-s] [-O SEP] [FILE]...` (and busybox's `-F` regex fields).
 * Ranges are 1-based and may overlap; output follows input order, as POSIX requires.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { binary } from "../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../common/errors.ts";
import { forEachSource, LineReader } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "cut [OPTIONS] [FILE]...";

interface Range {
  from: number;
  to: number;
}

function parseList(text: string): Range[] {
  const ranges: Range[] = [];
  for (const part of text.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === "" && m[3] === "")) die(`invalid byte or field list`);
    const from = m[1] === "" ? 1 : Number(m[1]);
    const to = m[2] === "" ? from : m[3] === "" ? Infinity : Number(m[3]);
    if (from === 0) die("invalid byte or field list");
    if (to < from) die("invalid byte or field list");
    ranges.push({ from, to });
  }
  return ranges;
}

const selected = (ranges: Range[], n: number) => ranges.some((r) => n >= r.from && n <= r.to);

export const cut = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("cut", ctx.argv.slice(1), {
    flags: "snD",
    values: "bcfdFO",
    long: { "output-delimiter=": "O", "only-delimited": "s", "delimiter=": "d", "fields=": "f" },
    usage: USAGE,
  });
  const listText = parsed.values.b?.at(-1) ?? parsed.values.c?.at(-1) ?? parsed.values.f?.at(-1) ??
    parsed.values.F?.at(-1);
  if (listText === undefined) die("expected a list of bytes, characters, or fields");
  const ranges = parseList(listText);
  const byFields = parsed.values.f !== undefined || parsed.values.F !== undefined;
  const regexFields = parsed.values.F !== undefined;
  const delimiter = binary(parsed.values.d?.at(-1) ?? (regexFields ? "[[:space:]]+" : "\t"));
  if (byFields && !regexFields && delimiter.length !== 1) {
    die("the delimiter must be a single character");
  }
  const outSep = binary(parsed.values.O?.at(-1) ?? (regexFields ? " " : delimiter));
  const splitter = regexFields
    ? new RegExp(delimiter === "[[:space:]]+" ? "[ \\t\\n\\v\\f\\r]+" : delimiter)
    : undefined;
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  await forEachSource(ctx, parsed.operands, async (source) => {
    const lines = new LineReader(source);
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      if (!byFields) {
        let text = "";
        for (let i = 0; i < line.length; i++) if (selected(ranges, i + 1)) text += line[i];
        await out.write(text + "\n");
        continue;
      }
      const fields = splitter ? line.split(splitter) : line.split(delimiter);
      if (fields.length === 1) {
        if (!parsed.flags.s) await out.write(line + "\n");
        continue;
      }
      const picked = fields.filter((_, i) => selected(ranges, i + 1));
      await out.write(picked.join(outSep) + "\n");
    }
  }, async (name, error) => {
    await out.flush();
    await warn(ctx, `can't open '${name}': ${strerror(error)}`);
    status = 1;
  });
  await out.flush();
  return status;
});
