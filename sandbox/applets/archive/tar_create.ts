/**
 * `tar c`: walks the named paths and streams a ustar archive (gzip with -z) to the file or stdout
 * through modern-tar's packer; hard links are written once, then as link entries.
 *
 * @module
 */
import { createTarPacker, type TarHeader } from "modern-tar";
import type { FileHandle, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { die, strerror, warn } from "../common/errors.ts";
import type { TarJob } from "./tar_job.ts";

export async function createArchive(job: TarJob): Promise<number> {
  const { ctx, parsed, file, dir, names, verboseOut, excludes } = job;
  const f = parsed.flags;
  let status = 0;
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
