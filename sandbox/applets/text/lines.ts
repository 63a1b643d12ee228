/**
 * Line rearrangers: `nl`, `rev`, `tac`, `fold` and `paste`.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { lastValue, parseArgs, parseCount } from "../common/args.ts";
import { binary } from "../common/bytes.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import {
  type ByteSource,
  forEachSource,
  LineReader,
  openSource,
  readAll,
} from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";

async function eachLine(
  ctx: ProcessContext,
  operands: string[],
  onLine: (line: string, noNewline: boolean) => Promise<void>,
): Promise<number> {
  let status = 0;
  await forEachSource(ctx, operands, async (source) => {
    const lines = new LineReader(source);
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      await onLine(line, lines.noNewline);
    }
  }, async (name, error) => {
    await warn(ctx, `can't open '${name}': ${strerror(error)}`);
    status = 1;
  });
  return status;
}

export const nl = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("nl", ctx.argv.slice(1), {
    values: "bisvw",
    usage: "nl [OPTIONS] [FILE]...",
  });
  const style = lastValue(parsed, "b") ?? "t";
  const step = Number(lastValue(parsed, "i") ?? "1");
  const separator = binary(lastValue(parsed, "s") ?? "\t");
  let n = Number(lastValue(parsed, "v") ?? "1");
  const width = parseCount(lastValue(parsed, "w") ?? "6");
  const out = new BufferedWriter(ctx.stdout);
  const status = await eachLine(ctx, parsed.operands, async (line) => {
    const numbered = style === "a" || (style === "t" && line !== "");
    if (numbered) {
      await out.write(`${String(n).padStart(width)}${separator}${line}\n`);
      n += step;
    } else await out.write(" ".repeat(width + separator.length) + line + "\n");
  });
  await out.flush();
  return status;
});

export const rev = runApplet(async (ctx: ProcessContext) => {
  const out = new BufferedWriter(ctx.stdout);
  const status = await eachLine(ctx, ctx.argv.slice(1), async (line, noNewline) => {
    await out.write(line.split("").reverse().join("") + (noNewline ? "" : "\n"));
  });
  await out.flush();
  return status;
});

export const tac = runApplet(async (ctx: ProcessContext) => {
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  const all: string[] = [];
  await forEachSource(ctx, ctx.argv.slice(1), async (source) => {
    const text = await readAll(source);
    if (text === "") return;
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    all.push(...lines);
  }, async (name, error) => {
    await warn(ctx, `can't open '${name}': ${strerror(error)}`);
    status = 1;
  });
  for (let i = all.length - 1; i >= 0; i--) await out.write(all[i] + "\n");
  await out.flush();
  return status;
});

export const fold = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-w${a.slice(1)}` : a));
  const parsed = parseArgs("fold", args, {
    flags: "bs",
    values: "w",
    usage: "fold [-bs] [-w WIDTH] [FILE]...",
  });
  const width = parseCount(lastValue(parsed, "w") ?? "80");
  const out = new BufferedWriter(ctx.stdout);
  const status = await eachLine(ctx, parsed.operands, async (line, noNewline) => {
    let rest = line;
    let text = "";
    while (rest.length > width) {
      let cut = width;
      if (parsed.flags.s) {
        const space = rest.lastIndexOf(" ", width - 1);
        if (space >= 0) cut = space + 1;
      }
      text += rest.slice(0, cut) + "\n";
      rest = rest.slice(cut);
    }
    await out.write(text + rest + (noNewline ? "" : "\n"));
  });
  await out.flush();
  return status;
});

export const paste = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("paste", ctx.argv.slice(1), {
    flags: "s",
    values: "d",
    usage: "paste [-s] [-d LIST] [FILE]...",
  });
  const delimiters = binary(lastValue(parsed, "d") ?? "\t").replace(
    /\\(.)/g,
    (_, c) => (c === "n" ? "\n" : c === "t" ? "\t" : c === "0" ? "" : c),
  ) || "";
  const delim = (i: number) => (delimiters.length === 0 ? "" : delimiters[i % delimiters.length]);
  const names = parsed.operands.length ? parsed.operands : ["-"];
  const out = new BufferedWriter(ctx.stdout);
  const sources: (ByteSource | undefined)[] = [];
  const status = 0;
  for (const name of names) {
    try {
      sources.push(await openSource(ctx, name));
    } catch (error) {
      await warn(ctx, `${name}: ${strerror(error)}`);
      return 1;
    }
  }
  if (parsed.flags.s) {
    for (const source of sources) {
      const text = await readAll(source!);
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      await out.write(lines.map((l, i) => (i === 0 ? l : delim(i - 1) + l)).join("") + "\n");
    }
  } else {
    // Every "-" reads from the one stdin, taking lines in turn ("paste - - -").
    let stdinReader: LineReader | undefined;
    const readers = sources.map((s, i) =>
      names[i] === "-" ? (stdinReader ??= new LineReader(s!)) : new LineReader(s!)
    );
    for (;;) {
      const lines = [];
      let any = false;
      for (const reader of readers) {
        const line = await reader.next();
        if (line !== null) any = true;
        lines.push(line ?? "");
      }
      if (!any) break;
      await out.write(lines.map((l, i) => (i === 0 ? l : delim(i - 1) + l)).join("") + "\n");
    }
  }
  for (const s of sources) await s?.close();
  await out.flush();
  return status;
});
