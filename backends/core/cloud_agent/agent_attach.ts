/**
 * `docker attach` to a running workload through its agent: the main process's output from now
 * on, or from its start for an attach made before start (stdout and stderr kept apart, unlike a
 * log service), stdin into it, and the end of the
 * stream when it exits. The client closing its stdin closes the process's stdin only for a
 * container created with StdinOnce, as Docker does.
 *
 * @module
 */
import type { AgentConnection } from "../../../agent/mod.ts";
import type { AttachedStreams } from "../protocol.ts";
import { sessionOutput } from "./session_output.ts";

export function agentAttach(
  connection: AgentConnection,
  r: { stdin: boolean; stdout: boolean; stderr: boolean },
  options: {
    backend: string;
    stdinOnce: boolean;
    /** All the main output since it started, which the agent keeps when told (REPLAY_ENV). */
    fromStart?: boolean;
  },
): AttachedStreams {
  const session = connection.attach({ fromStart: options.fromStart });
  // A replaying agent waits for this acknowledgement (its session's stdin closed after the exit
  // arrived) before it ends, so no frame of the client's only copy is lost at the workload's end.
  if (options.fromStart && !r.stdin) {
    void session.exited.then(() => session.stdin.close()).catch(() => {});
  }
  const settled = session.exited.then(() => undefined, (error: Error) => error.message);
  const output = sessionOutput(session, {
    stdout: r.stdout,
    stderr: r.stderr,
    settled,
    label: `${options.backend} attach`,
  });
  if (!r.stdin) return { tty: false, output };
  const writer = session.stdin.getWriter();
  const stdin = new WritableStream<Uint8Array>({
    write: (chunk) => writer.write(chunk),
    close: () => options.stdinOnce ? writer.close() : writer.releaseLock(),
    abort: () => writer.releaseLock(),
  });
  return { tty: false, output, stdin };
}
