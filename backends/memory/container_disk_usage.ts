/**
 * `docker system df` on the memory backend: images with their sizes, the space they share and
 * how many containers use them; containers with what their writable layers hold (SizeRw) and
 * their whole root filesystem (SizeRootFs), measured by their actors now.
 *
 * @module
 */
import { listImages } from "../core/images/mod.ts";
import type { DiskUsage } from "../core/protocol.ts";
import type { ContainerSizes } from "./container/protocol.ts";
import { summarizeContainer } from "./render.ts";
import type { MemoryBackendState } from "./state.ts";
import { volumeUsage } from "./volume_usage.ts";

export async function diskUsage(state: MemoryBackendState): Promise<DiskUsage> {
  const records = state.images.list();
  // A layer's bytes are stored once however many images use it (moby's LayersSize).
  const layerUsers = new Map<string, { size: number; images: number }>();
  for (const image of records) {
    for (const layer of image.layers) {
      const entry = layerUsers.get(layer.digest) ?? { size: layer.uncompressedSize, images: 0 };
      entry.images++;
      layerUsers.set(layer.digest, entry);
    }
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  const containers = state.containers.all();
  const Images = listImages(state.images).map((summary) => {
    const record = byId.get(summary.Id);
    const shared = (record?.layers ?? [])
      .filter((l) => (layerUsers.get(l.digest)?.images ?? 0) > 1)
      .reduce((n, l) => n + l.uncompressedSize, 0);
    const users = containers.filter((c) => c.image.id === summary.Id).length;
    return { ...summary, SharedSize: shared, Containers: users };
  });
  const Containers = await Promise.all(containers.map(async (c) => {
    const sizes = c.actorLost
      ? undefined
      : await c.actor.ask<ContainerSizes>({ type: "size" }).catch(() => undefined);
    return summarizeContainer(c, sizes);
  }));
  return {
    LayersSize: [...layerUsers.values()].reduce((n, l) => n + l.size, 0),
    Images,
    Containers,
    Volumes: await volumeUsage(state),
    BuildCache: [],
  };
}
