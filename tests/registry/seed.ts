/**
 * Seeds a test registry through skopeo: the busybox image, a multi-platform index, and images
 * with chosen layers.
 *
 * @module
 */
import type { Descriptor, Platform } from "../../backends/core/images/mod.ts";
import { busyboxConfig, busyboxLayer } from "./busybox_image.ts";
import { OciLayout, skopeoPush } from "./oci_layout.ts";
import type { TestRegistry } from "./registry_server.ts";

/** What was pushed. */
export interface Seeded {
  reference: string;
  /** The manifest (or index) digest the registry holds. */
  digest: string;
  manifests: Descriptor[];
}

async function withLayout<T>(fn: (layout: OciLayout) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "oci-layout-" });
  try {
    return await fn(new OciLayout(dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Pushes the busybox image as `<registry>/<repository>`. */
export async function seedBusybox(registry: TestRegistry, repository: string): Promise<Seeded> {
  return await seedImage(registry, repository, [await busyboxLayer()]);
}

/** Pushes a single-platform image with the given uncompressed layers. */
export async function seedImage(
  registry: TestRegistry,
  repository: string,
  layers: Uint8Array[],
  platform?: Platform,
  mangle?: (gzipped: Uint8Array, index: number) => Uint8Array,
): Promise<Seeded> {
  return await withLayout(async (layout) => {
    const manifest = await layout.image({ layers, config: busyboxConfig, platform, mangle });
    await layout.tag("seed", manifest);
    const reference = `${registry.host}/${repository}`;
    await skopeoPush(layout, "seed", reference);
    return { reference, digest: manifest.digest, manifests: [manifest] };
  });
}

/** Pushes an index with one busybox image per platform (each with its own config). */
export async function seedIndex(
  registry: TestRegistry,
  repository: string,
  platforms: Platform[],
): Promise<Seeded> {
  const layer = await busyboxLayer();
  return await withLayout(async (layout) => {
    const manifests: Descriptor[] = [];
    for (const platform of platforms) {
      manifests.push(await layout.image({ layers: [layer], config: busyboxConfig, platform }));
    }
    const index = await layout.index(manifests);
    await layout.tag("seed", index);
    const reference = `${registry.host}/${repository}`;
    await skopeoPush(layout, "seed", reference, true);
    return { reference, digest: index.digest, manifests };
  });
}
