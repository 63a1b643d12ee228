/**
 * Where the memory backend's state lives under `--data-root`: one directory per container
 * (`containers/<id>/config.json`, its filesystem checkpoints `layer-<n>.tar` and the tail of its
 * logs `logs.bin`) and one file per network (`networks/<id>.json`). One file per object rather
 * than one journal: a change rewrites only that object's small file, there is nothing to compact,
 * and a damaged file costs one object (its previous copy), never the whole state.
 *
 * @module
 */
import type { OutputChunk } from "../../core/container_types.ts";
import { readDurable, readDurableJson, writeDurable } from "./atomic_file.ts";
import type { PersistedContainer, PersistedNetwork } from "./records.ts";

const ID = /^[a-f0-9]{64}$/;

/** One record that could not be read, with why. */
export interface UnreadableRecord {
  path: string;
  error: Error;
}

export class StateDirectory {
  readonly containers: string;
  readonly networks: string;

  constructor(dataRoot: string) {
    this.containers = `${dataRoot}/containers`;
    this.networks = `${dataRoot}/networks`;
  }

  async open(): Promise<this> {
    await Deno.mkdir(this.containers, { recursive: true });
    await Deno.mkdir(this.networks, { recursive: true });
    return this;
  }

  /** Writes of one record, one after another: they share a temporary file. */
  #queues = new Map<string, Promise<void>>();

  #serialized(key: string, write: () => Promise<void>): Promise<void> {
    const next = (this.#queues.get(key) ?? Promise.resolve()).catch(() => {}).then(write);
    this.#queues.set(key, next);
    next.finally(() => {
      if (this.#queues.get(key) === next) this.#queues.delete(key);
    }).catch(() => {});
    return next;
  }

  writeContainer(record: PersistedContainer): Promise<void> {
    const dir = `${this.containers}/${record.id}`;
    return this.#serialized(dir, async () => {
      await Deno.mkdir(dir, { recursive: true });
      await writeDurable(`${dir}/config.json`, JSON.stringify(record));
    });
  }

  removeContainer(id: string): Promise<void> {
    const dir = `${this.containers}/${id}`;
    return this.#serialized(dir, async () => {
      await Deno.remove(dir, { recursive: true }).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
    });
  }

  async writeNetwork(record: PersistedNetwork): Promise<void> {
    await writeDurable(`${this.networks}/${record.id}.json`, JSON.stringify(record));
  }

  async removeNetwork(id: string): Promise<void> {
    for (const suffix of ["", ".prev", ".tmp"]) {
      await Deno.remove(`${this.networks}/${id}.json${suffix}`).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
    }
  }

  /** Every container record, and the ones that could not be read (reported, never dropped). */
  async loadContainers(): Promise<
    { records: PersistedContainer[]; unreadable: UnreadableRecord[] }
  > {
    const records: PersistedContainer[] = [];
    const unreadable: UnreadableRecord[] = [];
    for await (const entry of Deno.readDir(this.containers)) {
      if (!entry.isDirectory || !ID.test(entry.name)) continue;
      const path = `${this.containers}/${entry.name}/config.json`;
      try {
        const record = await readDurableJson<PersistedContainer>(path);
        // A directory without a record is a create that crashed before its first write.
        if (record) records.push(record);
      } catch (error) {
        unreadable.push({ path, error: error as Error });
      }
    }
    return { records, unreadable };
  }

  async loadNetworks(): Promise<{ records: PersistedNetwork[]; unreadable: UnreadableRecord[] }> {
    const records: PersistedNetwork[] = [];
    const unreadable: UnreadableRecord[] = [];
    const ids = new Set<string>();
    for await (const entry of Deno.readDir(this.networks)) {
      const id = entry.name.split(".")[0];
      if (ID.test(id)) ids.add(id);
    }
    for (const id of ids) {
      const path = `${this.networks}/${id}.json`;
      try {
        const record = await readDurableJson<PersistedNetwork>(path);
        if (record) records.push(record);
      } catch (error) {
        unreadable.push({ path, error: error as Error });
      }
    }
    return { records, unreadable };
  }

  /** Writes checkpoint `n` of a container's writable layer (a layer tar with whiteouts). */
  async writeLayer(id: string, n: number, tar: ReadableStream<Uint8Array>): Promise<void> {
    const bytes = new Uint8Array(await new Response(tar).arrayBuffer());
    await writeDurable(`${this.containers}/${id}/layer-${n}.tar`, bytes);
  }

  /** Checkpoints 0…count-1 of a container, oldest first; a missing one is an error. */
  async readLayers(id: string, count: number): Promise<Uint8Array[]> {
    const layers: Uint8Array[] = [];
    for (let n = 0; n < count; n++) {
      const path = `${this.containers}/${id}/layer-${n}.tar`;
      const bytes = await readDurable(path);
      if (!bytes) throw new Error(`filesystem checkpoint ${path} is missing`);
      layers.push(bytes);
    }
    return layers;
  }

  /** Keeps the last output chunks: 1 byte stream, 8 bytes time, 4 bytes length, data. */
  async writeLogs(id: string, chunks: OutputChunk[]): Promise<void> {
    const size = chunks.reduce((sum, c) => sum + 13 + c.data.length, 0);
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    let at = 0;
    for (const c of chunks) {
      view.setUint8(at, c.stream);
      view.setFloat64(at + 1, c.time);
      view.setUint32(at + 9, c.data.length);
      bytes.set(c.data, at + 13);
      at += 13 + c.data.length;
    }
    await writeDurable(`${this.containers}/${id}/logs.bin`, bytes);
  }

  async readLogs(id: string): Promise<OutputChunk[]> {
    const bytes = await readDurable(`${this.containers}/${id}/logs.bin`);
    if (!bytes) return [];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const chunks: OutputChunk[] = [];
    for (let at = 0; at + 13 <= bytes.length;) {
      const length = view.getUint32(at + 9);
      chunks.push({
        stream: view.getUint8(at) as 1 | 2,
        time: view.getFloat64(at + 1),
        data: bytes.slice(at + 13, at + 13 + length),
      });
      at += 13 + length;
    }
    return chunks;
  }
}
