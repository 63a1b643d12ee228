/**
 * SIGPIPE for sandbox processes. A process's stdout and stderr are wrapped so that a write into a
 * pipe nobody reads kills the process with SIGPIPE (status 141) at that moment, as the kernel's
 * signal does, and a dead process writes nothing more: `cat big | head -1` ends quietly instead
 * of printing "Broken pipe".
 *
 * @module
 */
import type { Output } from "../types.ts";
import { BrokenPipeError } from "../shell/pipe.ts";
import type { ProcessEntry } from "./table.ts";

/** The unwrapped sink behind each process's Output, so children wrap the real one. */
const sinks = new WeakMap<Output, Output>();

/** `output` as written by `entry`: EPIPE kills the process, writes after its death fail. */
export function processOutput(output: Output, entry: ProcessEntry, signal: AbortSignal): Output {
  const sink = sinks.get(output) ?? output;
  const guarded: Output = {
    async write(data) {
      if (signal.aborted) throw signal.reason;
      try {
        await sink.write(data);
      } catch (error) {
        if (error instanceof BrokenPipeError) entry.terminate("SIGPIPE");
        throw error;
      }
    },
  };
  sinks.set(guarded, sink);
  return guarded;
}
