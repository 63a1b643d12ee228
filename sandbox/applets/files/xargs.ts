/**
 * `xargs [-0rtx] [-n N] [-s N] [-I STR] [-E STR] [-a FILE] [PROG ARGS]`: builds command lines
 * from stdin (whitespace-separated with quotes and backslashes, or NUL-separated with -0, or
 * whole lines with -I) and runs them through the process layer. Exit statuses follow POSIX:
 * 123 when a command failed, 124 when one exited 255, 127 when it could not be found.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { lastValue, parseArgs, parseCount } from "../common/args.ts";
import { unbinary } from "../common/bytes.ts";
import { runApplet, warn } from "../common/errors.ts";
import { type ByteSource, openSource, readAll } from "../common/input.ts";

/** Splits xargs input into items: blanks separate, quotes and backslashes protect. */
export function splitItems(text: string): string[] {
  const items: string[] = [];
  let current = "";
  let has = false;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      else current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === "\\" && i + 1 < text.length) {
      current += text[++i];
      has = true;
    } else if (c === " " || c === "\t" || c === "\n") {
      if (has) items.push(current);
      current = "";
      has = false;
    } else {
      current += c;
      has = true;
    }
  }
  if (has) items.push(current);
  return items;
}

export const xargs = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("xargs", ctx.argv.slice(1), {
    flags: "0rtxp",
    values: "nsIEeaPLd",
    stopAtOperand: true,
    usage: "xargs [OPTIONS] [PROG ARGS]",
  });
  const f = parsed.flags;
  const command = parsed.operands.length ? parsed.operands : ["echo"];
  const replace = lastValue(parsed, "I");
  const perCall = parsed.values.n ? parseCount(lastValue(parsed, "n")!) : replace ? 1 : Infinity;
  const eof = lastValue(parsed, "E") ?? lastValue(parsed, "e");
  const file = lastValue(parsed, "a");
  let source: ByteSource = await openSource(ctx, file ?? "-");
  let text: string;
  try {
    text = await readAll(source);
  } finally {
    await source.close();
    source = undefined!;
  }
  let items: string[];
  if (f[0]) items = text.split("\0").filter((s, i, all) => s !== "" || i < all.length - 1);
  else if (replace !== undefined) {
    items = text.split("\n").map((l) => l.replace(/^[ \t]+/, "")).filter((l) => l !== "");
  } else if (lastValue(parsed, "d") !== undefined) {
    items = text.split(lastValue(parsed, "d")!.replace("\\n", "\n")).filter((s) => s !== "");
  } else items = splitItems(text);
  if (eof !== undefined) {
    const cut = items.indexOf(eof);
    if (cut >= 0) items = items.slice(0, cut);
  }
  items = items.map(unbinary);
  if (items.length === 0 && f.r) return 0;
  const batches: string[][] = [];
  if (items.length === 0) batches.push([]);
  for (let i = 0; i < items.length; i += perCall === Infinity ? items.length : perCall) {
    batches.push(items.slice(i, perCall === Infinity ? items.length : i + perCall));
  }
  let status = 0;
  for (const batch of batches) {
    const argv = replace !== undefined
      ? command.map((a) => a.replaceAll(replace, batch[0] ?? ""))
      : [...command, ...batch];
    if (f.t || f.p) await ctx.stderr.write(argv.join(" ") + "\n");
    let code: number;
    try {
      code = await ctx.spawn(argv, {
        stdin: { read: () => Promise.resolve(null), unread: () => {} },
      });
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await warn(
        ctx,
        `${argv[0]}: ${error instanceof Error ? error.message.replace(/^.*: /, "") : error}`,
      );
      return 127;
    }
    if (code === 127 || code === 126) return code;
    if (code === 255) {
      await warn(ctx, `${argv[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (code >= 128) return 125;
    if (code !== 0) status = 123;
  }
  return status;
});
