/**
 * The built-in image: the sandbox's Alpine-like root filesystem stored as a real single-layer
 * OCI image (manifest, config, layer blob) in the image store, so it lists, inspects, saves and
 * runs like any other image. It carries the label `io.sockerless.builtin=true`.
 *
 * @module
 */
import {
  digestOf,
  formatReference,
  type ImageRecord,
  type ImageReference,
  type ImageStore,
  registerImage,
} from "../core/images/mod.ts";
import { builtinRootfsTar } from "./builtin_rootfs.ts";
import { BUILTIN_LABEL } from "./create.ts";

const LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
const CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
const MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
const encoder = new TextEncoder();

/** The built-in image already in the store, if any. */
export function findBuiltinImage(store: ImageStore): ImageRecord | undefined {
  return store.list().find((i) => i.config.config?.Labels?.[BUILTIN_LABEL] === "true");
}

/** Stores the built-in image (once) and points `reference` at it. */
export async function registerBuiltinImage(
  store: ImageStore,
  reference: ImageReference,
): Promise<ImageRecord> {
  const existing = findBuiltinImage(store);
  if (existing) {
    await store.tag(existing.id, formatReference(reference));
    return store.get(existing.id)!;
  }
  const layer = await builtinRootfsTar();
  const layerDigest = digestOf(layer);
  await store.blobs.putBytes(layer, { digest: layerDigest });
  const config = encoder.encode(JSON.stringify({
    created: "2026-01-01T00:00:00Z",
    architecture: "amd64",
    os: "linux",
    config: {
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Cmd: ["/bin/sh"],
      Labels: { [BUILTIN_LABEL]: "true" },
    },
    rootfs: { type: "layers", diff_ids: [layerDigest] },
    history: [{
      created: "2026-01-01T00:00:00Z",
      created_by: "sockerless: built-in sandbox root filesystem (Alpine-like, busybox applets)",
    }],
  }));
  const configDigest = digestOf(config);
  await store.blobs.putBytes(config, { digest: configDigest });
  const manifest = encoder.encode(JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_MEDIA_TYPE,
    config: { mediaType: CONFIG_MEDIA_TYPE, digest: configDigest, size: config.length },
    layers: [{ mediaType: LAYER_MEDIA_TYPE, digest: layerDigest, size: layer.length }],
  }));
  await store.blobs.putBytes(manifest, { digest: digestOf(manifest) });
  return await registerImage(store, {
    manifestBytes: manifest,
    manifestMediaType: MANIFEST_MEDIA_TYPE,
    layerContents: [{ diffId: layerDigest, size: layer.length }],
  }, { tags: [reference] });
}
