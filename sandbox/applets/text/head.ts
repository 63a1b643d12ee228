/**
 * `head [-n [-]N] [-c [-]N] [-qv] [FILE]...`: a negative count prints all but the last N, which
 * needs a window of the last N lines or bytes held back.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { latin1 } from "../common/bytes.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, forEachSource, LineReader } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { parseSized } from "../common/size.ts";

const USAGE = "head [OPTIONS] [FILE]...";

async function headLines(source: ByteSource, out: BufferedWriter, count: number, allBut: boolean) {
  const lines = new LineReader(source);
  if (!allBut) {
    for (let i = 0; i < count; i++) {
      const line = await lines.next();
      if (line === null) break;
      await out.write(lines.noNewline ? line : line + "\n");
    }
    return;
  }
  const window: string[] = [];
  for (let line = await lines.next(); line !== null; line = await lines.next()) {
    window.push(lines.noNewline ? line : line + "\n");
    if (window.length > count) await out.write(window.shift()!);
  }
}

async function headBytes(source: ByteSource, out: BufferedWriter, count: number, allBut: boolean) {
  if (!allBut) {
    let left = count;
    while (left > 0) {
      const chunk = await source.read();
      if (!chunk) break;
      const piece = chunk.length > left ? chunk.subarray(0, left) : chunk;
      await out.bytes(piece);
      left -= piece.length;
    }
    return;
  }
  let held = "";
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    held += latin1(chunk);
    if (held.length > count) {
      await out.write(held.slice(0, held.length - count));
      held = held.slice(held.length - count);
    }
  }
}

export const head = runApplet(async (ctx: ProcessContext) => {
  // Old-style "-5" means "-n 5", unless it is the value of a preceding -n or -c.
  const args = ctx.argv.slice(1).map((arg, i, all) =>
    /^-\d+$/.test(arg) && !/^-[nc]$/.test(all[i - 1] ?? "") ? `-n${arg.slice(1)}` : arg
  );
  const parsed = parseArgs("head", args, {
    flags: "qv",
    values: "nc",
    long: { "lines=": "n", "bytes=": "c", quiet: "q", silent: "q", verbose: "v" },
    usage: USAGE,
  });
  let countText = parsed.values.n?.at(-1) ?? "10";
  const byBytes = parsed.values.c !== undefined;
  if (byBytes) countText = parsed.values.c!.at(-1)!;
  const allBut = countText.startsWith("-");
  const count = parseSized(countText.replace(/^[-+]/, ""));
  const names = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  const headers = parsed.flags.v ? true : parsed.flags.q ? false : names.length > 1;
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  let first = true;
  await forEachSource(ctx, names, async (source, name) => {
    if (headers) {
      await out.write(`${first ? "" : "\n"}==> ${name === "-" ? "standard input" : name} <==\n`);
    }
    first = false;
    if (byBytes) await headBytes(source, out, count, allBut);
    else await headLines(source, out, count, allBut);
  }, async (name, error) => {
    await out.flush();
    await warn(ctx, `${name}: ${strerror(error)}`);
    status = 1;
  });
  await out.flush();
  return status;
});
