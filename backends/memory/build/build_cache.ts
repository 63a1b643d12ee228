/**
 * The classic builder's layer cache: a step's result (its config, history entry and layer tar)
 * kept under `<data-root>/build-cache/` by a key of the parent step's key, the instruction as
 * substituted, and the digest of what it copies. A later build with the same key reuses it
 * without running anything (`---> Using cache`); `nocache` skips lookups.
 *
 * @module
 */
import type { ContainerConfig, HistoryEntry } from "../../core/images/mod.ts";
import { digestOf } from "../../core/images/mod.ts";

/** What a step produced. */
export interface StepResult {
  config: ContainerConfig;
  author?: string;
  history: HistoryEntry;
  /** The step's layer (uncompressed tar), absent for config-only steps. */
  layer?: Uint8Array;
}

/** The cache key of a step. */
export function stepKey(parent: string, instruction: string, content = ""): string {
  return digestOf(`${parent}\n${instruction}\n${content}`);
}

export class BuildCache {
  constructor(readonly dir: string) {}

  #path(key: string, ext: string): string {
    return `${this.dir}/${key.replace(/^sha256:/, "")}.${ext}`;
  }

  async get(key: string): Promise<StepResult | undefined> {
    let meta: Omit<StepResult, "layer"> & { hasLayer: boolean };
    try {
      meta = JSON.parse(await Deno.readTextFile(this.#path(key, "json")));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
    if (!meta.hasLayer) return { config: meta.config, author: meta.author, history: meta.history };
    try {
      const layer = await Deno.readFile(this.#path(key, "tar"));
      return { config: meta.config, author: meta.author, history: meta.history, layer };
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined; // a half-removed entry
      throw error;
    }
  }

  async put(key: string, result: StepResult): Promise<void> {
    await Deno.mkdir(this.dir, { recursive: true });
    // The layer goes first and the metadata last, each renamed into place, so a reader never
    // sees an entry whose layer is missing or partial.
    if (result.layer) {
      const tmp = `${this.#path(key, "tar")}.${crypto.randomUUID()}.tmp`;
      await Deno.writeFile(tmp, result.layer);
      await Deno.rename(tmp, this.#path(key, "tar"));
    }
    const tmp = `${this.#path(key, "json")}.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(
      tmp,
      JSON.stringify({
        config: result.config,
        author: result.author,
        history: result.history,
        hasLayer: Boolean(result.layer),
      }),
    );
    await Deno.rename(tmp, this.#path(key, "json"));
  }

  /** Removes every entry; returns the keys removed and the bytes freed. */
  async prune(): Promise<{ keys: string[]; bytes: number }> {
    const keys: string[] = [];
    let bytes = 0;
    try {
      for await (const entry of Deno.readDir(this.dir)) {
        const path = `${this.dir}/${entry.name}`;
        try {
          const size = (await Deno.stat(path)).size;
          await Deno.remove(path);
          bytes += size;
          if (entry.name.endsWith(".json")) keys.push(`sha256:${entry.name.slice(0, -5)}`);
        } catch (error) {
          // A build renaming its entry into place meanwhile; the next prune gets it.
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    return { keys, bytes };
  }
}
