/**
 * Mounting a container's volumes, binds and tmpfs mounts into its filesystem (in the container
 * actor, before the first start). Host trees arrive as MessagePorts to the backend Worker's
 * host-tree server. A volume that is still empty first gets the image's content at its mount
 * point (moby's copy-up), unless `nocopy` was asked for.
 *
 * @module
 */
import {
  type ContainerFileSystem,
  createTmpfs,
  type FileSystem,
  FsError,
} from "../../../../sandbox/mod.ts";
import { HostTreeClient } from "../../host_tree/mod.ts";
import type { ContainerMountSpec } from "./spec.ts";

/** Copies the tree at `from` in `source` into `into` of `target` (dirs, files, symlinks). */
async function copyTree(source: FileSystem, from: string, target: FileSystem, into: string) {
  for (const entry of await source.readdir(from)) {
    const src = `${from === "/" ? "" : from}/${entry.name}`;
    const dst = `${into === "/" ? "" : into}/${entry.name}`;
    const stat = await source.stat(src, { follow: false });
    if (stat.kind === "dir") {
      await target.mkdir(dst, { mode: stat.mode });
      await copyTree(source, src, target, dst);
    } else if (stat.kind === "file") {
      await target.writeFile(dst, await source.readFile(src), { mode: stat.mode });
    } else if (stat.kind === "symlink") {
      await target.symlink(await source.readlink(src), dst);
    }
  }
}

/** The image's directory at `path`, or undefined when there is none to copy. */
async function imageDir(fs: ContainerFileSystem, path: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    return stat.kind === "dir" ? path : undefined;
  } catch (error) {
    if (error instanceof FsError && error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** Mounts each spec in order (a later mount may sit inside an earlier one). */
export async function mountAll(fs: ContainerFileSystem, specs: ContainerMountSpec[]) {
  for (const spec of specs) {
    if (spec.kind === "tmpfs") {
      const tree = createTmpfs({ sizeBytes: spec.sizeBytes, mode: spec.mode });
      await fs.mount(spec.target, { tree }, {
        type: "tmpfs",
        source: "tmpfs",
        readOnly: spec.readOnly,
        options: spec.options || undefined,
      });
      continue;
    }
    const host = new HostTreeClient(spec.port);
    if (spec.copyUp) {
      const from = await imageDir(fs, spec.target);
      if (from && (await host.readdir("/")).length === 0) await copyTree(fs, from, host, "/");
    }
    await fs.mount(spec.target, { foreign: host }, {
      type: "bind",
      source: spec.source,
      readOnly: spec.readOnly,
    });
  }
}
