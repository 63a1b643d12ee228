/**
 * `mkdir [-m MODE] [-p] DIRECTORY...` and `mkfifo [-m MODE] NAME...`. Modes start from 0777
 * (0666 for fifos) less the umask, as mkdir(2) and mkfifo(3) apply it.
 *
 * @module
 */
import { FsError, type ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, usageError } from "../common/args.ts";
import { die, isFsError, runApplet, warnErrno } from "../common/errors.ts";
import { applyMode } from "../common/modes.ts";

/** A parent on a `mkdir -p` path exists but is not a directory. */
class PathInTheWay extends Error {}

function modeFrom(text: string | undefined, base: number, umask: number, isDir: boolean): number {
  if (text === undefined) return base & ~umask;
  const mode = applyMode(text, base & ~umask, isDir);
  if (mode === undefined) die(`invalid mode '${text}'`);
  return mode;
}

export const mkdir = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("mkdir", ctx.argv.slice(1), {
    flags: "pv",
    values: "m",
    long: { parents: "p", "mode=": "m", verbose: "v" },
    usage: "mkdir [-m MODE] [-p] DIRECTORY...",
  });
  if (parsed.operands.length === 0) {
    usageError("mkdir", "missing operand", "mkdir [-m MODE] [-p] DIRECTORY...");
  }
  const mode = modeFrom(lastValue(parsed, "m"), 0o777, ctx.umask, true);
  let status = 0;
  for (const name of parsed.operands) {
    const path = resolvePath(ctx.cwd, name);
    try {
      if (parsed.flags.p) {
        try {
          if ((await ctx.fs.stat(path)).kind === "dir") continue;
        } catch (error) {
          if (!isFsError(error, "ENOENT") && !isFsError(error, "ENOTDIR")) throw error;
        }
        // Parents get the default mode; only the last directory gets -m.
        const parts = path.split("/").filter(Boolean);
        let prefix = "";
        for (let i = 0; i < parts.length; i++) {
          prefix += "/" + parts[i];
          try {
            await ctx.fs.mkdir(prefix, {
              mode: i === parts.length - 1 ? mode : 0o777 & ~ctx.umask,
            });
            if (parsed.flags.v) await ctx.stdout.write(`mkdir: created directory '${prefix}'\n`);
          } catch (error) {
            if (!isFsError(error, "EEXIST")) throw error;
            if ((await ctx.fs.stat(prefix)).kind !== "dir") {
              if (i === parts.length - 1) throw error;
              // busybox names the parent that is in the way, with its slash: 'file/'.
              const shown = name.startsWith("/")
                ? prefix
                : prefix.slice(ctx.cwd.replace(/\/$/, "").length + 1);
              throw new PathInTheWay(`${shown}/`);
            }
          }
        }
      } else {
        await ctx.fs.mkdir(path, { mode });
        if (parsed.flags.v) await ctx.stdout.write(`mkdir: created directory '${name}'\n`);
      }
      if (lastValue(parsed, "m") !== undefined) await ctx.fs.chmod(path, mode);
    } catch (error) {
      if (error instanceof PathInTheWay) {
        await warnErrno(
          ctx,
          `can't create directory '${error.message}'`,
          new FsError("ENOTDIR", error.message),
        );
        status = 1;
        continue;
      }
      await warnErrno(ctx, `can't create directory '${name}'`, error);
      status = 1;
    }
  }
  return status;
});

export const mkfifo = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("mkfifo", ctx.argv.slice(1), {
    values: "m",
    usage: "mkfifo [-m MODE] NAME...",
  });
  if (parsed.operands.length === 0) {
    usageError("mkfifo", "missing operand", "mkfifo [-m MODE] NAME...");
  }
  const mode = modeFrom(lastValue(parsed, "m"), 0o666, ctx.umask, false);
  let status = 0;
  for (const name of parsed.operands) {
    try {
      await ctx.fs.mkfifo(resolvePath(ctx.cwd, name), mode);
    } catch (error) {
      await warnErrno(ctx, `can't create fifo '${name}'`, error);
      status = 1;
    }
  }
  return status;
});
