/**
 * Extracting a tar stream into a directory of a container filesystem (`PUT
 * /containers/{id}/archive`, `docker cp` in). The whole archive is first read and checked into a
 * private staging layer, so a bad or truncated archive fails before anything is written; only then
 * are its entries applied, in archive order, through the container's own path resolution (which
 * keeps every write inside the container root).
 *
 * @module
 */
import type { ParsedTarEntry } from "modern-tar";
import { LayerBuilder } from "../fs/mod.ts";
import { dirname } from "../path.ts";
import { type FileSystem, FsError } from "../types.ts";
import { ByteBudget, entryPath, readBody, tarEntries, TarError } from "./entries.ts";
import { headerMeta } from "./import_layer.ts";

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Refuse archives whose entries add up to more bytes than this. */
  maxBytes?: number;
  /** Owner for every extracted entry instead of the archive's (archive PUT `copyUIDGID`). */
  owner?: { uid: number; gid: number };
  /** Docker's `noOverwriteDirNonDir`: refuse to replace a directory with a non-directory and back. */
  noOverwriteDirNonDir?: boolean;
}

type Meta = ReturnType<typeof headerMeta>;

/** One checked archive entry, ready to apply. */
type Step =
  | { kind: "dir"; path: string; meta: Meta }
  | { kind: "file"; path: string; meta: Meta; data: Uint8Array }
  | { kind: "symlink"; path: string; meta: Meta; target: string }
  | { kind: "link"; path: string; target: string; existing: boolean }
  | { kind: "fifo"; path: string; meta: Meta };

async function stage(entry: ParsedTarEntry, staging: LayerBuilder, signal?: AbortSignal) {
  const { header } = entry;
  const path = entryPath(header.name);
  const meta = headerMeta(entry);
  switch (header.type ?? "file") {
    case "directory":
      if (path !== "") staging.dir(path, meta);
      return { kind: "dir", path, meta } as Step;
    case "file": {
      const data = await readBody(entry, signal);
      staging.file(path, new Uint8Array(), meta);
      return { kind: "file", path, meta, data } as Step;
    }
    case "symlink":
      staging.symlink(path, header.linkname ?? "", meta);
      return { kind: "symlink", path, meta, target: header.linkname ?? "" } as Step;
    case "link": {
      const target = entryPath(header.linkname ?? "");
      try {
        staging.link(path, target);
        return { kind: "link", path, target, existing: false } as Step;
      } catch (error) {
        // A link may name a file already in the destination; it is checked before applying.
        if (!(error instanceof FsError && error.code === "ENOENT")) throw error;
        staging.file(path, new Uint8Array());
        return { kind: "link", path, target, existing: true } as Step;
      }
    }
    case "fifo":
      staging.fifo(path, meta);
      return { kind: "fifo", path, meta } as Step;
    default:
      throw new TarError(
        `tar entry ${header.name}: ${header.type} entries cannot be extracted here`,
      );
  }
}

