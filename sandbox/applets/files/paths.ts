/**
 * `realpath FILE...` and `readlink [-fnv] FILE`: symlink resolution through the container
 * filesystem.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { basename, dirname, resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { isFsError, runApplet, strerror, warn } from "../common/errors.ts";

/** realpath -f semantics: the last component may be missing. */
async function canonical(
  ctx: ProcessContext,
  path: string,
  allowMissingLast: boolean,
): Promise<string> {
  try {
    return await ctx.fs.realpath(path);
  } catch (error) {
    if (!allowMissingLast || !isFsError(error, "ENOENT")) throw error;
    const parent = await ctx.fs.realpath(dirname(path));
    return `${parent === "/" ? "" : parent}/${basename(path)}`;
  }
}

export const realpath = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("realpath", ctx.argv.slice(1), {
    flags: "qesm",
    usage: "realpath FILE...",
  });
  if (parsed.operands.length === 0) usageError("realpath", "missing operand", "realpath FILE...");
  let status = 0;
  for (const name of parsed.operands) {
    try {
      await ctx.stdout.write(
        (await canonical(ctx, resolvePath(ctx.cwd, name), !!parsed.flags.m)) + "\n",
      );
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (!parsed.flags.q) await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
    }
  }
  return status;
});

export const readlink = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("readlink", ctx.argv.slice(1), {
    flags: "fenvsqm",
    usage: "readlink [-fnv] FILE",
  });
  if (parsed.operands.length === 0) {
    usageError("readlink", "missing operand", "readlink [-fnv] FILE");
  }
  const f = parsed.flags;
  let status = 0;
  for (const name of parsed.operands) {
    const path = resolvePath(ctx.cwd, name);
    try {
      const text = f.f || f.e || f.m
        ? await canonical(ctx, path, !!f.f || !!f.m)
        : await ctx.fs.readlink(path);
      await ctx.stdout.write(text + (f.n ? "" : "\n"));
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (f.v) await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
    }
  }
  return status;
});
