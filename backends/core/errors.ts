/**
 * Typed errors that map 1:1 to the status codes moby's `httpstatus` package gives its error
 * kinds. They are thrown where the fact is known (a backend, a store) and rendered once in http/.
 * They cross Worker boundaries as plain {@link SerializedError} objects.
 *
 * @module
 */

/** An error with the HTTP status Docker answers it with. */
export class DockerError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** 404: no such container, image, exec, network or volume. */
export class NotFound extends DockerError {
  constructor(message: string) {
    super(404, message);
  }
}

/** 400: the request is malformed or a parameter is invalid. */
export class InvalidParameter extends DockerError {
  constructor(message: string) {
    super(400, message);
  }
}

/** 409: the request conflicts with the current state (name in use, container running…). */
export class Conflict extends DockerError {
  constructor(message: string) {
    super(409, message);
  }
}

/** 304: nothing to do (start a started container, stop a stopped one). */
export class NotModified extends DockerError {
  constructor(message = "") {
    super(304, message);
  }
}

/** 501: the backend cannot do this; the message names the backend and the missing capability. */
export class NotImplemented extends DockerError {
  constructor(message: string) {
    super(501, message);
  }
}

/** 401: authentication is required or failed (registry login). */
export class Unauthorized extends DockerError {
  constructor(message: string) {
    super(401, message);
  }
}

/** 403: the operation is not allowed (a bind mount outside the allowed paths). */
export class Forbidden extends DockerError {
  constructor(message: string) {
    super(403, message);
  }
}

/** 503: a dependency is unavailable right now. */
export class Unavailable extends DockerError {
  constructor(message: string) {
    super(503, message);
  }
}

/** The structured-cloneable form of an error, for messages between Workers. */
export interface SerializedError {
  name: string;
  message: string;
  status?: number;
  stack?: string;
}

const kinds: Record<string, new (message: string) => DockerError> = {
  NotFound,
  InvalidParameter,
  Conflict,
  NotModified,
  NotImplemented,
  Unauthorized,
  Forbidden,
  Unavailable,
};

/** Turns any thrown value into a {@link SerializedError}. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof DockerError) {
    return { name: error.name, message: error.message, status: error.status, stack: error.stack };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: "Error", message: String(error) };
}

/** Rebuilds the typed error a {@link SerializedError} came from (plain `Error` otherwise). */
export function deserializeError(data: SerializedError): Error {
  const Kind = kinds[data.name];
  const error = Kind
    ? new Kind(data.message)
    : data.status
    ? new DockerError(data.status, data.message)
    : new Error(data.message);
  if (!Kind && !data.status) error.name = data.name;
  if (data.stack) error.stack = data.stack;
  return error;
}
