/**
 * Stdin for a task that has none. Fargate gives a task no stdin, yet CI runners (GitLab's docker
 * executor) attach with stdin before `start` and send the job script on it. The bytes are
 * gathered until the client closes stdin, and the task then runs with them baked into its
 * command: `echo $SOCKERLESS_STDIN | base64 -d | <command>` (the Go original did the same).
 *
 * @module
 */

/** Stdin gathered from an attach that came before the task exists. */
export class StdinCapture {
  #chunks: Uint8Array[] = [];
  #size = 0;
  readonly writable: WritableStream<Uint8Array>;
  /** Resolves with every byte once the client closes (or abandons) stdin. */
  readonly bytes: Promise<Uint8Array>;

  constructor(readonly limit = LIMIT) {
    let resolve!: (bytes: Uint8Array) => void;
    let reject!: (error: Error) => void;
    this.bytes = new Promise((res, rej) => [resolve, reject] = [res, rej]);
    const all = () => {
      const out = new Uint8Array(this.#size);
      let at = 0;
      for (const c of this.#chunks) out.set(c, (at += c.length) - c.length);
      return out;
    };
    this.writable = new WritableStream({
      write: (chunk) => {
        this.#size += chunk.length;
        if (this.#size > this.limit) {
          const error = new Error(
            `ecs backend: stdin for a task is baked into its task definition, which holds at ` +
              `most ${this.limit} bytes of it; ${this.#size} were sent`,
          );
          reject(error);
          throw error;
        }
        this.#chunks.push(chunk.slice());
      },
      close: () => {
        resolve(all());
      },
      abort: () => resolve(all()),
    });
  }
}

/** ECS caps a task definition at 64 KiB; base64 grows stdin by a third, and the rest needs room. */
const LIMIT = 40 * 1024;

/** The entry point that feeds the baked stdin to the container's command. */
export const STDIN_ENTRYPOINT = [
  "/bin/sh",
  "-c",
  'echo "$SOCKERLESS_STDIN" | base64 -d | "$@"',
  "sh",
];

export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
