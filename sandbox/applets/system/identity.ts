/**
 * `uname [-amnrspvio]`, `hostname [-s]` and `nproc`: facts from the sandbox's SystemInfo, the
 * same figures /proc shows, nothing made up.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";

export const uname = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("uname", ctx.argv.slice(1), {
    flags: "amnrspvio",
    long: {
      all: "a",
      "kernel-name": "s",
      nodename: "n",
      "kernel-release": "r",
      "kernel-version": "v",
      machine: "m",
      processor: "p",
      "hardware-platform": "i",
      "operating-system": "o",
    },
    usage: "uname [-amnrspvio]",
  });
  const f = parsed.flags;
  const k = ctx.system.kernel;
  const all = !!f.a;
  const parts: string[] = [];
  if (all || f.s || Object.keys(f).length === 0) parts.push(k.sysname);
  if (all || f.n) parts.push(ctx.system.hostname);
  if (all || f.r) parts.push(k.release);
  if (all || f.v) parts.push(k.version);
  if (all || f.m) parts.push(k.machine);
  if (f.p) parts.push("unknown");
  if (f.i) parts.push("unknown");
  if (all || f.o) parts.push("Linux");
  await ctx.stdout.write(parts.join(" ") + "\n");
  return 0;
});

export const hostname = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("hostname", ctx.argv.slice(1), {
    flags: "sifdF",
    usage: "hostname [-sidf] [HOSTNAME | -F FILE]",
  });
  if (parsed.operands.length > 0 || parsed.flags.F) die("sethostname: Operation not permitted");
  let name = ctx.system.hostname;
  if (parsed.flags.s) name = name.split(".")[0];
  if (parsed.flags.d) name = name.includes(".") ? name.slice(name.indexOf(".") + 1) : "";
  await ctx.stdout.write(name + "\n");
  return 0;
});

export const nproc = runApplet(async (ctx: ProcessContext) => {
  parseArgs("nproc", ctx.argv.slice(1), {
    flags: "",
    long: { all: "_a", "ignore=": "_i" },
    usage: "nproc [--all] [--ignore=N]",
  });
  await ctx.stdout.write(`${ctx.system.ncpu}\n`);
  return 0;
});
