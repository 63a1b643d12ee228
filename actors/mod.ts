/**
 * Actors in Deno Workers. Placeholder; documented below once the API settles.
 *
 * @module
 */

export { ActorRef, type AskOptions, type ExitReason } from "./actor_ref.ts";
export {
  type ActorBehaviour,
  type ActorContext,
  defineActor,
  type Message,
  Reply,
} from "./behaviour.ts";
export { type DeadLetter, DeadLetterEvent, deadLetters } from "./dead_letters.ts";
export {
  ActorCrashed,
  ActorStartFailed,
  ActorStopped,
  AskTimeout,
  RestartIntensityExceeded,
} from "./errors.ts";
export type { ActorPermissions } from "./permissions.ts";
export { defaultPool, type PoolOptions, type PoolStats, WorkerPool } from "./pool.ts";
export { spawn, type SpawnOptions } from "./spawn.ts";
export { backoffDelay, type BackoffOptions } from "./backoff.ts";
export {
  type ChildSpec,
  type RestartType,
  type Strategy,
  type Supervisable,
  Supervisor,
  SupervisorEvent,
  type SupervisorEventDetail,
  type SupervisorOptions,
} from "./supervisor.ts";
