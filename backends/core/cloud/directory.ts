/**
 * Finding a cloud backend's containers: each backend scans its cloud for resources carrying the
 * identity tags ({@link CloudDirectory.all}); a reference resolves over that scan as Docker
 * resolves it (full id, name, then a unique id prefix).
 *
 * @module
 */
import { NotFound } from "../errors.ts";
import type { CloudContainer } from "./render.ts";

/** Container `ref` among `all`, by full id, name (with or without "/") or unique id prefix. */
export function findContainer<C extends CloudContainer>(all: C[], ref: string): C {
  const name = ref.replace(/^\//, "");
  const exact = all.find((c) => c.id === ref) ?? all.find((c) => c.name === name);
  if (exact) return exact;
  const prefixed = ref.length > 0 ? all.filter((c) => c.id.startsWith(ref)) : [];
  if (prefixed.length === 1) return prefixed[0];
  throw new NotFound(`No such container: ${ref}`);
}

/** Containers found by scanning the cloud; every lookup is a fresh scan. */
export abstract class CloudDirectory<C extends CloudContainer> {
  /** Every container, newest first. */
  abstract all(): Promise<C[]>;

  /** By full id, unique id prefix or name, as Docker resolves references. */
  async get(ref: string): Promise<C> {
    return findContainer(await this.all(), ref);
  }
}
