/**
 * `install [-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]... DEST`: copies files (mode
 * 0755 unless -m) or, with -d, creates directories; -D creates the destination's parents.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { dirname, resolvePath } from "../../path.ts";
import { lastValue, parseArgs, usageError } from "../common/args.ts";
import { die, runApplet, warnErrno } from "../common/errors.ts";
import { applyMode } from "../common/modes.ts";
import { NameDirectory } from "../common/users.ts";

const USAGE = "install [-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]... DEST";

export const install = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("install", ctx.argv.slice(1), {
    flags: "cdDspv",
    values: "ogmt",
    usage: USAGE,
  });
  const f = parsed.flags;
  const modeText = lastValue(parsed, "m");
  const mode = modeText === undefined ? 0o755 : applyMode(modeText, 0o755, false);
  if (mode === undefined) die(`invalid mode '${modeText}'`);
  const names = new NameDirectory(ctx.fs);
  const owner = lastValue(parsed, "o");
  const group = lastValue(parsed, "g");
  const uid = owner === undefined ? undefined : await names.uidOf(owner);
  const gid = group === undefined ? undefined : await names.gidOf(group);
  if (owner !== undefined && uid === undefined) die(`unknown user ${owner}`);
  if (group !== undefined && gid === undefined) die(`unknown group ${group}`);
  const finish = async (path: string) => {
    await ctx.fs.chmod(path, mode);
    if (uid !== undefined || gid !== undefined) {
      const stat = await ctx.fs.stat(path);
      await ctx.fs.chown(path, uid ?? stat.uid, gid ?? stat.gid);
    }
  };
  const mkdirs = async (path: string) => {
    const parts = path.split("/").filter(Boolean);
    let prefix = "";
    for (const part of parts) {
      prefix += "/" + part;
      try {
        if ((await ctx.fs.stat(prefix)).kind === "dir") continue;
      } catch {
        await ctx.fs.mkdir(prefix, { mode: 0o755 });
      }
    }
  };
  let status = 0;
  if (f.d) {
    for (const name of parsed.operands) {
      const path = resolvePath(ctx.cwd, name);
      try {
        await mkdirs(path);
        await finish(path);
      } catch (error) {
        await warnErrno(ctx, `can't create directory '${name}'`, error);
        status = 1;
      }
    }
    return status;
  }
  const targetDir = lastValue(parsed, "t");
  const operands = [...parsed.operands];
  const dest = targetDir ?? operands.pop();
  if (dest === undefined || operands.length === 0) usageError("install", "missing operand", USAGE);
  const destPath = resolvePath(ctx.cwd, dest);
  if (f.D) await mkdirs(targetDir ? destPath : dirname(destPath));
  let destIsDir = false;
  try {
    destIsDir = (await ctx.fs.stat(destPath)).kind === "dir";
  } catch {
    destIsDir = false;
  }
  for (const source of operands) {
    const to = destIsDir ? `${destPath}/${source.split("/").pop()}` : destPath;
    try {
      const data = await ctx.fs.readFile(resolvePath(ctx.cwd, source));
      try {
        await ctx.fs.remove(to);
      } catch {
        // Nothing to replace.
      }
      await ctx.fs.writeFile(to, data, { mode });
      await finish(to);
    } catch (error) {
      await warnErrno(ctx, `can't copy '${source}'`, error);
      status = 1;
    }
  }
  return status;
});
