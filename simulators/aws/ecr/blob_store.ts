/**
 * The registry's bytes: content-addressed blobs and the uploads that produce them. With a data
 * directory, blobs live in `<dataDir>/ecr/blobs/sha256/<hex>` (so they survive a restart beside
 * the state that names them) and uploads stream to `<dataDir>/ecr/uploads/<id>`; without one,
 * both live in memory. Each upload hashes its bytes as they arrive, so completing it checks the
 * digest without reading the blob again.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import type { World } from "../context.ts";
import { RegistryError } from "./registry_errors.ts";

interface Upload {
  size: number;
  hash: Hash;
  /** In-memory uploads keep their chunks; on-disk ones append to their file. */
  chunks?: Uint8Array[];
  /** Set while a request writes to it: a second writer would interleave bytes. */
  busy: boolean;
}

/** A stored blob, ready to send. */
export interface StoredBlob {
  size: number;
  body: ReadableStream<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer>;
}

const stores = new WeakMap<World, BlobStore>();

export class BlobStore {
  #memory = new Map<string, Uint8Array<ArrayBuffer>>();
  #uploads = new Map<string, Upload>();
  #ready: Promise<void> | undefined;

  private constructor(readonly dir: string | undefined) {}

  /** The one blob store of a simulator (its world), under its data directory when it has one. */
  static of(world: World): BlobStore {
    let store = stores.get(world);
    if (!store) {
      const dataDir = world.store.dataDir;
      store = new BlobStore(dataDir === undefined ? undefined : `${dataDir}/ecr`);
      stores.set(world, store);
    }
    return store;
  }

  /** Creates the directories once; uploads left by a previous run cannot be resumed, so go. */
  #prepare(): Promise<void> {
    if (!this.dir) return Promise.resolve();
    return this.#ready ??= (async () => {
      await Deno.remove(`${this.dir}/uploads`, { recursive: true }).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
      await Deno.mkdir(`${this.dir}/uploads`, { recursive: true });
      await Deno.mkdir(`${this.dir}/blobs/sha256`, { recursive: true });
    })();
  }

  #blobPath(digest: string): string {
    return `${this.dir}/blobs/sha256/${digest.slice("sha256:".length)}`;
  }

  /** The blob's size, or undefined when the store does not hold it. */
  async size(digest: string): Promise<number | undefined> {
    if (!this.dir) return this.#memory.get(digest)?.length;
    try {
      return (await Deno.stat(this.#blobPath(digest))).size;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    }
  }

  /**
   * The blob's bytes from `start` to `end` (inclusive; default: to the end), or undefined when
   * the store does not hold it. `size` is the whole blob's.
   */
  async open(digest: string, start = 0, end?: number): Promise<StoredBlob | undefined> {
    if (!this.dir) {
      const bytes = this.#memory.get(digest);
      return bytes && { size: bytes.length, body: bytes.subarray(start, (end ?? Infinity) + 1) };
    }
    let file: Deno.FsFile;
    try {
      file = await Deno.open(this.#blobPath(digest));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    }
    const size = (await file.stat()).size;
    if (start > 0) await file.seek(start, Deno.SeekMode.Start);
    if (end === undefined || end >= size - 1) return { size, body: file.readable };
    let left = end - start + 1;
    const reader = file.readable.getReader();
    const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done || left <= 0) {
          controller.close();
          await reader.cancel();
          return;
        }
        const chunk = value.subarray(0, left);
        left -= chunk.length;
        controller.enqueue(chunk);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return { size, body };
  }

  /** Opens an upload; returns its id. */
  async startUpload(): Promise<string> {
    await this.#prepare();
    const id = crypto.randomUUID();
    const upload: Upload = { size: 0, hash: createHash("sha256"), busy: false };
    if (this.dir) await Deno.writeFile(`${this.dir}/uploads/${id}`, new Uint8Array());
    else upload.chunks = [];
    this.#uploads.set(id, upload);
    return id;
  }

  /** The bytes received so far, or BLOB_UPLOAD_UNKNOWN. */
  uploadedSize(id: string): number {
    return this.#upload(id).size;
  }

  #upload(id: string): Upload {
    const upload = this.#uploads.get(id);
    if (!upload) throw new RegistryError("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    return upload;
  }

  /**
   * Appends a body to an upload. `start` (from `Content-Range`) must be where the upload ends,
   * else 416 as the spec says: chunks are in order, never rewritten.
   */
  async append(
    id: string,
    body: ReadableStream<Uint8Array> | null,
    start?: number,
  ): Promise<number> {
    const upload = this.#upload(id);
    if (start !== undefined && start !== upload.size) {
      throw new RegistryError(
        "BLOB_UPLOAD_INVALID",
        `chunk starts at ${start} but the upload holds ${upload.size} bytes`,
        undefined,
        416,
      );
    }
    if (upload.busy) {
      throw new RegistryError("BLOB_UPLOAD_INVALID", "another request is writing to this upload");
    }
    if (!body) return upload.size;
    upload.busy = true;
    const file = this.dir
      ? await Deno.open(`${this.dir}/uploads/${id}`, { append: true })
      : undefined;
    try {
      for await (const chunk of body) {
        upload.hash.update(chunk);
        upload.size += chunk.length;
        if (file) {
          for (let offset = 0; offset < chunk.length;) {
            offset += await file.write(chunk.subarray(offset));
          }
        } else {
          upload.chunks!.push(chunk.slice());
        }
      }
    } finally {
      file?.close();
      upload.busy = false;
    }
    return upload.size;
  }

  /** Ends an upload as the blob `digest`; a different digest discards it with DIGEST_INVALID. */
  async complete(id: string, digest: string): Promise<number> {
    const upload = this.#upload(id);
    if (upload.busy) {
      throw new RegistryError("BLOB_UPLOAD_INVALID", "another request is writing to this upload");
    }
    this.#uploads.delete(id);
    const actual = `sha256:${upload.hash.digest("hex")}`;
    if (actual !== digest) {
      await this.#discard(id);
      throw new RegistryError(
        "DIGEST_INVALID",
        "provided digest did not match uploaded content",
        { expected: digest, actual },
      );
    }
    if (!this.dir) {
      const bytes = new Uint8Array(upload.size);
      let offset = 0;
      for (const chunk of upload.chunks!) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      this.#memory.set(digest, bytes);
    } else {
      // The same bytes may already be stored (another repository pushed them): rename over them.
      await Deno.rename(`${this.dir}/uploads/${id}`, this.#blobPath(digest));
    }
    return upload.size;
  }

  /** Cancels an upload (DELETE on its URL). */
  async cancel(id: string): Promise<void> {
    this.#upload(id);
    this.#uploads.delete(id);
    await this.#discard(id);
  }

  async #discard(id: string): Promise<void> {
    if (this.dir) await Deno.remove(`${this.dir}/uploads/${id}`).catch(() => {});
  }

  /**
   * Removes every blob no repository links (after repositories are deleted). `isLinked` is asked
   * per blob, at the moment it would go, so a blob linked meanwhile stays.
   */
  async prune(isLinked: (digest: string) => boolean): Promise<void> {
    if (!this.dir) {
      for (const digest of this.#memory.keys()) if (!isLinked(digest)) this.#memory.delete(digest);
      return;
    }
    await this.#prepare();
    for await (const entry of Deno.readDir(`${this.dir}/blobs/sha256`)) {
      if (!isLinked(`sha256:${entry.name}`)) {
        await Deno.remove(`${this.dir}/blobs/sha256/${entry.name}`).catch(() => {});
      }
    }
  }
}
