/**
 * The lambda backend as an actor module, spawned by `backends/host.ts` into a Worker that may
 * reach only the AWS endpoint and serve its agent listener's one loopback port.
 *
 * @module
 */
import { backendActor } from "../core/backend_actor.ts";
import { createLambdaBackend, type LambdaBackendOptions } from "./backend.ts";

export default backendActor<LambdaBackendOptions>(createLambdaBackend);