async function readSteps(
  stream: ReadableStream<Uint8Array>,
  options: ExtractOptions,
): Promise<Step[]> {
  const { signal } = options;
  const staging = new LayerBuilder();
  const budget = new ByteBudget(options.maxBytes);
  const steps: Step[] = [];
  for await (const entry of tarEntries(stream, signal)) {
    try {
      budget.take(entry);
      steps.push(await stage(entry, staging, signal));
    } catch (error) {
      await entry.body.cancel().catch(() => {});
      if (error instanceof FsError) {
        throw new TarError(`tar entry ${entry.header.name}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
  return steps;
}

async function existingKind(fs: FileSystem, path: string) {
  try {
    return (await fs.stat(path, { follow: false })).kind;
  } catch (error) {
    if (error instanceof FsError && error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** Clears the way for `step` like Docker's createTarFile: a directory stays for a directory. */
async function makeRoom(fs: FileSystem, path: string, isDir: boolean, options: ExtractOptions) {
  const kind = await existingKind(fs, path);
  if (kind === undefined || (kind === "dir" && isDir)) return;
  if (options.noOverwriteDirNonDir && (kind === "dir") !== isDir) {
    throw new FsError(
      "EEXIST",
      path,
      `cannot overwrite ${kind === "dir" ? "directory" : "non-directory"} ${path}`,
    );
  }
  await fs.remove(path, { recursive: true });
}

async function setMeta(fs: FileSystem, path: string, meta: Meta, options: ExtractOptions) {
  if (meta.mode !== undefined) await fs.chmod(path, meta.mode);
  await setOwner(fs, path, meta, options);
}

async function setOwner(fs: FileSystem, path: string, meta: Meta, options: ExtractOptions) {
  const { uid, gid } = options.owner ?? { uid: meta.uid ?? 0, gid: meta.gid ?? 0 };
  await fs.chown(path, uid, gid, { follow: false });
}

/**
 * Extracts `stream` into the directory `dir` of `fs`, keeping modes, owners, modification times,
 * symlinks and hard links. Rejects with a {@link TarError} (and writes nothing) when the archive
 * is malformed, truncated, or has entries that would leave `dir`.
 */
export async function extractTar(
  fs: FileSystem,
  dir: string,
  stream: ReadableStream<Uint8Array>,
  options: ExtractOptions = {},
): Promise<void> {
  if ((await fs.stat(dir)).kind !== "dir") {
    throw new FsError("ENOTDIR", dir, `${dir}: Not a directory`);
  }
  const steps = await readSteps(stream, options);
  // Canonical, so hard link targets can be checked against it.
  const real = await fs.realpath(dir);
  const root = real === "/" ? "" : real;
  const at = (path: string) => (path === "" ? root || "/" : `${root}/${path}`);
  // Check everything that can be checked before the first write.
  for (const step of steps) {
    if (options.noOverwriteDirNonDir) {
      const kind = await existingKind(fs, at(step.path));
      if (kind !== undefined && (kind === "dir") !== (step.kind === "dir")) {
        const what = kind === "dir" ? "directory" : "non-directory";
        throw new TarError(`tar entry ${step.path}: cannot overwrite ${what} ${at(step.path)}`);
      }
    }
    if (step.kind !== "link" || !step.existing) continue;
    // The target must really be under `dir`, not reached through a symlink out of it.
    const parent = await fs.realpath(dirname(at(step.target)));
    if (root !== "" && parent !== root && !parent.startsWith(`${root}/`)) {
      throw new TarError(`tar entry ${step.path}: hard link target ${step.target} leaves ${dir}`);
    }
    await fs.stat(at(step.target), { follow: false });
  }
  const dirTimes: { path: string; meta: Meta }[] = [];
  for (const step of steps) {
    options.signal?.throwIfAborted();
    const path = at(step.path);
    await makeRoom(fs, path, step.kind === "dir", options);
    switch (step.kind) {
      case "dir":
        if (!(await existingKind(fs, path))) await fs.mkdir(path, { mode: step.meta.mode });
        await setMeta(fs, path, step.meta, options);
        dirTimes.push({ path, meta: step.meta });
        break;
      case "file":
        await fs.writeFile(path, step.data, {
          mode: step.meta.mode,
          uid: step.meta.uid,
          gid: step.meta.gid,
        });
        await setMeta(fs, path, step.meta, options);
        if (step.meta.mtimeMs !== undefined) {
          await fs.utimes(path, step.meta.mtimeMs, step.meta.mtimeMs);
        }
        break;
      case "symlink":
        await fs.symlink(step.target, path);
        await setOwner(fs, path, step.meta, options);
        break;
      case "link": {
        // The target must really be under `dir`, not reached through a symlink out of it.
        const parent = await fs.realpath(dirname(at(step.target)));
        if (root !== "" && parent !== root && !parent.startsWith(`${root}/`)) {
          throw new TarError(
            `tar entry ${step.path}: hard link target ${step.target} leaves ${dir}`,
          );
        }
        await fs.link(at(step.target), path);
        break;
      }
      case "fifo":
        await fs.mkfifo(path, step.meta.mode);
        await setMeta(fs, path, step.meta, options);
        break;
    }
  }
  // Directory times last, since creating their entries moved them (as tar and Docker do).
  for (const { path, meta } of dirTimes.reverse()) {
    if (meta.mtimeMs !== undefined) await fs.utimes(path, meta.mtimeMs, meta.mtimeMs);
  }
}
