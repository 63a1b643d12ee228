/**
 * The image store: image records indexed in `<root>/images.json` (rewritten atomically, so it
 * survives restarts and crashes), over the {@link BlobStore}. It resolves names and IDs like
 * Docker's `GetImage`, moves tags between images, and deletes blobs no image still needs.
 *
 * @module
 */
import { InvalidParameter, NotFound } from "../errors.ts";
import { BlobStore } from "./blob_store.ts";
import { blobsOf, type ImageRecord } from "./image_record.ts";
import {
  formatReference,
  type ImageReference,
  isIdPrefix,
  parseReference,
  repositoryName,
  withDefaultTag,
} from "./reference.ts";

const indexVersion = 1;

interface IndexFile {
  version: number;
  images: ImageRecord[];
}

/** An image found by a name or an ID; `reference` is set when it was found by name. */
export interface ResolvedImage {
  image: ImageRecord;
  reference?: ImageReference;
}

/**
 * Images and their blobs under one data root.
 *
 * @example
 * ```ts
 * const store = await ImageStore.open("/var/lib/sockerless/images");
 * const image = store.resolve("alpine"); // docker.io/library/alpine:latest, or NotFound
 * await store.tag(image.id, "localhost:5000/alpine:copy");
 * ```
 */
export class ImageStore {
  #images = new Map<string, ImageRecord>();
  #leases = new Map<string, number>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly root: string, readonly blobs: BlobStore) {}

  /**
   * Opens the store at `root`, reading the index a previous run left, and deletes blobs no image
   * references (what a pull or load interrupted by a crash had written). Open one store per
   * root: a second instance would not see the first one's in-flight leases.
   */
  static async open(root: string): Promise<ImageStore> {
    const store = new ImageStore(root, await BlobStore.open(root));
    let text: string | undefined;
    try {
      text = await Deno.readTextFile(store.#indexPath);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (text !== undefined) {
      const index = JSON.parse(text) as IndexFile;
      if (index.version !== indexVersion) {
        throw new Error(`${store.#indexPath}: unsupported index version ${index.version}`);
      }
      for (const image of index.images) store.#images.set(image.id, image);
    }
    const orphans: string[] = [];
    for await (const digest of store.blobs.digests()) orphans.push(digest);
    await store.collectGarbage(orphans);
    return store;
  }

  get #indexPath(): string {
    return `${this.root}/images.json`;
  }

  /** All images, oldest first. */
  list(): ImageRecord[] {
    return [...this.#images.values()].sort((a, b) =>
      a.created.localeCompare(b.created) || a.addedAt.localeCompare(b.addedAt)
    );
  }

  /** An image by its full ID, or undefined. */
  get(id: string): ImageRecord | undefined {
    return this.#images.get(id);
  }

  /**
   * Finds an image as Docker's `GetImage` does: a full ID, then a name (tag defaulting to
   * `latest`, or `name@digest`), then a unique ID prefix. Throws NotFound ("No such image").
   */
  resolve(nameOrId: string): ResolvedImage {
    const full = /^(sha256:)?([a-f0-9]{64})$/.exec(nameOrId);
    if (full) {
      const image = this.#images.get(`sha256:${full[2]}`);
      if (image) return { image };
      throw new NotFound(`No such image: ${nameOrId}`);
    }
    let reference: ImageReference | undefined;
    try {
      reference = withDefaultTag(parseReference(nameOrId));
    } catch (error) {
      if (!isIdPrefix(nameOrId)) throw error;
    }
    if (reference) {
      const image = this.findByReference(reference);
      if (image) return { image, reference };
    }
    if (isIdPrefix(nameOrId)) {
      const prefix = nameOrId.startsWith("sha256:") ? nameOrId : `sha256:${nameOrId}`;
      const matches = [...this.#images.keys()].filter((id) => id.startsWith(prefix));
      if (matches.length > 1) {
        throw new InvalidParameter(
          `ambiguous image ID prefix ${nameOrId}: matches ${matches.length} images`,
        );
      }
      if (matches.length === 1) return { image: this.#images.get(matches[0])! };
    }
    throw new NotFound(`No such image: ${nameOrId}`);
  }

  /** The image a normalised reference points at (tag or digest), or undefined. */
  findByReference(reference: ImageReference): ImageRecord | undefined {
    if (reference.digest) {
      const wanted = `${repositoryName(reference)}@${reference.digest}`;
      for (const image of this.#images.values()) {
        if (image.repoDigests.includes(wanted)) return image;
      }
      // `name@<image id>` names the image itself, as in Docker.
      return this.#images.get(reference.digest);
    }
    const wanted = formatReference(withDefaultTag(reference));
    for (const image of this.#images.values()) {
      if (image.repoTags.includes(wanted)) return image;
    }
    return undefined;
  }

  /**
   * Adds or updates an image, then points the given tags and digests at it (taking tags away
   * from whichever image had them). All its blobs must already be stored.
   */
  async put(
    image: Omit<ImageRecord, "repoTags" | "repoDigests" | "addedAt">,
    names: { tags?: ImageReference[]; digests?: ImageReference[] } = {},
  ): Promise<ImageRecord> {
    for (const digest of [image.manifestDigest, image.id, ...image.layers.map((l) => l.digest)]) {
      if (!(await this.blobs.has(digest))) {
        throw new Error(`image ${image.id}: blob ${digest} is missing`);
      }
    }
    return await this.#mutate((images) => {
      const existing = images.get(image.id);
      const record: ImageRecord = {
        ...image,
        repoTags: existing?.repoTags ?? [],
        repoDigests: existing?.repoDigests ?? [],
        ...(existing?.lastTagTime && { lastTagTime: existing.lastTagTime }),
        addedAt: existing?.addedAt ?? new Date().toISOString(),
      };
      images.set(record.id, record);
      for (const tag of names.tags ?? []) this.#pointTag(images, record, tag);
      for (const digest of names.digests ?? []) {
        const name = `${repositoryName(digest)}@${digest.digest}`;
        for (const other of images.values()) {
          other.repoDigests = other.repoDigests.filter((d) => d !== name || other === record);
        }
        if (!record.repoDigests.includes(name)) record.repoDigests.push(name);
      }
      return record;
    });
  }

