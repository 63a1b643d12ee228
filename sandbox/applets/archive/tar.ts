/**
 * `tar c|x|t [-zvOkmoh] [-f TARFILE] [-C DIR] [--strip-components N] [FILE]...` over
 * modern-tar's streaming packer and decoder. Gzip is detected on input and applied on output
 * with -z. Member names lose a leading "/" and entries naming ".." are refused on extraction,
 * as busybox does.
 *
 * @module
 */
import { createTarDecoder, createTarPacker, type TarHeader } from "modern-tar";
import type { FileHandle, ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, parseCount, usageError } from "../common/args.ts";
import { concatBytes } from "../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../common/errors.ts";
import { modeString } from "../common/modes.ts";
import { BufferedWriter } from "../common/output.ts";
import { strftime, zoneFromTZ } from "../common/time.ts";
import { NameDirectory } from "../common/users.ts";

const USAGE = "tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...";

const KIND_OF_TYPE: Record<string, Stat["kind"]> = {
  file: "file",
  directory: "dir",
  symlink: "symlink",
  link: "file",
  fifo: "fifo",
  "character-device": "chardev",
};

/** The old tar style puts the mode letters first without a dash: "cvf" → "-cvf". */
function normalizeArgs(args: string[]): string[] {
  if (args.length > 0 && !args[0].startsWith("-") && /^[a-zA-Z]+$/.test(args[0])) {
    return ["-" + args[0], ...args.slice(1)];
  }
  return args;
}

async function readInput(ctx: ProcessContext, file: string): Promise<ReadableStream<Uint8Array>> {
  const chunks: Uint8Array[] = [];
  if (file === "-") {
    for (let c = await ctx.stdin.read(ctx.signal); c; c = await ctx.stdin.read(ctx.signal)) {
      chunks.push(c.slice());
    }
  } else {
    try {
      chunks.push(await ctx.fs.readFile(resolvePath(ctx.cwd, file)));
    } catch (error) {
      die(`can't open '${file}': ${strerror(error)}`);
    }
  }
  const data = concatBytes(chunks);
  let stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream() as ReadableStream<Uint8Array>;
  if (data[0] === 0x1f && data[1] === 0x8b) {
    stream = stream.pipeThrough(
      new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
    );
  }
  return stream;
}

