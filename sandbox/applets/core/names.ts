/**
 * `basename NAME [SUFFIX]`, `dirname NAME` and `pwd`: string operations on paths, with POSIX's
 * rules for trailing slashes rather than the normalising helpers in sandbox/path.ts.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { usageError } from "../common/args.ts";
import { runApplet } from "../common/errors.ts";

/** POSIX basename(1): strips trailing slashes, then everything up to the last slash. */
export function posixBasename(name: string, suffix?: string): string {
  if (name === "") return "";
  const trimmed = name.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  let base = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

/** POSIX dirname(1) as glibc/busybox implement it ("//" stays "//"). */
export function posixDirname(name: string): string {
  if (name === "//") return "//";
  let path = name.replace(/(.)\/+$/, "$1");
  if (path === "/" || path === "") return path === "/" ? "/" : ".";
  const cut = path.lastIndexOf("/");
  if (cut < 0) return ".";
  path = path.slice(0, cut).replace(/(.)\/+$/, "$1");
  return path === "" ? "/" : path;
}

export const basename = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  if (args[0] === "--") args.shift();
  if (args.length < 1 || args.length > 2) {
    usageError("basename", "missing operand", "basename FILE [SUFFIX]");
  }
  await ctx.stdout.write(posixBasename(args[0], args[1]) + "\n");
  return 0;
});

export const dirname = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  if (args[0] === "--") args.shift();
  if (args.length !== 1) usageError("dirname", "missing operand", "dirname FILENAME");
  await ctx.stdout.write(posixDirname(args[0]) + "\n");
  return 0;
});

/** `pwd [-LP]`: the logical directory from $PWD when it names the cwd, else the real one. */
export async function pwd(ctx: ProcessContext): Promise<number> {
  const physical = ctx.argv.includes("-P");
  let dir = ctx.cwd;
  const logical = ctx.env.PWD;
  if (!physical && logical && logical.startsWith("/")) {
    try {
      const [a, b] = await Promise.all([ctx.fs.stat(logical), ctx.fs.stat(ctx.cwd)]);
      if (a.ino === b.ino) dir = logical;
    } catch {
      // $PWD is stale; the working directory itself is the truth.
    }
  } else if (physical) {
    dir = await ctx.fs.realpath(ctx.cwd);
  }
  await ctx.stdout.write(dir + "\n");
  return 0;
}
