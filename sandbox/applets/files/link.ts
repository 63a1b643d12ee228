/**
 * `ln [-sfnbtvT] TARGET... LINK|DIR`: hard links by default, symbolic links with -s (the target
 * text is stored as given).
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { isFsError, runApplet, strerror, warn } from "../common/errors.ts";

const USAGE = "ln [-sfnbtvT] [-S SUF] TARGET... LINK|DIR";

export const ln = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("ln", ctx.argv.slice(1), {
    flags: "sfnbvT",
    values: "S",
    long: { symbolic: "s", force: "f", "no-dereference": "n", verbose: "v" },
    usage: USAGE,
  });
  const f = parsed.flags;
  const operands = parsed.operands;
  if (operands.length === 0) usageError("ln", "missing operand", USAGE);
  if (operands.length === 1) operands.push(".");
  const dest = operands[operands.length - 1];
  const destPath = resolvePath(ctx.cwd, dest);
  let destIsDir = false;
  try {
    destIsDir = !f.T && (await ctx.fs.stat(destPath, { follow: !f.n })).kind === "dir";
  } catch {
    destIsDir = false;
  }
  const targets = operands.slice(0, -1);
  if (targets.length > 1 && !destIsDir) {
    await warn(ctx, `${dest}: Not a directory`);
    return 1;
  }
  let status = 0;
  for (const target of targets) {
    const base = target.replace(/\/+$/, "").split("/").pop()!;
    const linkName = destIsDir ? `${dest.replace(/\/+$/, "")}/${base}` : dest;
    const linkPath = resolvePath(ctx.cwd, linkName);
    try {
      if (f.f) {
        try {
          await ctx.fs.remove(linkPath);
        } catch (error) {
          if (!isFsError(error, "ENOENT")) throw error;
        }
      }
      if (f.s) await ctx.fs.symlink(target, linkPath);
      else await ctx.fs.link(resolvePath(ctx.cwd, target), linkPath);
      if (f.v) await ctx.stdout.write(`'${linkName}' -> '${target}'\n`);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await warn(
        ctx,
        `${isFsError(error, "ENOENT") && !f.s ? target : linkName}: ${strerror(error)}`,
      );
      status = 1;
    }
  }
  return status;
});
