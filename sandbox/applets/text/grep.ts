/**
 * `grep`/`egrep`/`fgrep` with busybox's flags: BRE by default, `-E` ERE, `-F` fixed strings,
 * context lines with "--" between groups, recursion with `-r`, and exit status 0 (selected), 1
 * (none) or 2 (error, unless -q found a match).
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, parseCount, usageError } from "../common/args.ts";
import { binary } from "../common/bytes.ts";
import { appletName, die, runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, LineReader, openSource, readOperand } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { compilePosix, RegexSyntaxError } from "../common/regex.ts";

const USAGE =
  "grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...";

const escapeJs = (text: string) => text.replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&");

interface Options {
  invert: boolean;
  count: boolean;
  listMatching: boolean;
  listMissing: boolean;
  quiet: boolean;
  onlyMatching: boolean;
  lineNumbers: boolean;
  names: boolean;
  max: number;
  after: number;
  before: number;
  delimiter: string;
}

/** Builds one RegExp matching any of the patterns, honouring -F, -E, -i, -w, -x. */
function buildMatcher(
  patterns: string[],
  fixed: boolean,
  extended: boolean,
  f: Record<string, number>,
) {
  const sources = patterns.map((p) => {
    if (fixed) return escapeJs(p);
    try {
      return compilePosix(p, extended).source;
    } catch (error) {
      if (error instanceof RegexSyntaxError) die(`bad regex '${p}'`, 2);
      throw error;
    }
  });
  let source = sources.map((s) => `(?:${s})`).join("|");
  if (f.x) source = `^(?:${source})$`;
  else if (f.w) source = `(?<![0-9A-Za-z_])(?:${source})(?![0-9A-Za-z_])`;
  return new RegExp(source, (f.i ? "i" : "") + "gs");
}

async function grepSource(
  source: ByteSource,
  label: string,
  matcher: RegExp,
  o: Options,
  out: BufferedWriter,
): Promise<number> {
  const lines = new LineReader(source, o.delimiter);
  const prefix = (n: number, sep: string) =>
    (o.names ? label + sep : "") + (o.lineNumbers ? `${n}${sep}` : "");
  let matches = 0;
  let lineNo = 0;
  let afterLeft = 0;
  let lastPrinted = 0;
  const before: [number, string][] = [];
  const printing = !o.count && !o.listMatching && !o.listMissing && !o.quiet;
  for (let line = await lines.next(); line !== null; line = await lines.next()) {
    lineNo++;
    matcher.lastIndex = 0;
    const selected = matcher.test(line) !== o.invert;
    if (!selected) {
      if (printing && afterLeft > 0) {
        await out.write(prefix(lineNo, "-") + line + o.delimiter);
        lastPrinted = lineNo;
        afterLeft--;
      } else if (printing && o.before > 0) {
        before.push([lineNo, line]);
        if (before.length > o.before) before.shift();
      }
      continue;
    }
    matches++;
    if (o.quiet || o.listMatching) break;
    if (printing) {
      if ((o.before > 0 || o.after > 0) && lastPrinted > 0) {
        const firstContext = before.length > 0 ? before[0][0] : lineNo;
        if (firstContext > lastPrinted + 1) await out.write("--\n");
      }
      for (const [n, text] of before) await out.write(prefix(n, "-") + text + o.delimiter);
      before.length = 0;
      if (o.onlyMatching && !o.invert) {
        matcher.lastIndex = 0;
        for (const m of line.matchAll(matcher)) {
          if (m[0] !== "") await out.write(prefix(lineNo, ":") + m[0] + o.delimiter);
        }
      } else if (!o.onlyMatching) await out.write(prefix(lineNo, ":") + line + o.delimiter);
      lastPrinted = lineNo;
      afterLeft = o.after;
    }
    if (matches >= o.max) {
      // busybox still prints the trailing context after the last allowed match.
      for (let n = 0; printing && n < afterLeft; n++) {
        const next = await lines.next();
        if (next === null) break;
        matcher.lastIndex = 0;
        if (matcher.test(next) !== o.invert) break;
        await out.write(prefix(lineNo + n + 1, "-") + next + o.delimiter);
      }
      break;
    }
  }
  if (o.count) await out.write((o.names ? label + ":" : "") + `${matches}\n`);
  if (o.listMatching && matches > 0) await out.write(label + "\n");
  if (o.listMissing && matches === 0) await out.write(label + "\n");
  return matches;
}

