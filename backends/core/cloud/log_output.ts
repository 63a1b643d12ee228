/**
 * What cloud backends share in `docker logs` and attach over CloudWatch Logs: it keeps lines, not
 * bytes, and does not tell stdout from stderr, so stderr alone cannot be asked for; and the
 * stream a client gets when there is nothing to show.
 *
 * @module
 */
import type { OutputChunk } from "../container_types.ts";
import { NotImplemented } from "../errors.ts";

export function refuseStderrOnly(backend: string, stdout: boolean, stderr: boolean): void {
  if (!stdout && stderr) {
    throw new NotImplemented(
      `${backend} backend: CloudWatch Logs does not tell stderr from stdout, so stderr alone ` +
        "cannot be read",
    );
  }
}

/** An output stream that ends at once. */
export function noOutput(): ReadableStream<OutputChunk> {
  return new ReadableStream({ start: (c) => c.close() });
}
