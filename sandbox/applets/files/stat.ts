/**
 * `stat [-ltLc FMT] FILE...`: file status in busybox's layout, or through a -c format (%n %N %s
 * %a %A %b %f %F %g %G %h %i %u %U %x %X %y %Y %z %Z %o %B %d %D %t %T).
 *
 * @module
 */
import type { ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, usageError } from "../common/args.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { blocksKb, modeString } from "../common/modes.ts";
import { BufferedWriter } from "../common/output.ts";
import { strftime, type Zone, zoneFromTZ } from "../common/time.ts";
import { NameDirectory } from "../common/users.ts";

const KIND_NAME: Record<Stat["kind"], string> = {
  file: "regular file",
  dir: "directory",
  symlink: "symbolic link",
  chardev: "character special file",
  fifo: "fifo",
};

const TYPE_BITS: Record<Stat["kind"], number> = {
  file: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  chardev: 0o020000,
  fifo: 0o010000,
};

function timeText(ms: number, zone: Zone): string {
  const nanos = String(Math.round((ms % 1000) * 1e6)).padStart(9, "0");
  return strftime(ms, "%Y-%m-%d %H:%M:%S", zone) + `.${nanos} ` + strftime(ms, "%z", zone);
}

export const stat = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("stat", ctx.argv.slice(1), {
    flags: "ltLf",
    values: "c",
    long: { "format=": "c", dereference: "L", terse: "t" },
    usage: "stat [-ltf] [-c FMT] FILE...",
  });
  if (parsed.operands.length === 0) {
    usageError("stat", "missing operand", "stat [-ltf] [-c FMT] FILE...");
  }
  const names = new NameDirectory(ctx.fs);
  const zone = zoneFromTZ(ctx.env.TZ);
  const out = new BufferedWriter(ctx.stdout);
  const format = lastValue(parsed, "c");
  let status = 0;
  for (const name of parsed.operands) {
    const path = resolvePath(ctx.cwd, name);
    let s: Stat;
    let target: string | undefined;
    try {
      s = await ctx.fs.stat(path, { follow: !!parsed.flags.L });
      if (s.kind === "symlink") target = await ctx.fs.readlink(path);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      await warn(ctx, `can't stat '${name}': ${strerror(error)}`);
      status = 1;
      continue;
    }
    const user = (await names.userName(s.uid)) ?? "UNKNOWN";
    const group = (await names.groupName(s.gid)) ?? "UNKNOWN";
    const rawMode = TYPE_BITS[s.kind] | s.mode;
    if (format !== undefined) {
      const fields: Record<string, () => string> = {
        n: () => name,
        N: () => (target !== undefined ? `'${name}' -> '${target}'` : `'${name}'`),
        s: () => String(s.size),
        a: () => s.mode.toString(8),
        A: () => modeString(s),
        b: () => String(blocksKb(s) * 2),
        B: () => "512",
        f: () => rawMode.toString(16),
        F: () => (s.kind === "file" && s.size === 0 ? "regular empty file" : KIND_NAME[s.kind]),
        g: () => String(s.gid),
        G: () => group,
        h: () => String(s.nlink),
        i: () => String(s.ino),
        u: () => String(s.uid),
        U: () => user,
        o: () => "4096",
        d: () => "0",
        D: () => "0",
        t: () => ((s.rdev ?? 0) >> 8).toString(16),
        T: () => ((s.rdev ?? 0) & 0xff).toString(16),
        x: () => timeText(s.atimeMs, zone),
        X: () => String(Math.floor(s.atimeMs / 1000)),
        y: () => timeText(s.mtimeMs, zone),
        Y: () => String(Math.floor(s.mtimeMs / 1000)),
        z: () => timeText(s.ctimeMs, zone),
        Z: () => String(Math.floor(s.ctimeMs / 1000)),
        "%": () => "%",
      };
      const text = format.replace(/%(.)/g, (whole, c: string) => (fields[c] ? fields[c]() : whole));
      await out.text(text + "\n");
      continue;
    }
    if (parsed.flags.t) {
      await out.text(
        `${name} ${s.size} ${blocksKb(s) * 2} ${
          rawMode.toString(16)
        } ${s.uid} ${s.gid} 0 ${s.ino} ${s.nlink} 0 0 ` +
          `${Math.floor(s.atimeMs / 1000)} ${Math.floor(s.mtimeMs / 1000)} ${
            Math.floor(s.ctimeMs / 1000)
          } 4096\n`,
      );
      continue;
    }
    const title = target !== undefined ? `'${name}' -> '${target}'` : name;
    await out.text(
      `  File: ${title}\n` +
        `  Size: ${String(s.size).padEnd(10)}\tBlocks: ${
          String(blocksKb(s) * 2).padEnd(10)
        } IO Block: 4096   ${KIND_NAME[s.kind]}\n` +
        `Device: 0h/0d\tInode: ${String(s.ino).padEnd(11)} Links: ${s.nlink}\n` +
        `Access: (${s.mode.toString(8).padStart(4, "0")}/${modeString(s)})  Uid: (${
          String(s.uid).padStart(5)
        }/${user.padStart(8)})   Gid: (${String(s.gid).padStart(5)}/${group.padStart(8)})\n` +
        `Access: ${timeText(s.atimeMs, zone)}\nModify: ${timeText(s.mtimeMs, zone)}\nChange: ${
          timeText(s.ctimeMs, zone)
        }\n`,
    );
  }
  await out.flush();
  return status;
});
