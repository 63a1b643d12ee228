/**
 * The run wrapper's exit marker (run_script.ts) is its last line on stderr, written for
 * CloudWatch Logs; a client attached through the agent gets the exit status from wait, and the
 * marker is not the command's output. This drops it from the end of the stderr stream: stderr
 * text that could still become the marker line is held back until more output shows it is not,
 * or the stream ends.
 *
 * @module
 */
import type { OutputChunk } from "../core/container_types.ts";
import { EXIT_MARKER } from "./run_script.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const MARKER_LINE = new RegExp(`^${EXIT_MARKER} \\d+\\n$`);
const PREFIX = `${EXIT_MARKER} `;

/** Whether `line` (no newline but maybe at its end) could be the start of a marker line. */
function couldBeMarker(line: string): boolean {
  if (line.length <= PREFIX.length) return PREFIX.startsWith(line);
  return line.startsWith(PREFIX) && /^\d*\n?$/.test(line.slice(PREFIX.length));
}

export function withoutExitMarker(): TransformStream<OutputChunk, OutputChunk> {
  let held = "";
  let time = 0;
  return new TransformStream({
    transform(chunk, controller) {
      if (chunk.stream !== 2) return controller.enqueue(chunk);
      held += decoder.decode(chunk.data, { stream: true });
      time = chunk.time;
      // The last line begins after the newline before the end (a final newline ends that line).
      const start = held.lastIndexOf("\n", held.length - 2) + 1;
      const keep = couldBeMarker(held.slice(start)) ? start : held.length;
      if (keep > 0) {
        controller.enqueue({ stream: 2, data: encoder.encode(held.slice(0, keep)), time });
      }
      held = held.slice(keep);
    },
    flush(controller) {
      held += decoder.decode();
      if (held && !MARKER_LINE.test(held)) {
        controller.enqueue({ stream: 2, data: encoder.encode(held), time });
      }
    },
  });
}
