/**
 * `gzip [-cdfkqt1-9] [FILE]...`, `gunzip [-cfkt] [FILE]...` and `zcat [FILE]...` over the Web
 * platform's CompressionStream/DecompressionStream, streaming chunk by chunk. The compression
 * level flags are accepted but the platform stream has one level, so the bytes differ from
 * busybox's own (the decompressed content never does).
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { appletName, runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, openSource } from "../common/input.ts";

/** Pipes a source through a (de)compression stream into `write`. */
export async function transform(
  source: ByteSource,
  stream: CompressionStream | DecompressionStream,
  write: (chunk: Uint8Array) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const pump = (async () => {
    try {
      for (let chunk = await source.read(); chunk; chunk = await source.read()) {
        signal.throwIfAborted();
        await writer.write(chunk.slice());
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => {});
      throw error;
    }
  })();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      await write(value);
    }
  } finally {
    await pump;
  }
}

/** Reads the first bytes to tell whether the input is gzip (magic 1f 8b). */
async function checkMagic(source: ByteSource): Promise<boolean> {
  const first = await source.read();
  if (!first) return false;
  source.unread(first);
  return first.length < 2 || (first[0] === 0x1f && first[1] === 0x8b);
}

export const gzip = runApplet(async (ctx: ProcessContext) => {
  const name = appletName(ctx);
  const parsed = parseArgs(name, ctx.argv.slice(1), {
    flags: "cdfkqtvn123456789",
    long: { stdout: "c", decompress: "d", force: "f", keep: "k", quiet: "q", test: "t" },
    usage: `${name} [-cdfkt] [FILE]...`,
  });
  const f = parsed.flags;
  const decompress = name !== "gzip" || !!f.d || !!f.t;
  const toStdout = name === "zcat" || !!f.c || !!f.t;
  const files = parsed.operands.length ? parsed.operands : ["-"];
  let status = 0;
  for (const file of files) {
    let source: ByteSource;
    try {
      source = await openSource(ctx, file);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await warn(ctx, `${file}: ${strerror(error)}`);
      status = 1;
      continue;
    }
    const useStdout = toStdout || file === "-";
    let target = "";
    if (!useStdout) {
      if (decompress) {
        const m = /\.(gz|tgz|z)$/i.exec(file);
        if (!m) {
          await warn(ctx, `${file}: unknown suffix - ignored`);
          await source.close();
          status = 1;
          continue;
        }
        target = file.slice(0, m.index) + (m[1].toLowerCase() === "tgz" ? ".tar" : "");
      } else target = file + ".gz";
    }
    const chunks: Uint8Array[] = [];
    try {
      if (decompress && !(await checkMagic(source))) {
        await warn(ctx, "invalid magic");
        status = 1;
        continue;
      }
      const stream = decompress ? new DecompressionStream("gzip") : new CompressionStream("gzip");
      await transform(source, stream, async (chunk) => {
        if (f.t) return;
        if (useStdout) await ctx.stdout.write(chunk);
        else chunks.push(chunk);
      }, ctx.signal);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await warn(ctx, decompress ? `corrupted data` : `${file}: ${strerror(error)}`);
      status = 1;
      continue;
    } finally {
      await source.close();
    }
    if (!useStdout) {
      const from = resolvePath(ctx.cwd, file);
      const to = resolvePath(ctx.cwd, target);
      try {
        if (!f.f) {
          try {
            await ctx.fs.stat(to);
            await warn(ctx, `can't open '${target}': File exists`);
            status = 1;
            continue;
          } catch {
            // The target does not exist yet: go on.
          }
        }
        const stat = await ctx.fs.stat(from);
        let size = 0;
        for (const c of chunks) size += c.length;
        const data = new Uint8Array(size);
        let offset = 0;
        for (const c of chunks) {
          data.set(c, offset);
          offset += c.length;
        }
        await ctx.fs.writeFile(to, data, { mode: stat.mode });
        await ctx.fs.chmod(to, stat.mode);
        await ctx.fs.utimes(to, stat.atimeMs, stat.mtimeMs);
        if (!f.k) await ctx.fs.remove(from);
      } catch (error) {
        await warn(ctx, `${target}: ${strerror(error)}`);
        status = 1;
      }
    }
  }
  return status;
});
