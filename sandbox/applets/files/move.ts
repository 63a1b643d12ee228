/**
 * `mv [-finTv] SOURCE... DEST`: renames within the filesystem; where rename refuses (another
 * mount: EXDEV), copies the tree and removes the source, as busybox does.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { isFsError, runApplet, warn, warnErrno } from "../common/errors.ts";
import { copyPath } from "./copy.ts";

const USAGE = "mv [-finTv] SOURCE DEST or: mv [-finv] SOURCE... DIRECTORY";

export const mv = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("mv", ctx.argv.slice(1), {
    flags: "finTvu",
    long: {
      force: "f",
      interactive: "i",
      "no-clobber": "n",
      "no-target-directory": "T",
      verbose: "v",
    },
    usage: USAGE,
  });
  const operands = parsed.operands;
  if (operands.length < 2) usageError("mv", "missing operand", USAGE);
  const dest = operands[operands.length - 1];
  const destPath = resolvePath(ctx.cwd, dest);
  let destIsDir = false;
  try {
    destIsDir = !parsed.flags.T && (await ctx.fs.stat(destPath)).kind === "dir";
  } catch {
    destIsDir = false;
  }
  const sources = operands.slice(0, -1);
  if (sources.length > 1 && !destIsDir) {
    // busybox stats DEST/SOURCE for each source and reports each failure.
    let exists = true;
    try {
      await ctx.fs.stat(destPath);
    } catch {
      exists = false;
    }
    for (const source of sources) {
      const base = source.replace(/\/+$/, "").split("/").pop()!;
      const why = exists ? "Path has non-directory component" : "No such file or directory";
      await warn(ctx, `can't stat '${dest.replace(/\/+$/, "")}/${base}': ${why}`);
    }
    return 1;
  }
  let status = 0;
  for (const source of sources) {
    const from = resolvePath(ctx.cwd, source);
    const base = source.replace(/\/+$/, "").split("/").pop()!;
    const to = destIsDir ? `${destPath === "/" ? "" : destPath}/${base}` : destPath;
    try {
      await ctx.fs.stat(from, { follow: false });
    } catch (error) {
      await warnErrno(ctx, `can't rename '${source}'`, error);
      status = 1;
      continue;
    }
    if (parsed.flags.n) {
      try {
        await ctx.fs.stat(to, { follow: false });
        continue;
      } catch {
        // The destination does not exist: go ahead.
      }
    }
    try {
      await ctx.fs.rename(from, to);
    } catch (error) {
      if (!isFsError(error, "EXDEV")) {
        await warnErrno(ctx, `can't rename '${source}'`, error);
        status = 1;
        continue;
      }
      const copied = await copyPath(ctx, from, to, source, {
        recursive: true,
        noDereference: true,
        preserve: true,
        noClobber: false,
        update: false,
        hardLink: false,
        symbolic: false,
        verbose: false,
      });
      if (!copied) {
        status = 1;
        continue;
      }
      await ctx.fs.remove(from, { recursive: true });
    }
    if (parsed.flags.v) await ctx.stdout.write(`'${source}' -> '${to}'\n`);
  }
  return status;
});
