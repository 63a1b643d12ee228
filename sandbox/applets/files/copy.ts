/**
 * `cp [-arPLHpRfinlsTuv] SOURCE... DEST`: copies files and, with -r/-a, trees. Symlinks are
 * copied as links when recursive (or -P/-d), followed otherwise; -p/-a keep mode, owner and times.
 *
 * @module
 */
import type { ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { isFsError, runApplet, warn, warnErrno } from "../common/errors.ts";

const USAGE = "cp [-arPLHpRfinlsTuv] SOURCE... DEST";

export interface CopyOptions {
  recursive: boolean;
  /** Copy symlinks as symlinks (-P, -d, -a, and -r without -L). */
  noDereference: boolean;
  preserve: boolean;
  noClobber: boolean;
  update: boolean;
  hardLink: boolean;
  symbolic: boolean;
  verbose: boolean;
}

async function statOrUndefined(
  ctx: ProcessContext,
  path: string,
  follow = true,
): Promise<Stat | undefined> {
  try {
    return await ctx.fs.stat(path, { follow });
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}

/** Copies one source path to a destination path; returns false after reporting a failure. */
export async function copyPath(
  ctx: ProcessContext,
  from: string,
  to: string,
  label: string,
  o: CopyOptions,
  top = true,
  displayName?: string,
): Promise<boolean> {
  let stat: Stat;
  try {
    stat = await ctx.fs.stat(from, {
      follow: !(o.noDereference && !top) && !(o.noDereference && o.recursive),
    });
  } catch (error) {
    await warnErrno(ctx, `can't stat '${label}'`, error);
    return false;
  }
  const existing = await statOrUndefined(ctx, to);
  if (existing && existing.ino === stat.ino && stat.kind !== "symlink") {
    await warn(
      ctx,
      `'${label}' and '${to === resolvePath(ctx.cwd, label) ? label : label}' are the same file`,
    );
    return false;
  }
  if (stat.kind === "dir") {
    if (!o.recursive) {
      await warn(ctx, `omitting directory '${label}'`);
      return false;
    }
    if (to === from || to.startsWith(from + "/")) {
      await warn(ctx, `recursion detected, omitting directory '${label}'`);
      return false;
    }
    try {
      if (!existing) await ctx.fs.mkdir(to, { mode: stat.mode & ~(o.preserve ? 0 : ctx.umask) });
      else if (existing.kind !== "dir") {
        await warn(ctx, `can't create directory '${to}': File exists`);
        return false;
      }
    } catch (error) {
      await warnErrno(ctx, `can't create directory '${to}'`, error);
      return false;
    }
    let ok = true;
    for (const entry of await ctx.fs.readdir(from)) {
      ok = (await copyPath(
        ctx,
        `${from}/${entry.name}`,
        `${to}/${entry.name}`,
        `${label}/${entry.name}`,
        o,
        false,
      )) && ok;
    }
    if (o.preserve) await keepAttributes(ctx, to, stat);
    return ok;
  }
  if (existing && o.noClobber) return true;
  if (existing && o.update && existing.mtimeMs >= stat.mtimeMs) return true;
  try {
    if (
      existing && (existing.kind !== "file" || o.hardLink || o.symbolic || stat.kind === "symlink")
    ) {
      await ctx.fs.remove(to);
    }
    if (o.symbolic) await ctx.fs.symlink(from, to);
    else if (o.hardLink) await ctx.fs.link(from, to);
    else if (stat.kind === "symlink") await ctx.fs.symlink(await ctx.fs.readlink(from), to);
    else if (stat.kind === "fifo") await ctx.fs.mkfifo(to, stat.mode);
    else {
      const data = await ctx.fs.readFile(from);
      await ctx.fs.writeFile(to, data, { mode: stat.mode & ~ctx.umask });
      if (!existing) {
        await ctx.fs.chmod(to, o.preserve ? stat.mode : stat.mode & ~ctx.umask & 0o777);
      }
    }
  } catch (error) {
    await warnErrno(
      ctx,
      `can't create '${displayName ?? to}'`,
      error,
    );
    return false;
  }
  if (o.preserve && stat.kind !== "symlink") await keepAttributes(ctx, to, stat);
  if (o.verbose) await ctx.stdout.write(`'${label}' -> '${to}'\n`);
  return true;
}

async function keepAttributes(ctx: ProcessContext, path: string, stat: Stat) {
  await ctx.fs.chmod(path, stat.mode);
  await ctx.fs.chown(path, stat.uid, stat.gid);
  await ctx.fs.utimes(path, stat.atimeMs, stat.mtimeMs);
}

export const cp = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("cp", ctx.argv.slice(1), {
    flags: "arPLHpRfinlsTuvd",
    long: {
      archive: "a",
      recursive: "R",
      force: "f",
      "no-clobber": "n",
      link: "l",
      "symbolic-link": "s",
      update: "u",
      verbose: "v",
      "no-target-directory": "T",
      "no-dereference": "P",
      dereference: "L",
      preserve: "p",
      interactive: "i",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  const recursive = !!(f.a || f.r || f.R);
  const o: CopyOptions = {
    recursive,
    noDereference: !!(f.a || f.P || f.d || (recursive && !f.L)),
    preserve: !!(f.a || f.p),
    noClobber: !!f.n,
    update: !!f.u,
    hardLink: !!f.l,
    symbolic: !!f.s,
    verbose: !!f.v,
  };
  const operands = parsed.operands;
  if (operands.length < 2) usageError("cp", "missing operand", USAGE);
  const dest = operands[operands.length - 1];
  const destPath = resolvePath(ctx.cwd, dest);
  const destStat = await statOrUndefined(ctx, destPath);
  const sources = operands.slice(0, -1);
  // With several sources busybox treats DEST as a directory and lets each copy fail.
  const intoDir = !f.T && (destStat?.kind === "dir" || sources.length > 1);
  let status = 0;
  for (const source of sources) {
    const from = resolvePath(ctx.cwd, source);
    const base = source.replace(/\/+$/, "").split("/").pop()!;
    const to = intoDir ? `${destPath === "/" ? "" : destPath}/${base}` : destPath;
    const shown = intoDir ? `${dest.replace(/\/+$/, "")}/${base}` : dest;
    if (!(await copyPath(ctx, from, to, source, o, true, shown))) status = 1;
  }
  return status;
});
