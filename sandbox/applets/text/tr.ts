/**
 * `tr [-cds] STRING1 [STRING2]`: byte translation with ranges, classes ([:alpha:]), repeats
 * ([c*n]) and escapes. A short STRING2 is padded with its last byte, as busybox does.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { binary, latin1 } from "../common/bytes.ts";
import { runApplet } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "tr [-cds] STRING1 [STRING2]";

function range(from: number, to: number): string {
  let out = "";
  for (let c = from; c <= to; c++) out += String.fromCharCode(c);
  return out;
}

const CLASSES: Record<string, string> = {
  alpha: range(65, 90) + range(97, 122),
  digit: range(48, 57),
  alnum: range(48, 57) + range(65, 90) + range(97, 122),
  upper: range(65, 90),
  lower: range(97, 122),
  space: "\t\n\v\f\r ",
  blank: "\t ",
  punct: range(33, 47) + range(58, 64) + range(91, 96) + range(123, 126),
  print: range(32, 126),
  graph: range(33, 126),
  cntrl: range(0, 31) + "\x7f",
  xdigit: range(48, 57) + range(65, 70) + range(97, 102),
};

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  f: "\f",
  v: "\v",
  a: "\x07",
  b: "\b",
  "\\": "\\",
};

/** Expands a tr set into its sequence of bytes (binary string). */
export function expandSet(text: string): string {
  const chars: string[] = [];
  // First pass: resolve escapes so ranges see real bytes.
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      const n = text[i + 1];
      if (/[0-7]/.test(n)) {
        let digits = "";
        let j = i + 1;
        while (digits.length < 3 && /[0-7]/.test(text[j] ?? "")) digits += text[j++];
        chars.push(String.fromCharCode(parseInt(digits, 8) & 0xff));
        i = j - 1;
      } else {
        chars.push(ESCAPES[n] ?? n);
        i++;
      }
      continue;
    }
    if (c === "[") {
      const cls = /^\[:([a-z]+):\]/.exec(text.slice(i));
      if (cls && CLASSES[cls[1]] !== undefined) {
        chars.push(...CLASSES[cls[1]]);
        i += cls[0].length - 1;
        continue;
      }
      const eq = /^\[=(.)=\]/.exec(text.slice(i));
      if (eq) {
        chars.push(eq[1]);
        i += eq[0].length - 1;
        continue;
      }
      const rep = /^\[(.)\*(\d*)\]/.exec(text.slice(i));
      if (rep) {
        const count = rep[2] === "" ? 0 : Number(rep[2]);
        // [c*] fills to the length of STRING1; callers resize with padding, so one copy stands in.
        chars.push(...rep[1].repeat(Math.max(1, count)));
        i += rep[0].length - 1;
        continue;
      }
    }
    if (c === "-" && chars.length > 0 && i + 1 < text.length) {
      let end = text[i + 1];
      let skip = 1;
      if (end === "\\" && i + 2 < text.length) {
        end = ESCAPES[text[i + 2]] ?? text[i + 2];
        skip = 2;
      }
      const start = chars[chars.length - 1].charCodeAt(0);
      const stop = end.charCodeAt(0);
      if (stop >= start) {
        chars.push(...range(start + 1, stop));
        i += skip;
        continue;
      }
    }
    chars.push(c);
  }
  return chars.join("");
}

export const tr = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("tr", ctx.argv.slice(1), { flags: "cdsCt", usage: USAGE });
  const f = parsed.flags;
  const complement = !!(f.c || f.C);
  const [s1, s2] = parsed.operands.map(binary);
  if (s1 === undefined) usageError("tr", "missing operand", USAGE);
  if (!f.d && !f.s && s2 === undefined) usageError("tr", "missing operand", USAGE);
  let set1 = expandSet(s1);
  if (complement) {
    const inSet = new Set(set1);
    set1 = range(0, 255).split("").filter((c) => !inSet.has(c)).join("");
  }
  const set2 = s2 === undefined ? "" : expandSet(s2);
  const table = new Array<string | null>(256);
  for (let c = 0; c < 256; c++) table[c] = String.fromCharCode(c);
  const translating = !f.d && s2 !== undefined;
  if (f.d) { for (const c of set1) table[c.charCodeAt(0)] = null; }
  else if (translating && set2.length > 0) {
    for (let i = 0; i < set1.length; i++) {
      table[set1.charCodeAt(i)] = set2[Math.min(i, set2.length - 1)];
    }
  }
  const squeezeSet = new Set(f.s ? (f.d || translating ? set2 : set1) : "");
  const out = new BufferedWriter(ctx.stdout);
  let last = "";
  for (
    let chunk = await ctx.stdin.read(ctx.signal);
    chunk;
    chunk = await ctx.stdin.read(ctx.signal)
  ) {
    const text = latin1(chunk);
    let result = "";
    for (let i = 0; i < text.length; i++) {
      const mapped = table[text.charCodeAt(i)];
      if (mapped === null) continue;
      if (mapped === last && squeezeSet.has(mapped)) continue;
      result += mapped;
      last = mapped;
    }
    await out.write(result);
  }
  await out.flush();
  return 0;
});
