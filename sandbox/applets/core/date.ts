/**
 * `date [-uR] [-I[SPEC]] [-d TIME] [-r FILE] [+FORMAT]`: prints the time in the zone from $TZ
 * (UTC when unset). Setting the clock (`-s`, MMDDhhmm operands) is refused: a sandbox does not
 * own the host's clock.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { die, runApplet, strerror } from "../common/errors.ts";
import { isoOffset, strftime, UTC, type Zone, zoneFromTZ } from "../common/time.ts";

const USAGE = "date [OPTIONS] [+FMT] [[MMDDhhmm[[CC]YY][.ss]]]";

/** Parses the time forms busybox's -d accepts; local times are read in `zone`. */
export function parseDate(text: string, zone: Zone, nowMs: number): number | undefined {
  const at = /^@(-?\d+)$/.exec(text.trim());
  if (at) return Number(at[1]) * 1000;
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text.trim(),
  );
  let local: number | undefined;
  if (full) {
    local = Date.UTC(
      Number(full[1]),
      Number(full[2]) - 1,
      Number(full[3]),
      Number(full[4] ?? 0),
      Number(full[5] ?? 0),
      Number(full[6] ?? 0),
    );
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (clock) {
    const today = new Date(nowMs + zone.offsetAt(nowMs) * 1000);
    local = Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate(),
      Number(clock[1]),
      Number(clock[2]),
      Number(clock[3] ?? 0),
    );
  }
  if (local === undefined) return undefined;
  return local - zone.offsetAt(local) * 1000;
}

export const date = runApplet(async (ctx: ProcessContext) => {
  // -I takes an optional attached value, which getopt cannot express: pull it out first.
  let iso: string | undefined;
  const args = ctx.argv.slice(1).filter((arg) => {
    const m = /^-I(date|hours|minutes|seconds|ns)?$/.exec(arg);
    if (m) iso = m[1] ?? "date";
    return !m;
  });
  const parsed = parseArgs("date", args, {
    flags: "uR",
    values: "dr",
    long: { utc: "u", "rfc-2822": "R", "date=": "d", "reference=": "r" },
    usage: USAGE,
  });
  const operands = parsed.operands;
  const zone = parsed.flags.u ? UTC : zoneFromTZ(ctx.env.TZ);
  let ms = Date.now();
  const dateText = parsed.values.d?.at(-1);
  if (dateText !== undefined) {
    const parsedMs = parseDate(dateText, zone, ms);
    if (parsedMs === undefined) die(`invalid date '${dateText}'`);
    ms = parsedMs;
  }
  const reference = parsed.values.r?.at(-1);
  if (reference !== undefined) {
    try {
      ms = (await ctx.fs.stat(resolvePath(ctx.cwd, reference))).mtimeMs;
    } catch (error) {
      die(`can't stat '${reference}': ${strerror(error)}`);
    }
  }
  const formatArg = operands.find((o) => o.startsWith("+"));
  const setArg = operands.find((o) => !o.startsWith("+"));
  if (setArg !== undefined) {
    die(`cannot set date: Operation not permitted (the sandbox does not own the clock)`);
  }
  let format = "%a %b %e %H:%M:%S %Z %Y";
  if (parsed.flags.R) format = "%a, %d %b %Y %H:%M:%S %z";
  let text: string;
  if (formatArg !== undefined) text = strftime(ms, binary(formatArg.slice(1)), zone);
  else if (iso !== undefined) {
    const parts: Record<string, string> = {
      date: "%Y-%m-%d",
      hours: "%Y-%m-%dT%H",
      minutes: "%Y-%m-%dT%H:%M",
      seconds: "%Y-%m-%dT%H:%M:%S",
      ns: "%Y-%m-%dT%H:%M:%S,000000000",
    };
    text = strftime(ms, parts[iso], zone) + (iso === "date" ? "" : isoOffset(ms, zone));
  } else text = strftime(ms, format, zone);
  await ctx.stdout.write(unlatin1(text + "\n"));
  return 0;
});