  /** `docker tag`: points `target` (tag defaulting to `latest`) at the image `source` names. */
  async tag(source: string, target: string): Promise<void> {
    const { image } = this.resolve(source);
    const reference = parseReference(target);
    if (reference.digest) {
      throw new InvalidParameter("refusing to create a tag with a digest reference");
    }
    await this.#mutate((images) =>
      this.#pointTag(images, images.get(image.id)!, withDefaultTag(reference))
    );
  }

  /** Removes one tag or digest reference (normalised) from whichever image has it. */
  async removeReference(reference: string): Promise<void> {
    await this.#mutate((images) => {
      for (const image of images.values()) {
        image.repoTags = image.repoTags.filter((t) => t !== reference);
        image.repoDigests = image.repoDigests.filter((d) => d !== reference);
      }
    });
  }

  /**
   * Deletes an image record and the blobs no other image (or in-flight operation) needs.
   * Returns the deleted blobs' digests.
   */
  async deleteImage(id: string): Promise<string[]> {
    const removed = await this.#mutate((images) => {
      const image = images.get(id);
      if (!image) throw new NotFound(`No such image: ${id}`);
      images.delete(id);
      return image;
    });
    return await this.collectGarbage(blobsOf(removed));
  }

  /**
   * Keeps blobs from garbage collection while an operation (pull, load) that will reference
   * them is in flight. Call the returned function when the operation is done.
   */
  lease(digests: Iterable<string>): () => void {
    const held = [...digests];
    for (const digest of held) this.#leases.set(digest, (this.#leases.get(digest) ?? 0) + 1);
    return () => {
      for (const digest of held) {
        const count = (this.#leases.get(digest) ?? 1) - 1;
        if (count === 0) this.#leases.delete(digest);
        else this.#leases.set(digest, count);
      }
    };
  }

  /** Deletes those of `candidates` that no image references and no lease holds. */
  async collectGarbage(candidates: Iterable<string>): Promise<string[]> {
    return await this.#serial(async () => {
      const used = new Set([...this.#images.values()].flatMap(blobsOf));
      const deleted: string[] = [];
      for (const digest of new Set(candidates)) {
        if (used.has(digest) || this.#leases.has(digest)) continue;
        if (await this.blobs.has(digest)) {
          await this.blobs.delete(digest);
          deleted.push(digest);
        }
      }
      return deleted;
    });
  }

  #pointTag(images: Map<string, ImageRecord>, record: ImageRecord, reference: ImageReference) {
    const name = formatReference(reference);
    for (const other of images.values()) {
      if (other !== record) other.repoTags = other.repoTags.filter((t) => t !== name);
    }
    if (!record.repoTags.includes(name)) record.repoTags.push(name);
    record.lastTagTime = new Date().toISOString();
  }

  // Runs one change at a time against a copy, persists it, then makes it visible: a failed
  // write leaves both the file and the in-memory index as they were.
  async #mutate<T>(change: (images: Map<string, ImageRecord>) => T): Promise<T> {
    return await this.#serial(async () => {
      const copy = new Map([...this.#images].map(([id, image]) => [id, structuredClone(image)]));
      const result = change(copy);
      const temp = this.blobs.tempPath();
      const index: IndexFile = { version: indexVersion, images: [...copy.values()] };
      using file = await Deno.open(temp, { write: true, createNew: true });
      await file.write(new TextEncoder().encode(JSON.stringify(index)));
      await file.syncData();
      await Deno.rename(temp, this.#indexPath);
      this.#images = copy;
      return result;
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }
}
