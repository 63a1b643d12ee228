/**
 * `touch [-cam] [-d DATE] [-t DATE] [-r FILE] FILE...`: creates empty files and sets times.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, usageError } from "../common/args.ts";
import { die, isFsError, runApplet, strerror, warn } from "../common/errors.ts";
import { zoneFromTZ } from "../common/time.ts";
import { parseDate } from "../core/date.ts";

/** `-t [[CC]YY]MMDDhhmm[.ss]` in the local zone. */
function parseStamp(text: string, tz: string | undefined): number | undefined {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const now = new Date();
  let year = m[1] === undefined ? now.getUTCFullYear() : Number(m[1]);
  if (m[1]?.length === 2) year += year < 69 ? 2000 : 1900;
  const local = Date.UTC(
    year,
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  return local - zoneFromTZ(tz).offsetAt(local) * 1000;
}

export const touch = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("touch", ctx.argv.slice(1), {
    flags: "camfh",
    values: "dtr",
    long: { "no-create": "c", "date=": "d", "reference=": "r" },
    usage: "touch [-cam] [-d DATE] [-t DATE] [-r FILE] FILE...",
  });
  if (parsed.operands.length === 0) {
    usageError("touch", "missing operand", "touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...");
  }
  let atime = Date.now();
  let mtime = atime;
  const dateText = lastValue(parsed, "d");
  if (dateText !== undefined) {
    const ms = parseDate(dateText, zoneFromTZ(ctx.env.TZ), Date.now());
    if (ms === undefined) die(`invalid date '${dateText}'`);
    atime = mtime = ms;
  }
  const stamp = lastValue(parsed, "t");
  if (stamp !== undefined) {
    const ms = parseStamp(stamp, ctx.env.TZ);
    if (ms === undefined) die(`invalid date '${stamp}'`);
    atime = mtime = ms;
  }
  const reference = lastValue(parsed, "r");
  if (reference !== undefined) {
    try {
      const stat = await ctx.fs.stat(resolvePath(ctx.cwd, reference));
      atime = stat.atimeMs;
      mtime = stat.mtimeMs;
    } catch (error) {
      die(`${reference}: ${strerror(error)}`);
    }
  }
  let status = 0;
  for (const name of parsed.operands) {
    const path = resolvePath(ctx.cwd, name);
    try {
      let current;
      try {
        current = await ctx.fs.stat(path);
      } catch (error) {
        if (!isFsError(error, "ENOENT")) throw error;
        if (parsed.flags.c) continue;
        await ctx.fs.writeFile(path, new Uint8Array(), { mode: 0o666 & ~ctx.umask });
        current = await ctx.fs.stat(path);
      }
      const onlyA = parsed.flags.a && !parsed.flags.m;
      const onlyM = parsed.flags.m && !parsed.flags.a;
      await ctx.fs.utimes(path, onlyM ? current.atimeMs : atime, onlyA ? current.mtimeMs : mtime);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
    }
  }
  return status;
});