export const grep = runApplet(async (ctx: ProcessContext) => {
  const name = appletName(ctx);
  const parsed = parseArgs(name, ctx.argv.slice(1), {
    flags: "HhnlLoqvsrRiwxFEzcaIy",
    values: "mABCef",
    long: {
      "regexp=": "e",
      "file=": "f",
      "ignore-case": "i",
      "invert-match": "v",
      count: "c",
      "files-with-matches": "l",
      "files-without-match": "L",
      quiet: "q",
      silent: "q",
      "line-number": "n",
      "only-matching": "o",
      recursive: "r",
      "word-regexp": "w",
      "line-regexp": "x",
      "extended-regexp": "E",
      "fixed-strings": "F",
      "with-filename": "H",
      "no-filename": "h",
      "no-messages": "s",
      "max-count=": "m",
      "after-context=": "A",
      "before-context=": "B",
      "context=": "C",
      "null-data": "z",
      "color=": "_",
      "colour=": "_",
      "include=": "_i",
      "exclude=": "_x",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  if (f.y) f.i = 1;
  const operands = [...parsed.operands];
  let patterns: string[] = [];
  for (const e of parsed.values.e ?? []) patterns.push(...binary(e).split("\n"));
  for (const file of parsed.values.f ?? []) {
    let text: string;
    try {
      text = await readOperand(ctx, file);
    } catch (error) {
      die(`${file}: ${strerror(error)}`, 2);
    }
    const list = text.split("\n");
    if (list[list.length - 1] === "") list.pop();
    patterns.push(...list);
  }
  if (parsed.values.e === undefined && parsed.values.f === undefined) {
    const first = operands.shift();
    if (first === undefined) usageError(name, "missing pattern", USAGE);
    patterns = binary(first).split("\n");
  }
  const extended = name === "egrep" || !!f.E;
  const fixed = name === "fgrep" || !!f.F;
  const matcher = patterns.length === 0 ? /(?!)/g : buildMatcher(patterns, fixed, extended, f);
  const context = parsed.values.C ? parseCount(parsed.values.C.at(-1)!) : 0;
  const recursive = !!(f.r || f.R);
  if (recursive && operands.length === 0) operands.push(".");
  const o: Options = {
    invert: !!f.v,
    count: !!f.c,
    listMatching: !!f.l,
    listMissing: !!f.L,
    quiet: !!f.q,
    onlyMatching: !!f.o,
    lineNumbers: !!f.n,
    names: f.h ? false : f.H ? true : operands.length > 1 || recursive,
    max: parsed.values.m ? parseCount(parsed.values.m.at(-1)!) : Infinity,
    after: parsed.values.A ? parseCount(parsed.values.A.at(-1)!) : context,
    before: parsed.values.B ? parseCount(parsed.values.B.at(-1)!) : context,
    delimiter: f.z ? "\0" : "\n",
  };
  if (o.max === 0) return 1;
  const out = new BufferedWriter(ctx.stdout);
  let found = false;
  let error = false;
  const visit = async (operand: string, top: boolean): Promise<void> => {
    if (found && o.quiet) return;
    if (recursive && operand !== "-") {
      const path = resolvePath(ctx.cwd, operand);
      try {
        const stat = await ctx.fs.stat(path, { follow: top || !!f.R });
        if (stat.kind === "symlink") return;
        if (stat.kind === "dir") {
          for (const entry of await ctx.fs.readdir(path)) {
            await visit(
              operand.endsWith("/") ? operand + entry.name : `${operand}/${entry.name}`,
              false,
            );
          }
          return;
        }
      } catch (e) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (!f.s) {
          await out.flush();
          await warn(ctx, `${operand}: ${strerror(e)}`);
        }
        error = true;
        return;
      }
    }
    let source: ByteSource;
    try {
      source = await openSource(ctx, operand);
    } catch (e) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (strerror(e) === "Is a directory") return;
      if (!f.s) {
        await out.flush();
        await warn(ctx, `${operand}: ${strerror(e)}`);
      }
      error = true;
      return;
    }
    try {
      const label = operand === "-" ? "(standard input)" : binary(operand);
      if ((await grepSource(source, label, matcher, o, out)) > 0) found = true;
    } finally {
      await source.close();
    }
  };
  for (const operand of operands.length === 0 ? ["-"] : operands) await visit(operand, true);
  await out.flush();
  if (o.quiet && found) return 0;
  if (error) return 2;
  return found ? 0 : 1;
});
