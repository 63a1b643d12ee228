/**
 * Builds real, small images straight into an {@link ImageStore} for unit tests: a gzip layer
 * holding one file, a config, a manifest, all stored as verified blobs.
 *
 * @module
 */
import { createTarPacker } from "modern-tar";
import { gzipBytes } from "./compression.ts";
import { digestOf } from "./digest.ts";
import type { ImageRecord } from "./image_record.ts";
import { ImageStore } from "./image_store.ts";
import { type ImageConfig, type ImageManifest, MediaType } from "./oci.ts";
import { parseReference, withDefaultTag } from "./reference.ts";

const encoder = new TextEncoder();

/** A tar holding the given files (path → content). */
export async function tarOf(files: Record<string, string>): Promise<Uint8Array> {
  const { readable, controller } = createTarPacker();
  const done = new Response(readable).arrayBuffer();
  for (const [name, content] of Object.entries(files)) {
    const bytes = encoder.encode(content);
    const writer = controller.add({ name, size: bytes.length, mode: 0o644 }).getWriter();
    await writer.write(bytes);
    await writer.close();
  }
  controller.finalize();
  return new Uint8Array(await done);
}

/** What a test image looks like. */
export interface TestImageSpec {
  /** One layer per entry, each a map of path → content. */
  layers?: Record<string, string>[];
  tags?: string[];
  created?: string;
  labels?: Record<string, string>;
  cmd?: string[];
  architecture?: string;
}

/** Stores a real image with the given content and returns its record. */
export async function addTestImage(
  store: ImageStore,
  spec: TestImageSpec = {},
): Promise<ImageRecord> {
  const layers = [];
  for (const files of spec.layers ?? [{ "hello.txt": "hello" }]) {
    const tar = await tarOf(files);
    const gz = await gzipBytes(tar);
    await store.blobs.putBytes(gz);
    layers.push({
      digest: digestOf(gz),
      mediaType: MediaType.ociLayerGzip,
      size: gz.length,
      diffId: digestOf(tar),
      uncompressedSize: tar.length,
    });
  }
  const config: ImageConfig = {
    created: spec.created ?? "2024-01-01T00:00:00Z",
    architecture: spec.architecture ?? "amd64",
    os: "linux",
    config: { Env: ["PATH=/bin"], Cmd: spec.cmd ?? ["sh"], Labels: spec.labels ?? null },
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({
      created: spec.created ?? "2024-01-01T00:00:00Z",
      created_by: `layer ${i}`,
    })),
  };
  const configBytes = encoder.encode(JSON.stringify(config));
  await store.blobs.putBytes(configBytes);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: {
      mediaType: MediaType.ociConfig,
      digest: digestOf(configBytes),
      size: configBytes.length,
    },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  };
  const manifestBytes = encoder.encode(JSON.stringify(manifest));
  await store.blobs.putBytes(manifestBytes);
  return await store.put({
    id: digestOf(configBytes),
    manifestDigest: digestOf(manifestBytes),
    manifestMediaType: MediaType.ociManifest,
    configMediaType: MediaType.ociConfig,
    layers,
    config: JSON.parse(new TextDecoder().decode(configBytes)),
    created: config.created!,
    size: layers.reduce((n, l) => n + l.uncompressedSize, 0),
  }, { tags: (spec.tags ?? []).map((t) => withDefaultTag(parseReference(t))) });
}

/** Runs `fn` with a store in a fresh temp dir, removed afterwards. */
export async function withTempStore(fn: (store: ImageStore, root: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "images-" });
  try {
    await fn(await ImageStore.open(root), root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
