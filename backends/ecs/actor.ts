/**
 * The ecs backend as an actor module, spawned by `backends/host.ts` into a Worker that may reach
 * only the AWS endpoint and read the AWS_* credentials.
 *
 * @module
 */
import { backendActor } from "../core/backend_actor.ts";
import { createEcsBackend, type EcsBackendOptions } from "./backend.ts";

export default backendActor<EcsBackendOptions>(createEcsBackend);
