/**
 * Keeps container Workers warm. A Worker started from inside the backend's Worker takes
 * 0.5–1 s to boot here (measured in actors/), against well under a millisecond to check one
 * out of the pool, so the backend keeps a few idle container Workers ready and tops them up in
 * the background after each container takes one.
 *
 * @module
 */
import { type ActorPermissions, defaultPool } from "../../actors/mod.ts";

export class WarmPool {
  #filling = 0;

  constructor(
    readonly module: URL,
    readonly permissions: ActorPermissions,
    readonly target = 2,
  ) {}

  /** Starts Workers until `target` are idle or booting; never waits for them. */
  topUp(): void {
    const missing = this.target - defaultPool.stats().idle - this.#filling;
    for (let i = 0; i < missing; i++) {
      this.#filling++;
      defaultPool.prewarm(this.module, this.permissions, 1)
        .catch(() => {/* a Worker that fails to boot is retried on the next top-up */})
        .finally(() => this.#filling--);
    }
  }
}
