/**
 * The built-in root filesystem layer (sandbox/rootfs's Alpine-like tree), built once per Worker
 * and shared read-only by every container the Worker hosts: pooled Workers serve one container
 * after another, so the second one must not pay for it again; each container writes only to its
 * own layer above it.
 *
 * @module
 */
import { type Layer, rootfsLayer } from "../../../sandbox/mod.ts";

/** The shared layer; the first call in a Worker builds it (sandbox/rootfs caches it). */
export function builtinRootLayer(): Promise<Layer> {
  return Promise.resolve(rootfsLayer());
}
