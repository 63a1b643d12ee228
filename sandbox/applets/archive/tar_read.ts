/**
 * `tar t` and `tar x`: decodes a (possibly gzipped) archive with modern-tar and lists it or
 * writes its entries into the container filesystem, refusing ".." and stripping a leading "/".
 *
 * @module
 */
import { createTarDecoder } from "modern-tar";
import type { ProcessContext } from "../../types.ts";
import type { Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseCount } from "../common/args.ts";
import { concatBytes } from "../common/bytes.ts";
import { die, strerror, warn } from "../common/errors.ts";
import { modeString } from "../common/modes.ts";
import { strftime } from "../common/time.ts";
import type { TarJob } from "./tar_job.ts";

const KIND_OF_TYPE: Record<string, Stat["kind"]> = {
  file: "file",
  directory: "dir",
  symlink: "symlink",
  link: "file",
  fifo: "fifo",
  "character-device": "chardev",
};

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

export async function readArchive(job: TarJob, mode: "t" | "x"): Promise<number> {
  const { ctx, parsed, file, dir, zone, out } = job;
  const f = parsed.flags;
  let status = 0;
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
}
