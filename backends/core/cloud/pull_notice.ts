/**
 * `docker pull` on a cloud backend: the cloud resource names the image and the cloud pulls it
 * itself, so the pull only says so, plainly, and that nothing was downloaded here.
 *
 * @module
 */
import type { ProgressMessage } from "../registry/mod.ts";

/** The reference as Docker completes it (`:latest` when no tag or digest is given). */
export function imageRef(name: string): string {
  return name.includes(":") || name.includes("@") ? name : `${name}:latest`;
}

/** The progress messages `say` words for the completed reference, as a pull's stream. */
export function pullNotice(
  name: string,
  say: (ref: string) => string[],
): ReadableStream<ProgressMessage> {
  const messages = say(imageRef(name)).map((status) => ({ status }));
  return new ReadableStream({
    start(controller) {
      for (const m of messages) controller.enqueue(m);
      controller.close();
    },
  });
}
