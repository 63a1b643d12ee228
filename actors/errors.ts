/**
 * Errors the actor runtime raises itself. Errors an actor throws cross the Worker boundary through
 * `serializeError`/`deserializeError`, so `NotFound`, `Conflict`… arrive as the same classes; these
 * classes say what happened to the actor or to the message.
 *
 * @module
 */

import { deserializeError, type SerializedError } from "../backends/core/errors.ts";

/** An `ask` got no reply before its deadline. The actor may still be working on the message. */
export class AskTimeout extends Error {
  /** Names the actor and the deadline that passed. */
  constructor(readonly actor: string, readonly timeoutMs: number) {
    super(`actor ${actor} did not reply within ${timeoutMs} ms`);
    this.name = "AskTimeout";
  }
}

/** The actor stopped (or was stopping) before it could handle the message. */
export class ActorStopped extends Error {
  /** Names the actor that is gone. */
  constructor(readonly actor: string) {
    super(`actor ${actor} is stopped`);
    this.name = "ActorStopped";
  }
}

/** The actor crashed; `cause` is the error that crashed it. */
export class ActorCrashed extends Error {
  /** Names the actor; `cause` is what crashed it. */
  constructor(readonly actor: string, cause: Error) {
    super(`actor ${actor} crashed: ${cause.message}`, { cause });
    this.name = "ActorCrashed";
  }
}

/** The actor's `start` threw (or its module failed to load); the actor was stopped, not retried. */
export class ActorStartFailed extends Error {
  /** Names the actor and its module; `cause` is why it did not start. */
  constructor(readonly actor: string, readonly module: string, cause: Error) {
    super(`actor ${actor} (${module}) failed to start: ${cause.message}`, { cause });
    this.name = "ActorStartFailed";
  }
}

/** A supervisor saw more restarts than its intensity allows within its period and gave up. */
export class RestartIntensityExceeded extends Error {
  /** Names the supervisor and the limit it hit. */
  constructor(readonly supervisor: string, readonly restarts: number, readonly periodMs: number) {
    super(`supervisor ${supervisor}: more than ${restarts} restarts within ${periodMs} ms`);
    this.name = "RestartIntensityExceeded";
  }
}

// These errors can cross a second boundary (an actor rethrows what its child's ask raised), so
// they are rebuilt as the same classes. Only name, message and stack travel; other fields are
// blank on the rebuilt copy.
const runtimeKinds: Record<string, () => Error> = {
  AskTimeout: () => new AskTimeout("", NaN),
  ActorStopped: () => new ActorStopped(""),
  ActorCrashed: () => new ActorCrashed("", new Error()),
  ActorStartFailed: () => new ActorStartFailed("", "", new Error()),
  RestartIntensityExceeded: () => new RestartIntensityExceeded("", NaN, NaN),
};

/** Like `deserializeError`, and also rebuilds this runtime's own error classes. */
export function rebuildError(data: SerializedError): Error {
  const make = runtimeKinds[data.name];
  if (!make) return deserializeError(data);
  const error = make();
  error.message = data.message;
  if (data.stack) error.stack = data.stack;
  delete error.cause;
  return error;
}
