/**
 * A workload's root filesystem from its image's layers: each uncompressed layer tar imported
 * over the one below with the sandbox's `importLayer` (OCI whiteouts applied), a writable layer
 * on top with the workload's own /etc/hostname, /proc and /dev mounted, and the working
 * directory created when the image lacks it, as runc does.
 *
 * @module
 */
import {
  createFileSystem,
  type FileSystem,
  importLayer,
  type Layer,
  LayerBuilder,
  type SystemInfo,
} from "../../../sandbox/mod.ts";
import type { WorkloadLayer } from "./workload.ts";

/** The filesystem for `layers` (bottom first); an image with no layers gets an empty root. */
export async function imageRootfs(
  layers: WorkloadLayer[],
  system: SystemInfo,
  workdir: string,
): Promise<FileSystem> {
  let top: Layer = new LayerBuilder().finish();
  let parent: Layer | undefined;
  for (const { digest, tar } of layers) {
    try {
      parent = await importLayer(new Blob([tar as Uint8Array<ArrayBuffer>]).stream(), { parent });
    } catch (e) {
      throw new Error(`image layer ${digest}: ${(e as Error).message}`, { cause: e });
    }
    top = parent;
  }
  const fs = await createFileSystem({ image: top, system, devices: true });
  await fs.mkdir("/etc", { recursive: true, mode: 0o755 });
  await fs.writeFile("/etc/hostname", new TextEncoder().encode(system.hostname + "\n"), {
    mode: 0o644,
  });
  await fs.mkdir(workdir, { recursive: true, mode: 0o755 });
  return fs;
}
