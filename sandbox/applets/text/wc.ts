/**
 * `wc [-clwmL] [FILE]...`: counts bytes, lines, words and the longest line. Like busybox, the
 * columns are padded to 9 unless a single count of a single input is asked for.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { binary, latin1 } from "../common/bytes.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { forEachSource } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "wc [-cmlwL] [FILE]...";

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  longest: number;
}

export const wc = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("wc", ctx.argv.slice(1), {
    flags: "clwmL",
    long: { bytes: "c", chars: "m", lines: "l", words: "w", "max-line-length": "L" },
    usage: USAGE,
  });
  let f = parsed.flags;
  if (!f.c && !f.l && !f.w && !f.m && !f.L) f = { l: 1, w: 1, c: 1 };
  const order: (keyof Counts)[] = [];
  if (f.l) order.push("lines");
  if (f.w) order.push("words");
  if (f.m) order.push("chars");
  if (f.c) order.push("bytes");
  if (f.L) order.push("longest");
  const names = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  const pad = order.length > 1 || names.length > 1;
  const out = new BufferedWriter(ctx.stdout);
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
  let status = 0;
  const print = async (counts: Counts, label: string | undefined) => {
    const cells = order.map((key) => pad ? String(counts[key]).padStart(9) : String(counts[key]));
    await out.write(cells.join(" ") + (label !== undefined ? " " + binary(label) : "") + "\n");
  };
  await forEachSource(ctx, names, async (source, name) => {
    const counts: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
    let inWord = false;
    let column = 0;
    for (let chunk = await source.read(); chunk; chunk = await source.read()) {
      counts.bytes += chunk.length;
      const text = latin1(chunk);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // Debian's busybox has no Unicode support: -m counts bytes, -L counts printable ASCII.
        counts.chars++;
        if (c === 10) {
          counts.lines++;
          if (column > counts.longest) counts.longest = column;
          column = 0;
        } else if (c === 9) column = (column | 7) + 1;
        else if (c >= 32 && c < 127) column++;
        const space = c === 32 || (c >= 9 && c <= 13);
        if (space) inWord = false;
        else if (!inWord && c > 32 && c < 127) {
          inWord = true;
          counts.words++;
        }
      }
    }
    if (column > counts.longest) counts.longest = column;
    for (const key of order) {
      total[key] = key === "longest" ? Math.max(total[key], counts[key]) : total[key] + counts[key];
    }
    await print(counts, name === "-" ? undefined : name);
  }, async (name, error) => {
    await out.flush();
    await warn(ctx, `${name}: ${strerror(error)}`);
    status = 1;
  });
  if (names.length > 1) await print(total, "total");
  await out.flush();
  return status;
});
