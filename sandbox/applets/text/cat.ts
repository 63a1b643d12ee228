/**
 * `cat [-nbvteA] [FILE]...`: plain cat copies byte chunks untouched; the numbering and `-v`
 * family work line by line on binary strings.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, forEachSource, LineReader } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "cat [-nbvteA] [FILE]...";

/** `-v` rendering: control chars as ^X, DEL as ^?, high bytes as M-x. */
export function visible(line: string, tabs: boolean): string {
  let out = "";
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (c >= 128) {
      out += "M-";
      c -= 128;
    }
    if (c === 9 && !tabs) out += "\t";
    else if (c < 32) out += "^" + String.fromCharCode(c + 64);
    else if (c === 127) out += "^?";
    else out += String.fromCharCode(c);
  }
  return out;
}

export const cat = runApplet(async (ctx: ProcessContext) => {
  const { flags, operands } = parseArgs("cat", ctx.argv.slice(1), {
    flags: "nbvteAu",
    usage: USAGE,
  });
  const showAll = !!flags.A;
  const showVisible = showAll || !!flags.v || !!flags.t || !!flags.e;
  const tabs = showAll || !!flags.t;
  const ends = showAll || !!flags.e;
  const numberNonEmpty = !!flags.b;
  const number = numberNonEmpty || !!flags.n;
  let status = 0;
  let lineNo = 0;
  const out = new BufferedWriter(ctx.stdout);
  const copy = async (source: ByteSource) => {
    for (let chunk = await source.read(); chunk; chunk = await source.read()) {
      await ctx.stdout.write(chunk);
    }
  };
  const transform = async (source: ByteSource) => {
    const lines = new LineReader(source);
    for (let line = await lines.next(); line !== null; line = await lines.next()) {
      let text = showVisible ? visible(line, tabs) : line;
      if (number && (!numberNonEmpty || line !== "")) {
        text = `${String(++lineNo).padStart(6)}\t${text}`;
      }
      // Numbering always ends the line, as busybox's cat -n/-b (shared with nl) does.
      if (lines.noNewline && !number) await out.write(text);
      else await out.write(ends ? text + "$\n" : text + "\n");
    }
    await out.flush();
  };
  await forEachSource(ctx, operands, async (source) => {
    try {
      await (number || showVisible ? transform(source) : copy(source));
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      // A failing read (a pipe or device going away) is reported the way busybox words it.
      await warn(ctx, `read error: ${strerror(error)}`);
      status = 1;
    }
  }, async (name, error) => {
    // busybox opens directories fine and only fails reading them.
    if (strerror(error) === "Is a directory") await warn(ctx, `read error: Is a directory`);
    else await warn(ctx, `can't open '${name}': ${strerror(error)}`);
    status = 1;
  });
  return status;
});
