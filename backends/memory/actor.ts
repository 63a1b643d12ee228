/**
 * The memory backend as an actor module, spawned by `backends/host.ts` into a Worker that may
 * only read and write the daemon's data root.
 *
 * @module
 */
import { backendActor } from "../core/backend_actor.ts";
import { createMemoryBackend, type MemoryBackendOptions } from "./backend.ts";

export default backendActor<MemoryBackendOptions>(createMemoryBackend);
