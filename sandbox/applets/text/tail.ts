/**
 * `tail [-fF] [-s SECONDS] [-n [+]N] [-c [+]N] [-qv] [FILE]...`. With `-f` it keeps polling the
 * file's size and prints what was appended until the process is signalled.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { latin1 } from "../common/bytes.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, LineReader, openSource } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { parseSized } from "../common/size.ts";
import { abortableDelay } from "../core/sleep.ts";

const USAGE = "tail [OPTIONS] [FILE]...";

async function tailLines(source: ByteSource, out: BufferedWriter, count: number, from: boolean) {
  const lines = new LineReader(source);
  if (from) {
    let n = 0;
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      if (++n >= count) await out.write(lines.noNewline ? line : line + "\n");
    }
    return;
  }
  const ring: string[] = [];
  for (let line = await lines.next(); line !== null; line = await lines.next()) {
    ring.push(lines.noNewline ? line : line + "\n");
    if (ring.length > count) ring.shift();
  }
  for (const line of ring) await out.write(line);
}

async function tailBytes(source: ByteSource, out: BufferedWriter, count: number, from: boolean) {
  let seen = 0;
  let held = "";
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    const text = latin1(chunk);
    if (from) {
      const skip = Math.max(0, count - 1 - seen);
      if (skip < text.length) await out.write(text.slice(skip));
      seen += text.length;
    } else {
      // Keep only the last `count` bytes seen so far.
      held = count === 0 ? "" : (held + text).slice(-count);
    }
  }
  if (!from) await out.write(held);
}

/** Prints whatever is appended to `path` past `offset`, until the signal aborts. */
async function follow(ctx: ProcessContext, path: string, offset: number, seconds: number) {
  let position = offset;
  while (true) {
    await abortableDelay(seconds * 1000, ctx.signal);
    let size: number;
    try {
      size = (await ctx.fs.stat(path)).size;
    } catch {
      continue; // the file may be recreated (-F); keep waiting
    }
    if (size < position) position = 0; // truncated: start over, as busybox does
    if (size === position) continue;
    const handle = await ctx.fs.open(path, { read: true });
    try {
      await handle.seek(position);
      for (
        let chunk = await handle.read(65536, ctx.signal);
        chunk;
        chunk = await handle.read(65536, ctx.signal)
      ) {
        await ctx.stdout.write(chunk);
        position += chunk.length;
      }
    } finally {
      await handle.close();
    }
  }
}

export const tail = runApplet(async (ctx: ProcessContext) => {
  // Old-style "-5"/"+5" mean "-n 5"/"-n +5", unless they are the value of a preceding -n or -c.
  const args = ctx.argv.slice(1).map((arg, i, all) =>
    /^[-+]\d+$/.test(arg) && !/^-[nc]$/.test(all[i - 1] ?? "")
      ? `-n${arg[0] === "+" ? "+" : ""}${arg.slice(1)}`
      : arg
  );
  const parsed = parseArgs("tail", args, {
    flags: "fFqv",
    values: "ncs",
    long: { "lines=": "n", "bytes=": "c", follow: "f", quiet: "q", silent: "q", verbose: "v" },
    usage: USAGE,
  });
  const byBytes = parsed.values.c !== undefined;
  const countText = (byBytes ? parsed.values.c : parsed.values.n)?.at(-1) ?? "10";
  const from = countText.startsWith("+");
  const count = parseSized(countText.replace(/^[-+]/, ""));
  const following = !!(parsed.flags.f || parsed.flags.F);
  const seconds = Number(parsed.values.s?.at(-1) ?? "1");
  const names = parsed.operands.length === 0 ? ["-"] : parsed.operands;
  const headers = parsed.flags.v ? true : parsed.flags.q ? false : names.length > 1;
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  let opened = 0;
  let first = true;
  for (const name of names) {
    let source: ByteSource;
    try {
      source = await openSource(ctx, name);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      await warn(ctx, `can't open '${name}': ${strerror(error)}`);
      status = 1;
      continue;
    }
    opened++;
    try {
      if (headers) {
        await out.write(`${first ? "" : "\n"}==> ${name === "-" ? "standard input" : name} <==\n`);
      }
      first = false;
      if (byBytes) await tailBytes(source, out, count, from);
      else await tailLines(source, out, count, from);
    } finally {
      await source.close();
    }
  }
  await out.flush();
  if (opened === 0 && names.length > 0 && names[0] !== "-") {
    await warn(ctx, "no files");
    return 1;
  }
  if (following) {
    // busybox follows the last file named; stdin cannot grow once it has ended.
    const last = names[names.length - 1];
    if (last !== "-") {
      const path = resolvePath(ctx.cwd, last);
      const size = (await ctx.fs.stat(path)).size;
      await follow(ctx, path, size, seconds);
    }
  }
  return status;
});
