/**
 * The container's side of `docker cp` and `docker export`: a tar of one path (its entries named
 * from the path's base name, as the CLI expects), extraction of a tar into a directory, and a
 * tar of the whole filesystem. Failures become the Docker errors the API answers them with.
 *
 * @module
 */
import { Conflict, InvalidParameter, NotFound } from "../../core/errors.ts";
import {
  exportTar,
  extractTar,
  type FileSystem,
  FsError,
  normalizePath,
  TarError,
} from "../../../sandbox/mod.ts";
import { pathBase, pathStat } from "./path_stat.ts";
import type { ArchiveStat } from "./protocol.ts";
import { resolveUser } from "./user.ts";

/** Where the kernel's virtual trees are mounted: exported as empty directories, as Docker does. */
const VIRTUAL_TREES = ["/proc", "/dev", "/sys"];

function insideVirtualTree(path: string): boolean {
  return VIRTUAL_TREES.some((root) => path.startsWith(`${root}/`));
}

/** Maps a filesystem failure on `path` to Docker's answer. */
function dockerError(error: unknown, path: string, containerId: string): unknown {
  if (!(error instanceof FsError)) return error;
  if (error.code === "ENOENT") {
    return new NotFound(`Could not find the file ${path} in container ${containerId}`);
  }
  if (error.code === "ENOTDIR") return new InvalidParameter(`${path}: not a directory`);
  return new InvalidParameter(`${path}: ${error.message}`);
}

export async function statPath(
  fs: FileSystem,
  path: string,
  containerId: string,
): Promise<ArchiveStat> {
  try {
    return await pathStat(fs, path);
  } catch (error) {
    throw dockerError(error, path, containerId);
  }
}

/** `GET /containers/{id}/archive`: the stat of `path` and a tar whose top entry is its base name. */
export async function archivePath(
  fs: FileSystem,
  path: string,
  containerId: string,
): Promise<{ stat: ArchiveStat; tar: ReadableStream<Uint8Array> }> {
  const stat = await statPath(fs, path, containerId);
  const base = pathBase(path);
  const tar = exportTar(fs, path, { as: base === "/" ? "" : base, exclude: insideVirtualTree });
  return { stat, tar };
}

/** `PUT /containers/{id}/archive`: extracts `tar` into the directory `path`. */
export async function extractInto(
  fs: FileSystem,
  path: string,
  tar: ReadableStream<Uint8Array>,
  options: { noOverwriteDirNonDir: boolean; containerId: string; owner?: string },
): Promise<void> {
  let kind;
  let owner;
  try {
    // moby's tarCopyOptions: the user is looked up in the container's own passwd and group.
    if (options.owner) owner = await resolveUser(fs, options.owner);
    kind = (await fs.stat(path)).kind;
  } catch (error) {
    await tar.cancel().catch(() => {});
    throw dockerError(error, path, options.containerId);
  }
  if (kind !== "dir") {
    await tar.cancel().catch(() => {});
    // moby's ErrExtractPointNotDirectory.
    throw new InvalidParameter("extraction point is not a directory");
  }
  try {
    await extractTar(fs, normalizePath(path), tar, {
      noOverwriteDirNonDir: options.noOverwriteDirNonDir,
      owner: owner && { uid: owner.uid, gid: owner.gid },
    });
  } catch (error) {
    // sandbox/tar reports a noOverwriteDirNonDir refusal as a TarError with this wording (it has
    // no error kind of its own): it conflicts with what is in the container, the rest is bad input.
    if (error instanceof TarError && /: cannot overwrite (non-)?directory /.test(error.message)) {
      throw new Conflict(error.message);
    }
    if (error instanceof TarError) throw new InvalidParameter(error.message);
    throw dockerError(error, path, options.containerId);
  }
}

/** `docker export`: the whole filesystem, with /proc, /dev and /sys as empty directories. */
export function exportFileSystem(fs: FileSystem): ReadableStream<Uint8Array> {
  return exportTar(fs, "/", { exclude: insideVirtualTree });
}
