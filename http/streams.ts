/**
 * Wiring a backend's {@link AttachedStreams} to a hijacked connection: client bytes into stdin
 * (our side ends the stdin pipe when the client half-closes), output encoded onto the
 * connection, then our own half-close. Used by attach and exec start.
 *
 * @module
 */
import type { AttachedStreams } from "../backends/core/protocol.ts";
import { type HijackedStream, HijackResponse, MULTIPLEXED_STREAM, RAW_STREAM } from "./hijack.ts";
import { encodeOutput } from "./output_encoding.ts";
import { compareVersions } from "./version.ts";

/** The content type moby uses: multiplexed without a TTY (API ≥ 1.42), raw otherwise. */
export function streamContentType(tty: boolean, apiVersion: string): string {
  return !tty && compareVersions(apiVersion, "1.42") >= 0 ? MULTIPLEXED_STREAM : RAW_STREAM;
}

/** A hijack response that serves the streams until the output ends. */
export function hijackStreams(streams: AttachedStreams, apiVersion: string): HijackResponse {
  return new HijackResponse(
    streamContentType(streams.tty, apiVersion),
    async ({ readable, writable }: HijackedStream) => {
      if (streams.stdin) {
        readable.pipeTo(streams.stdin).catch(() => {});
      } else {
        // Nothing reads the client's bytes; let them drain so the connection does not stall.
        readable.pipeTo(new WritableStream()).catch(() => {});
      }
      try {
        await streams.output.pipeThrough(encodeOutput(streams.tty)).pipeTo(writable);
      } catch {
        // The client went away mid-stream: the output pipe is cancelled, nothing more to do.
      }
    },
  );
}
