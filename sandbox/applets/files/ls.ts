/**
 * `ls [-1AaCxdLHRFplinshrSXvctuUk] [-w WIDTH] [FILE]...`: busybox's listing. Output goes one name
 * per line (stdout is never a terminal here) unless -C or -x ask for columns; `-l` uses
 * busybox's column widths and owner names from the container's /etc/passwd and /etc/group.
 *
 * @module
 */
import type { ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs } from "../common/args.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { blocksKb, modeString } from "../common/modes.ts";
import { BufferedWriter } from "../common/output.ts";
import { lsTime, zoneFromTZ } from "../common/time.ts";
import { NameDirectory } from "../common/users.ts";
import { humanSize } from "./human.ts";

const USAGE = "ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...";

interface Entry {
  name: string;
  path: string;
  stat: Stat;
  target?: string;
}

export const ls = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("ls", ctx.argv.slice(1), {
    flags: "1AaCxdLHRFplinshrSXvctuUkeg",
    values: "w",
    long: {
      all: "a",
      "almost-all": "A",
      directory: "d",
      recursive: "R",
      reverse: "r",
      "human-readable": "h",
      "full-time": "e",
      "group-directories-first": "_g",
      "color=": "_c",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  const long = !!(f.l || f.n || f.g || f.e);
  const names = new NameDirectory(ctx.fs);
  const zone = zoneFromTZ(ctx.env.TZ);
  const now = Date.now();
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  const follow = !!f.L;

  const load = async (name: string, path: string, top: boolean): Promise<Entry | undefined> => {
    try {
      let stat = await ctx.fs.stat(path, { follow: false });
      let target: string | undefined;
      if (stat.kind === "symlink") {
        target = await ctx.fs.readlink(path);
        if (follow || (top && !long && !f.d && !f.F) || (top && f.H)) {
          try {
            stat = await ctx.fs.stat(path);
          } catch {
            // A dangling link is listed as the link itself.
          }
        }
      }
      return { name, path, stat, target };
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
      return undefined;
    }
  };

  const compare = (a: Entry, b: Entry): number => {
    let c = 0;
    if (f.t) {
      c = f.c
        ? b.stat.ctimeMs - a.stat.ctimeMs
        : f.u
        ? b.stat.atimeMs - a.stat.atimeMs
        : b.stat.mtimeMs - a.stat.mtimeMs;
    } else if (f.S) c = b.stat.size - a.stat.size;
    else if (f.X) {
      const ext = (n: string) => (n.lastIndexOf(".") > 0 ? n.slice(n.lastIndexOf(".") + 1) : "");
      c = ext(a.name) < ext(b.name) ? -1 : ext(a.name) > ext(b.name) ? 1 : 0;
    }
    if (c === 0 && !f.U) c = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return f.r ? -c : c;
  };

  const suffix = (e: Entry): string => {
    if (f.F) {
      if (e.stat.kind === "dir") return "/";
      if (e.stat.kind === "symlink") return "@";
      if (e.stat.kind === "fifo") return "|";
      if (e.stat.mode & 0o111) return "*";
    } else if (f.p && e.stat.kind === "dir") return "/";
    return "";
  };

  const longLine = async (e: Entry): Promise<string> => {
    const s = e.stat;
    let line = "";
    if (f.i) line += `${String(s.ino).padStart(8)} `;
    if (f.s) line += `${String(blocksKb(s)).padStart(6)} `;
    const user = f.n ? String(s.uid) : (await names.userName(s.uid)) ?? String(s.uid);
    const group = f.n ? String(s.gid) : (await names.groupName(s.gid)) ?? String(s.gid);
    line += `${modeString(s)} ${String(s.nlink).padStart(4)} ${user.padEnd(8)} `;
    if (!f.g) line += `${group.padEnd(8)} `;
    if (s.kind === "chardev" && s.rdev !== undefined) {
      line += `${String((s.rdev >> 8) & 0xfff).padStart(4)}, ${String(s.rdev & 0xff).padStart(4)} `;
    } else if (f.h) line += `${humanSize(s.size).padStart(7)} `;
    else line += `${String(s.size).padStart(9)} `;
    line += f.e ? new Date(s.mtimeMs).toUTCString() : lsTime(s.mtimeMs, now, zone);
    line += ` ${e.name}`;
    if (e.target !== undefined && s.kind === "symlink") line += ` -> ${e.target}`;
    return line + suffix(e) + "\n";
  };

  const shortName = (e: Entry): string => {
    let text = "";
    if (f.i) text += `${String(e.stat.ino).padStart(8)} `;
    if (f.s) text += `${String(blocksKb(e.stat)).padStart(6)} `;
    return text + e.name + suffix(e);
  };

  const printEntries = async (entries: Entry[]) => {
    if (long) {
      for (const e of entries) await out.text(await longLine(e));
      return;
    }
    if ((f.C || f.x) && !f[1]) {
      const width = Number(lastValue(parsed, "w") ?? "80") || 80;
      const cells = entries.map(shortName);
      const colWidth = Math.max(...cells.map((c) => c.length), 0) + 2;
      const cols = Math.max(1, Math.floor(width / colWidth));
      const rows = Math.ceil(cells.length / cols);
      for (let r = 0; r < rows; r++) {
        let line = "";
        for (let c = 0; c < cols; c++) {
          const index = f.x ? r * cols + c : c * rows + r;
          if (index >= cells.length) continue;
          const last = f.x
            ? c === cols - 1 || index === cells.length - 1
            : index + rows >= cells.length;
          line += last ? cells[index] : cells[index].padEnd(colWidth);
        }
        await out.text(line + "\n");
      }
      return;
    }
    for (const e of entries) await out.text(shortName(e) + "\n");
  };

  const listDirectory = async (dir: Entry, header: boolean, first: boolean) => {
    if (header) await out.text(`${first ? "" : "\n"}${dir.name}:\n`);
    let names: string[];
    try {
      names = (await ctx.fs.readdir(dir.path)).map((d) => d.name);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      await warn(ctx, `can't open '${dir.name}': ${strerror(error)}`);
      status = 1;
      return;
    }
    if (f.a) names.unshift(".", "..");
    const entries: Entry[] = [];
    for (const name of names) {
      if (!f.a && !f.A && name.startsWith(".")) continue;
      const path = name === "."
        ? dir.path
        : name === ".."
        ? resolvePath(dir.path, "..")
        : resolvePath(dir.path, name);
      const entry = await load(name, path, false);
      if (entry) entries.push(entry);
    }
    entries.sort(compare);
    if (long || f.s) {
      const total = entries.reduce((n, e) => n + blocksKb(e.stat), 0);
      await out.text(`total ${total}\n`);
    }
    await printEntries(entries);
    if (f.R) {
      for (const e of entries) {
        if (e.stat.kind !== "dir" || e.name === "." || e.name === "..") continue;
        const childName = dir.name.endsWith("/") ? dir.name + e.name : `${dir.name}/${e.name}`;
        await listDirectory({ ...e, name: childName }, true, false);
      }
    }
  };

  const operands = parsed.operands.length === 0 ? ["."] : parsed.operands;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const name of operands) {
    const entry = await load(name, resolvePath(ctx.cwd, name), true);
    if (!entry) continue;
    if (entry.stat.kind === "dir" && !f.d) dirs.push(entry);
    else files.push(entry);
  }
  files.sort(compare);
  dirs.sort(compare);
  await printEntries(files);
  const headers = operands.length > 1 || !!f.R;
  for (let i = 0; i < dirs.length; i++) {
    await listDirectory(dirs[i], headers, i === 0 && files.length === 0);
  }
  await out.flush();
  return status;
});
