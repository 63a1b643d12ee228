/**
 * `docker save`: one or many images as a tar in the layout Docker 25+ writes, readable both by
 * the docker-archive loader (`manifest.json`, `repositories`) and as an OCI image layout
 * (`oci-layout`, `index.json`, `blobs/sha256/…`). Blobs go out as stored, each once.
 *
 * @module
 */
import { createTarPacker } from "modern-tar";
import { digestHex } from "./digest.ts";
import type { ImageRecord } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { MediaType } from "./oci.ts";
import {
  familiarName,
  familiarString,
  formatReference,
  type ImageReference,
  parseReference,
  repositoryName,
} from "./reference.ts";

/** One image of an archive and the tags it is saved with. */
interface SavedImage {
  image: ImageRecord;
  tags: ImageReference[];
}

const encoder = new TextEncoder();
const mtime = new Date(0);

/**
 * Resolves names as moby's `docker save` does: an ID saves the image untagged, `name:tag` that
 * tag, a bare repository name every tag of that repository. Throws NotFound before any byte.
 */
export function selectImagesToSave(store: ImageStore, names: string[]): SavedImage[] {
  const selected = new Map<string, SavedImage>();
  const add = (image: ImageRecord, tags: ImageReference[]) => {
    const entry = selected.get(image.id) ?? { image, tags: [] };
    for (const tag of tags) {
      if (!entry.tags.some((t) => formatReference(t) === formatReference(tag))) {
        entry.tags.push(tag);
      }
    }
    selected.set(image.id, entry);
  };
  for (const name of names) {
    let explicit: ImageReference | undefined;
    try {
      explicit = parseReference(name);
    } catch { /* an ID or ID prefix */ }
    if (explicit && explicit.tag === undefined && explicit.digest === undefined) {
      // A bare repository name saves every tag of that repository.
      let found = false;
      for (const image of store.list()) {
        const tags = image.repoTags.map(parseReference)
          .filter((r) => repositoryName(r) === repositoryName(explicit));
        if (tags.length > 0) {
          add(image, tags);
          found = true;
        }
      }
      if (found) continue;
    }
    const { image, reference } = store.resolve(name);
    add(image, reference && !reference.digest && explicit ? [reference] : []);
  }
  return [...selected.values()];
}

/**
 * Streams the archive of the named images.
 *
 * @example
 * ```ts
 * await saveImages(store, ["busybox"]).pipeTo((await Deno.create("busybox.tar")).writable);
 * ```
 */
export function saveImages(store: ImageStore, names: string[]): ReadableStream<Uint8Array> {
  const images = selectImagesToSave(store, names);
  const { readable, controller } = createTarPacker();
  const write = async () => {
    const written = new Set<string>();
    const dir = async (name: string) =>
      await controller.add({ name, type: "directory", size: 0, mode: 0o755, mtime }).close();
    const file = async (name: string, bytes: Uint8Array) => {
      const writer = controller.add({ name, size: bytes.length, mode: 0o644, mtime }).getWriter();
      await writer.write(bytes);
      await writer.close();
    };
    const blob = async (digest: string) => {
      if (written.has(digest)) return;
      written.add(digest);
      const size = await store.blobs.size(digest);
      const body = controller.add({
        name: `blobs/sha256/${digestHex(digest)}`,
        size,
        mode: 0o644,
        mtime,
      });
      await (await store.blobs.open(digest)).pipeTo(body);
    };
    await dir("blobs/");
    await dir("blobs/sha256/");
    const manifests = [];
    const index = [];
    const repositories: Record<string, Record<string, string>> = {};
    for (const { image, tags } of images) {
      await blob(image.manifestDigest);
      await blob(image.id);
      for (const layer of image.layers) await blob(layer.digest);
      manifests.push({
        Config: `blobs/sha256/${digestHex(image.id)}`,
        RepoTags: tags.length > 0 ? tags.map(familiarString) : null,
        Layers: image.layers.map((l) => `blobs/sha256/${digestHex(l.digest)}`),
      });
      const descriptor = {
        mediaType: image.manifestMediaType,
        digest: image.manifestDigest,
        size: await store.blobs.size(image.manifestDigest),
      };
      if (tags.length === 0) index.push(descriptor);
      for (const tag of tags) {
        index.push({
          ...descriptor,
          annotations: {
            "io.containerd.image.name": formatReference(tag),
            "org.opencontainers.image.ref.name": tag.tag!,
          },
        });
        (repositories[familiarName(tag)] ??= {})[tag.tag!] = digestHex(image.id);
      }
    }
    await file(
      "index.json",
      encoder.encode(
        JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: index }),
      ),
    );
    await file("manifest.json", encoder.encode(JSON.stringify(manifests)));
    await file("oci-layout", encoder.encode(JSON.stringify({ imageLayoutVersion: "1.0.0" })));
    if (Object.keys(repositories).length > 0) {
      await file("repositories", encoder.encode(JSON.stringify(repositories)));
    }
    controller.finalize();
  };
  write().catch((error) => controller.error(error));
  return readable;
}
