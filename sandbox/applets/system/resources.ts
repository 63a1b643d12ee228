/**
 * `free [-bkmgh]`, `uptime` and `df [-PkmhT] [FILESYSTEM]...`. Memory figures come from the
 * sandbox's SystemInfo (the container's memory limit and what is left of it; nothing is shared,
 * buffered or swapped in memory owned by the sandbox). The load average is read from /proc/loadavg
 * and left out when the filesystem has no /proc. df covers the mounts listed in /proc/mounts
 * (only "/" without /proc): the in-memory filesystem's capacity is the container's memory.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { runApplet } from "../common/errors.ts";
import { blocksKb } from "../common/modes.ts";
import { BufferedWriter } from "../common/output.ts";
import { strftime, zoneFromTZ } from "../common/time.ts";
import { humanSize } from "../files/human.ts";

async function readText(ctx: ProcessContext, path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await ctx.fs.readFile(path));
  } catch {
    return undefined;
  }
}

export const free = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("free", ctx.argv.slice(1), { flags: "bkmgh", usage: "free [-bkmgh]" });
  const f = parsed.flags;
  const totalKb = Math.floor(ctx.system.memTotalBytes / 1024);
  const freeKb = Math.floor(ctx.system.memFreeBytes() / 1024);
  const show = (kb: number) =>
    f.h
      ? humanSize(kb, 1024)
      : f.b
      ? String(kb * 1024)
      : f.m
      ? String(kb >> 10)
      : f.g
      ? String(kb >> 20)
      : String(kb);
  const cell = (kb: number) => show(kb).padStart(12);
  await ctx.stdout.write(
    "              total        used        free      shared  buff/cache   available\n" +
      `Mem:${cell(totalKb)}${cell(totalKb - freeKb)}${cell(freeKb)}${cell(0)}${cell(0)}${
        cell(freeKb)
      }\n` +
      `Swap:${show(0).padStart(11)}${cell(0)}${cell(0)}\n`,
  );
  return 0;
});

export const uptime = runApplet(async (ctx: ProcessContext) => {
  const now = Date.now();
  const seconds = Math.max(0, Math.floor((now - ctx.system.bootTimeMs) / 1000));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  let up = days > 0 ? `${days} day${days === 1 ? "" : "s"}, ` : "";
  up += hours > 0
    ? `${String(hours).padStart(2)}:${String(minutes).padStart(2, "0")}`
    : `${minutes} min`;
  let line = ` ${strftime(now, "%H:%M:%S", zoneFromTZ(ctx.env.TZ))} up ${up},  0 users`;
  const load = await readText(ctx, "/proc/loadavg");
  if (load) {
    const [a, b, c] = load.trim().split(/\s+/);
    line += `,  load average: ${a}, ${b}, ${c}`;
  }
  await ctx.stdout.write(line + "\n");
  return 0;
});

async function usedKb(ctx: ProcessContext, path: string, skip: Set<string>): Promise<number> {
  let total = 0;
  const walk = async (p: string) => {
    const stat = await ctx.fs.stat(p, { follow: false });
    total += blocksKb(stat);
    if (stat.kind !== "dir") return;
    for (const e of await ctx.fs.readdir(p)) {
      const child = `${p === "/" ? "" : p}/${e.name}`;
      if (!skip.has(child)) await walk(child);
    }
  };
  await walk(path);
  return total;
}

export const df = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("df", ctx.argv.slice(1), {
    flags: "PkmhTaiB",
    usage: "df [-PkmhT] [FILESYSTEM]...",
  });
  const f = parsed.flags;
  const mountsText = await readText(ctx, "/proc/mounts");
  let mounts: { source: string; target: string; type: string }[] = [{
    source: "overlay",
    target: "/",
    type: "overlay",
  }];
  if (mountsText) {
    mounts = mountsText.split("\n").filter(Boolean).map((line) => {
      const [source, target, type] = line.split(" ");
      return { source, target, type };
    }).filter((m) =>
      m.type !== "proc" && m.type !== "sysfs" && m.type !== "devpts" && m.type !== "mqueue"
    );
  }
  if (parsed.operands.length > 0) {
    const wanted = parsed.operands.map((o) => resolvePath(ctx.cwd, o));
    mounts = mounts.filter((m) =>
      wanted.some((w) => w === m.target || (m.target === "/" ? true : w.startsWith(m.target + "/")))
    );
    // Only the deepest mount per operand.
    mounts = wanted.map((w) =>
      mounts.filter((m) => w === m.target || m.target === "/" || w.startsWith(m.target + "/")).sort(
        (a, b) => b.target.length - a.target.length,
      )[0]
    ).filter(Boolean);
  }
  const totalKb = Math.floor(ctx.system.memTotalBytes / 1024);
  const out = new BufferedWriter(ctx.stdout);
  const show = (kb: number) => (f.h ? humanSize(kb, 1024) : f.m ? String(kb >> 10) : String(kb));
  const width = f.h ? 9 : 10;
  await out.text(
    `Filesystem           ${f.T ? "Type       " : ""}${
      f.h ? "     Size" : f.m ? "1M-blocks" : "1K-blocks"
    }      Used Available Use% Mounted on\n`,
  );
  const nested = new Set(mounts.map((m) => m.target).filter((t) => t !== "/"));
  for (const m of mounts) {
    const skip = new Set([...nested].filter((t) => t !== m.target));
    const used = await usedKb(ctx, m.target, skip);
    const available = Math.max(0, totalKb - used);
    const percent = totalKb === 0 ? 0 : Math.ceil((used * 100) / totalKb);
    await out.text(
      `${m.source.padEnd(20)} ${f.T ? m.type.padEnd(10) + " " : ""}${
        show(totalKb).padStart(width - 1)
      } ${show(used).padStart(width - 1)} ${show(available).padStart(width - 1)} ${
        String(percent).padStart(3)
      }% ${m.target}\n`,
    );
  }
  await out.flush();
  return 0;
});