export const tar = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("tar", normalizeArgs(ctx.argv.slice(1)), {
    flags: "cxtzZjJavOkmohpP",
    values: "fCTX",
    long: {
      create: "c",
      extract: "x",
      list: "t",
      gzip: "z",
      verbose: "v",
      "to-stdout": "O",
      "keep-old-files": "k",
      "file=": "f",
      "directory=": "C",
      "strip-components=": "_s",
      overwrite: "_o",
      "no-same-owner": "o",
      "numeric-owner": "_n",
      "exclude=": "_x",
      "no-recursion": "_r",
      "touch": "m",
      "dereference": "h",
      "files-from=": "T",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  const mode = f.c ? "c" : f.x ? "x" : f.t ? "t" : undefined;
  if (!mode) usageError("tar", "must specify one of -c, -x, -t", USAGE);
  const file = lastValue(parsed, "f") ?? "-";
  const dir = resolvePath(ctx.cwd, lastValue(parsed, "C") ?? ".");
  const names = new NameDirectory(ctx.fs);
  const zone = zoneFromTZ(ctx.env.TZ);
  const out = new BufferedWriter(file === "-" && mode === "c" ? ctx.stderr : ctx.stdout);
  const verboseOut = mode === "c" && file === "-" ? new BufferedWriter(ctx.stderr) : out;
  const excludes = parsed.values._x ?? [];
  let status = 0;

  if (mode === "c") {
    const operands = [...parsed.operands];
    for (const list of parsed.values.T ?? []) {
      const text = new TextDecoder().decode(await ctx.fs.readFile(resolvePath(ctx.cwd, list)));
      operands.push(...text.split("\n").filter((l) => l !== ""));
    }
    if (operands.length === 0) die("empty archive");
    const { readable, controller } = createTarPacker();
    let output: FileHandle | undefined;
    if (file !== "-") {
      try {
        output = await ctx.fs.open(resolvePath(ctx.cwd, file), {
          write: true,
          create: true,
          truncate: true,
          mode: 0o666 & ~ctx.umask,
        });
      } catch (error) {
        die(`can't open '${file}': ${strerror(error)}`);
      }
    }
    let stream: ReadableStream<Uint8Array> = readable;
    if (f.z) {
      stream = stream.pipeThrough(
        new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
      );
    }
    const sink = (async () => {
      const reader = stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (output) await output.write(value);
        else await ctx.stdout.write(value);
      }
    })();
    let warnedSlash = false;
    const links = new Map<number, string>();
    const add = async (path: string, name: string, recurse: boolean) => {
      ctx.signal.throwIfAborted();
      if (excludes.some((x) => name === x || name.endsWith("/" + x))) return;
      let stat: Stat;
      try {
        stat = await ctx.fs.stat(path, { follow: !!f.h });
      } catch (error) {
        await warn(ctx, `${name}: ${strerror(error)}`);
        status = 1;
        return;
      }
      const header: TarHeader = {
        name: stat.kind === "dir" ? `${name}/` : name,
        size: 0,
        mode: stat.mode,
        uid: stat.uid,
        gid: stat.gid,
        uname: (await names.userName(stat.uid)) ?? "",
        gname: (await names.groupName(stat.gid)) ?? "",
        mtime: new Date(Math.floor(stat.mtimeMs / 1000) * 1000),
      };
      let body: Uint8Array | undefined;
      if (stat.kind === "dir") header.type = "directory";
      else if (stat.kind === "symlink") {
        header.type = "symlink";
        header.linkname = await ctx.fs.readlink(path);
      } else if (stat.kind === "fifo") header.type = "fifo";
      else if (stat.kind === "file") {
        const first = stat.nlink > 1 ? links.get(stat.ino) : undefined;
        if (first !== undefined) {
          header.type = "link";
          header.linkname = first;
        } else {
          if (stat.nlink > 1) links.set(stat.ino, name);
          header.type = "file";
          body = await ctx.fs.readFile(path);
          header.size = body.length;
        }
      } else {
        await warn(ctx, `${name}: skipping device file: device numbers cannot be archived here`);
        status = 1;
        return;
      }
      const writer = controller.add(header).getWriter();
      if (body && body.length > 0) await writer.write(body);
      await writer.close();
      if (f.v) await verboseOut.text(header.name + "\n");
      if (stat.kind === "dir" && recurse) {
        for (const entry of await ctx.fs.readdir(path)) {
          await add(`${path === "/" ? "" : path}/${entry.name}`, `${name}/${entry.name}`, true);
        }
      }
    };
    try {
      for (const operand of operands) {
        let name = operand.replace(/\/+$/, "") || operand;
        if (name.startsWith("/")) {
          if (!warnedSlash) await warn(ctx, "removing leading '/' from member names");
          warnedSlash = true;
          name = name.replace(/^\/+/, "");
        }
        await add(resolvePath(dir, operand), name === "" ? "." : name, !parsed.flags._r);
      }
      controller.finalize();
    } catch (error) {
      controller.error(error);
      throw error;
    } finally {
      await sink.catch(() => {});
      await output?.close();
      await verboseOut.flush();
    }
    return status;
  }

  const stream = (await readInput(ctx, file)).pipeThrough(createTarDecoder({ strict: false }));
  const strip = parsed.values._s ? parseCount(parsed.values._s.at(-1)!) : 0;
  const wanted = parsed.operands.map((o) => o.replace(/\/+$/, ""));
  const selected = (name: string) =>
    wanted.length === 0 || wanted.some((w) => name === w || name.startsWith(w + "/"));
  const dirTimes: [string, number][] = [];
  let warnedSlash = false;
  const reader = stream.getReader();
  try {
    for (;;) {
      const next = await reader.read().catch((error) =>
        die(`invalid tar archive: ${error instanceof Error ? error.message : error}`)
      );
      if (next.done) break;
      const { header, body } = next.value;
      let name = header.name;
      const type = header.type ?? "file";
      if (!selected(name.replace(/\/+$/, ""))) {
        await body.cancel();
        continue;
      }
      if (mode === "t") {
        await body.cancel();
        if (f.v) {
          const stat = { kind: KIND_OF_TYPE[type] ?? "file", mode: header.mode ?? 0o644 } as Stat;
          const owner = `${header.uname || header.uid}/${header.gname || header.gid}`;
          const when = strftime(header.mtime?.getTime() ?? 0, "%Y-%m-%d %H:%M:%S", zone);
          const link = type === "symlink" || type === "link" ? ` -> ${header.linkname}` : "";
          await out.text(
            `${modeString(stat)} ${owner} ${
              String(header.size).padStart(9)
            } ${when} ${name}${link}\n`,
          );
        } else await out.text(name + "\n");
        continue;
      }
      if (name.startsWith("/")) {
        if (!warnedSlash) await warn(ctx, "removing leading '/' from member names");
        warnedSlash = true;
        name = name.replace(/^\/+/, "");
      }
      const parts = name.split("/").filter((p) => p !== "" && p !== ".");
      if (parts.includes("..")) {
        await body.cancel();
        await warn(ctx, `skipping '${name}': contains '..'`);
        continue;
      }
      if (parts.length <= strip) {
        await body.cancel();
        continue;
      }
      const rel = parts.slice(strip).join("/");
      if (f.v) await out.text(name + "\n");
      const chunks: Uint8Array[] = [];
      const bodyReader = body.getReader();
      for (;;) {
        const r = await bodyReader.read();
        if (r.done) break;
        chunks.push(r.value);
      }
      if (f.O) {
        if (type === "file") await out.bytes(concatBytes(chunks));
        continue;
      }
      const path = resolvePath(dir, rel);
      const parentOf = path.slice(0, path.lastIndexOf("/")) || "/";
      await ctx.fs.mkdir(parentOf, { recursive: true });
      let existing: Stat | undefined;
      try {
        existing = await ctx.fs.stat(path, { follow: false });
      } catch {
        existing = undefined;
      }
      if (existing && f.k && type !== "directory") continue;
      if (
        existing && type !== "directory" ||
        existing && existing.kind !== "dir" && type === "directory"
      ) {
        await ctx.fs.remove(path, { recursive: existing.kind === "dir" && type !== "directory" });
        existing = undefined;
      }
      const perm = (header.mode ?? 0o644) & 0o7777;
      try {
        switch (type) {
          case "directory":
            if (!existing) await ctx.fs.mkdir(path, { mode: perm });
            await ctx.fs.chmod(path, perm);
            break;
          case "symlink":
            await ctx.fs.symlink(header.linkname ?? "", path);
            break;
          case "link": {
            const target = (header.linkname ?? "").replace(/^\/+/, "").split("/").slice(strip).join(
              "/",
            );
            await ctx.fs.link(resolvePath(dir, target), path);
            break;
          }
          case "fifo":
            await ctx.fs.mkfifo(path, perm);
            break;
          default:
            await ctx.fs.writeFile(path, concatBytes(chunks), { mode: perm });
            await ctx.fs.chmod(path, perm);
        }
        if (type !== "symlink" && type !== "link") {
          if (ctx.uid === 0 && !f.o) await ctx.fs.chown(path, header.uid ?? 0, header.gid ?? 0);
          const mtime = f.m ? Date.now() : header.mtime?.getTime() ?? Date.now();
          if (type === "directory") dirTimes.push([path, mtime]);
          else await ctx.fs.utimes(path, mtime, mtime);
        }
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        await out.flush();
        await warn(ctx, `can't create '${rel}': ${strerror(error)}`);
        status = 1;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  // Directory times last: creating their children changed them.
  for (const [path, mtime] of dirTimes.reverse()) await ctx.fs.utimes(path, mtime, mtime);
  await out.flush();
  return status;
});
