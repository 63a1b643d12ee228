/**
 * Volumes as `docker system df` lists them: each with its size on disk and how many containers
 * mount it (moby's UsageData).
 *
 * @module
 */
import type { Volume } from "../core/protocol_volumes.ts";
import { containersUsing } from "./mounts.ts";
import type { MemoryBackendState } from "./state.ts";
import { volumesOf } from "./volume_store.ts";

export async function volumeUsage(state: MemoryBackendState): Promise<Volume[]> {
  const volumes = await volumesOf(state);
  return await Promise.all(
    volumes.all().map(async (v) => ({
      ...v,
      UsageData: {
        Size: await volumes.size(v.Name),
        RefCount: containersUsing(state, v.Name).length,
      },
    })),
  );
}
