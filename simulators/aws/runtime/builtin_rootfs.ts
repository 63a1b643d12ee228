/**
 * The root filesystem every simulated image gets for now: the sandbox's built-in Alpine-like
 * layer (sandbox/rootfs), shared read-only, under a writable container layer. Real image layers
 * replace it once the simulator pulls images; until then each task records that it ran on this
 * tree (`io.sockerless.builtin=true`), so nobody mistakes it for the image they named.
 *
 * @module
 */
import { createFileSystem, type FileSystem, type SystemInfo } from "../../../sandbox/mod.ts";
import { rootfsLayer } from "../../../sandbox/rootfs/mod.ts";

export async function builtinRootfs(system: SystemInfo): Promise<FileSystem> {
  const fs = await createFileSystem({ image: rootfsLayer(), system, devices: true });
  // Docker and ECS give each container its own /etc/hostname; the layer's copy is generic.
  await fs.writeFile("/etc/hostname", new TextEncoder().encode(system.hostname + "\n"), {
    mode: 0o644,
  });
  return fs;
}
