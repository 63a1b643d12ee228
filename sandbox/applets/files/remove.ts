/**
 * `rm [-irfR] FILE...` and `rmdir [-p] DIR...`, with busybox's messages ("can't remove 'x': …",
 * "'d' is a directory").
 *
 * @module
 */
import { FsError, type ProcessContext } from "../../types.ts";
import { dirname, resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { isFsError, runApplet, strerror, warn, warnErrno } from "../common/errors.ts";

export const rm = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("rm", ctx.argv.slice(1), {
    flags: "irfRv",
    long: { recursive: "r", force: "f", interactive: "i", verbose: "v" },
    usage: "rm [-irf] FILE...",
  });
  const f = parsed.flags;
  const recursive = !!(f.r || f.R);
  if (parsed.operands.length === 0 && !f.f) {
    usageError("rm", "missing operand", "rm [-irf] FILE...");
  }
  let status = 0;
  for (const name of parsed.operands) {
    const path = resolvePath(ctx.cwd, name);
    const base = name.replace(/\/+$/, "").split("/").pop();
    if (base === "." || base === "..") {
      await warn(ctx, `can't remove '.' or '..'`);
      status = 1;
      continue;
    }
    try {
      const stat = await ctx.fs.stat(path, { follow: false });
      if (stat.kind === "dir" && !recursive) {
        await warn(ctx, `'${name}' is a directory`);
        status = 1;
        continue;
      }
      await ctx.fs.remove(path, { recursive });
      if (f.v) await ctx.stdout.write(`removed '${name}'\n`);
    } catch (error) {
      if (f.f && isFsError(error, "ENOENT")) continue;
      await warnErrno(ctx, `can't remove '${name}'`, error);
      status = 1;
    }
  }
  return status;
});

export const rmdir = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("rmdir", ctx.argv.slice(1), {
    flags: "pv",
    long: { parents: "p", "ignore-fail-on-non-empty": "_i", verbose: "v" },
    usage: "rmdir [-p] DIRECTORY...",
  });
  if (parsed.operands.length === 0) {
    usageError("rmdir", "missing operand", "rmdir [-p] DIRECTORY...");
  }
  let status = 0;
  for (const name of parsed.operands) {
    let current = name.replace(/\/+$/, "") || name;
    for (;;) {
      const path = resolvePath(ctx.cwd, current);
      try {
        const stat = await ctx.fs.stat(path, { follow: false });
        if (stat.kind !== "dir") throw new FsError("ENOTDIR", path);
        await ctx.fs.remove(path);
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (!(parsed.flags._i && isFsError(error, "ENOTEMPTY"))) {
          await warn(ctx, `'${current}': ${strerror(error)}`);
          status = 1;
        }
        break;
      }
      if (!parsed.flags.p || !current.includes("/")) break;
      current = current.slice(0, current.lastIndexOf("/")).replace(/\/+$/, "");
      if (current === "" || dirname(path) === "/") break;
    }
  }
  return status;
});
