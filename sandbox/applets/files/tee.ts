/**
 * `tee [-ai] [FILE]...`: copies stdin to stdout and to each file, chunk by chunk, so a pipeline
 * sees output as it arrives.
 *
 * @module
 */
import type { FileHandle, ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { runApplet, warnErrno } from "../common/errors.ts";

export const tee = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("tee", ctx.argv.slice(1), {
    flags: "ai",
    long: { append: "a" },
    usage: "tee [-ai] [FILE]...",
  });
  let status = 0;
  const handles: FileHandle[] = [];
  for (const name of parsed.operands) {
    if (name === "-") continue;
    try {
      handles.push(
        await ctx.fs.open(resolvePath(ctx.cwd, name), {
          write: true,
          create: true,
          append: !!parsed.flags.a,
          truncate: !parsed.flags.a,
          mode: 0o666 & ~ctx.umask,
        }),
      );
    } catch (error) {
      await warnErrno(ctx, `can't open '${name}'`, error);
      status = 1;
    }
  }
  try {
    for (
      let chunk = await ctx.stdin.read(ctx.signal);
      chunk;
      chunk = await ctx.stdin.read(ctx.signal)
    ) {
      await ctx.stdout.write(chunk);
      for (const handle of handles) await handle.write(chunk);
    }
  } finally {
    for (const handle of handles) await handle.close();
  }
  return status;
});
