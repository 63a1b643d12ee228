/**
 * The local volume driver: each volume is a directory `<data-root>/volumes/<name>/` holding
 * `_data` (what containers see, its truthful Mountpoint) and `volume.json` (name, labels,
 * options, creation time), so volumes and their data survive a daemon restart.
 *
 * @module
 */
import { Conflict, InvalidParameter, NotFound, NotImplemented } from "../core/errors.ts";
import type { Volume, VolumeCreateBody } from "../core/protocol_volumes.ts";
import { ANONYMOUS_VOLUME_LABEL } from "../core/protocol_volumes.ts";
import type { MemoryBackendState } from "./state.ts";

/** moby's volume name rule (`volume/local`): two or more of these, starting alphanumeric. */
const VALID_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export class VolumeStore {
  #volumes = new Map<string, Volume>();

  private constructor(readonly root: string) {}

  /** Opens (creating) `<dataRoot>/volumes` and reads the volumes already there. */
  static async open(dataRoot: string): Promise<VolumeStore> {
    const dir = `${dataRoot}/volumes`;
    await Deno.mkdir(dir, { recursive: true, mode: 0o701 });
    const store = new VolumeStore(await Deno.realPath(dir));
    for await (const entry of Deno.readDir(store.root)) {
      if (!entry.isDirectory) continue;
      const meta = `${store.root}/${entry.name}/volume.json`;
      let volume: Volume;
      try {
        volume = JSON.parse(await Deno.readTextFile(meta));
      } catch (error) {
        throw new Error(`volume ${entry.name}: cannot read ${meta}: ${(error as Error).message}`);
      }
      store.#volumes.set(volume.Name, { ...volume, Mountpoint: store.dataPath(volume.Name) });
    }
    return store;
  }

  /** The host directory holding a volume's data. */
  dataPath(name: string): string {
    return `${this.root}/${name}/_data`;
  }

  all(): Volume[] {
    return [...this.#volumes.values()];
  }

  has(name: string): boolean {
    return this.#volumes.has(name);
  }

  get(name: string): Volume {
    const volume = this.#volumes.get(name);
    if (!volume) throw new NotFound(`get ${name}: no such volume`);
    return volume;
  }

  /**
   * Creates a volume, or returns the existing one of that name (as moby does). A missing name
   * makes an anonymous volume: a random 64-hex name and moby's anonymous label.
   */
  async create(body: VolumeCreateBody): Promise<{ volume: Volume; created: boolean }> {
    const driver = body.Driver || "local";
    if (driver !== "local") {
      throw new NotFound(`plugin "${driver}" not found (the memory backend has only "local")`);
    }
    if (Object.keys(body.DriverOpts ?? {}).length > 0) {
      throw new NotImplemented(
        "memory backend: local volume driver options (type, device, o) need mount(8), " +
          "which the daemon does not use",
      );
    }
    const anonymous = !body.Name;
    const name = body.Name || randomVolumeName();
    if (!VALID_NAME.test(name)) {
      throw new InvalidParameter(
        `create ${name}: "${name}" includes invalid characters for a local volume name, ` +
          `only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host ` +
          "directory, use absolute path",
      );
    }
    const existing = this.#volumes.get(name);
    if (existing) return { volume: existing, created: false };
    const labels = { ...(body.Labels ?? {}) };
    if (anonymous) labels[ANONYMOUS_VOLUME_LABEL] = "";
    const volume: Volume = {
      Name: name,
      Driver: driver,
      Mountpoint: this.dataPath(name),
      CreatedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      Labels: labels,
      Scope: "local",
      Options: {},
    };
    await Deno.mkdir(volume.Mountpoint, { recursive: true, mode: 0o755 });
    // The data directory exists before the record: a record always has its data.
    await Deno.writeTextFile(`${this.root}/${name}/volume.json`, JSON.stringify(volume));
    this.#volumes.set(name, volume);
    return { volume, created: true };
  }

  /** Removes the volume and its data. */
  async remove(name: string): Promise<void> {
    this.get(name);
    await Deno.remove(`${this.root}/${name}/volume.json`);
    this.#volumes.delete(name);
    await Deno.remove(`${this.root}/${name}`, { recursive: true });
  }

  /** Bytes of file data under the volume (for prune's SpaceReclaimed and `system df`). */
  async size(name: string): Promise<number> {
    let total = 0;
    const walk = async (dir: string) => {
      for await (const e of Deno.readDir(dir)) {
        const path = `${dir}/${e.name}`;
        if (e.isDirectory) await walk(path);
        else if (e.isFile) total += (await Deno.lstat(path)).size;
      }
    };
    await walk(this.dataPath(name));
    return total;
  }
}

function randomVolumeName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const stores = new WeakMap<MemoryBackendState, Promise<VolumeStore>>();

/** The backend's volume store, opened once per backend state. */
export function volumesOf(state: MemoryBackendState): Promise<VolumeStore> {
  let store = stores.get(state);
  if (!store) {
    store = VolumeStore.open(state.options.dataRoot);
    stores.set(state, store);
  }
  return store;
}

/** The 409 moby answers when a volume is still used by containers. */
export function volumeInUse(name: string, containerIds: string[]): Conflict {
  return new Conflict(`remove ${name}: volume is in use - [${containerIds.join(", ")}]`);
}
