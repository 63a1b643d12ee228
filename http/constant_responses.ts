/**
 * Responses of routes whose answer depends only on the method and target for the life of the
 * daemon (`/_ping`, `/version`). Clients call `/_ping` before every command, so the server keeps
 * the bytes it wrote the first time and answers the same request again without building a
 * `Request`, routing or building a `Response`. A route opts in with `constant: true`.
 *
 * @module
 */

const marked = new WeakSet<Response>();

/** Marks a response as one a route gives for every request with the same method and target. */
export function markConstant(response: Response): Response {
  marked.add(response);
  return response;
}

/** True when the response came from a route declared constant. */
export function isConstant(response: Response): boolean {
  return marked.has(response);
}

/** Wire bytes of constant responses by method and target, bounded so odd targets cannot grow it. */
export class ConstantResponses {
  #bytes = new Map<string, Uint8Array>();

  constructor(readonly limit = 64) {}

  /** The bytes written for this method and target before, if any. */
  lookup(method: string, target: string): Uint8Array | undefined {
    return this.#bytes.get(`${method} ${target}`);
  }

  /** Keeps the bytes written for a constant response, unless the table is full. */
  remember(method: string, target: string, bytes: Uint8Array): void {
    if (this.#bytes.size < this.limit) this.#bytes.set(`${method} ${target}`, bytes);
  }
}
