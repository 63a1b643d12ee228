/**
 * The build context: the tar (plain, gzip, bzip2 refused by name) the client sends as the body of
 * `POST /build`, read into memory by path with `.dockerignore` applied (the docker CLI applies it
 * too; raw API clients rely on the daemon). The Dockerfile and `.dockerignore` are kept for the
 * builder even when ignored, as moby's `removeDockerfile` does.
 *
 * @module
 */
import { createTarDecoder, type ParsedTarEntry } from "modern-tar";
import { InvalidParameter } from "../../core/errors.ts";
import { gunzip } from "../../core/images/mod.ts";
import { cleanPath, IgnoreRules } from "./dockerignore.ts";

/** One file of the context. */
export interface ContextEntry {
  /** Clean relative path (`.` for the root). */
  path: string;
  type: "file" | "directory" | "symlink" | "link";
  mode: number;
  mtimeMs: number;
  data?: Uint8Array;
  linkname?: string;
}

/** The context after `.dockerignore`. */
export interface BuildContext {
  entries: Map<string, ContextEntry>;
  dockerfile: string;
}

async function peek(
  stream: ReadableStream<Uint8Array>,
): Promise<[Uint8Array, ReadableStream<Uint8Array>]> {
  const reader = stream.getReader();
  const first = await reader.read();
  const head = first.value ?? new Uint8Array();
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return [head, rest];
}

/** A tar stream, decompressed when gzip; other compressions fail by name. */
export async function decompressedTar(
  stream: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  const [head, rest] = await peek(stream);
  if (head[0] === 0x1f && head[1] === 0x8b) return gunzip(rest);
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) {
    await rest.cancel();
    throw new InvalidParameter("bzip2 build contexts are not supported: send a plain or gzip tar");
  }
  if (head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a) {
    await rest.cancel();
    throw new InvalidParameter("xz build contexts are not supported: send a plain or gzip tar");
  }
  return rest;
}

/** Reads the entries of a tar into memory. */
export async function readTarEntries(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<Map<string, ContextEntry>> {
  const entries = new Map<string, ContextEntry>();
  const decoded = (await decompressedTar(stream)).pipeThrough(createTarDecoder());
  for await (const entry of decoded as unknown as AsyncIterable<ParsedTarEntry>) {
    signal?.throwIfAborted();
    const header = entry.header;
    const path = cleanPath(header.name);
    const type = header.type ?? "file";
    if (type !== "file" && type !== "directory" && type !== "symlink" && type !== "link") {
      await entry.body.cancel();
      continue;
    }
    const data = type === "file"
      ? new Uint8Array(await new Response(entry.body).arrayBuffer())
      : undefined;
    if (!data) await entry.body.cancel();
    entries.set(path, {
      path,
      type,
      mode: (header.mode ?? (type === "directory" ? 0o755 : 0o644)) & 0o7777,
      mtimeMs: header.mtime?.getTime() ?? 0,
      data,
      linkname: type === "link" ? cleanPath(header.linkname ?? "") : header.linkname,
    });
  }
  return entries;
}

/**
 * Reads the context and finds the Dockerfile in it.
 *
 * @example
 * ```ts
 * const context = await readBuildContext(req.body, "Dockerfile");
 * new TextDecoder().decode(context.entries.get(context.dockerfile)!.data);
 * ```
 */
export async function readBuildContext(
  stream: ReadableStream<Uint8Array>,
  dockerfile: string,
  signal?: AbortSignal,
): Promise<BuildContext> {
  const all = await readTarEntries(stream, signal);
  const dockerfilePath = cleanPath(dockerfile);
  const ignoreFile = all.get(".dockerignore");
  const rules = ignoreFile?.data
    ? IgnoreRules.parse(new TextDecoder().decode(ignoreFile.data))
    : new IgnoreRules([]);
  const entries = new Map<string, ContextEntry>();
  for (const [path, entry] of all) {
    if (path === dockerfilePath || path === ".dockerignore" || !rules.ignores(path)) {
      entries.set(path, entry);
    }
  }
  return { entries, dockerfile: dockerfilePath };
}
