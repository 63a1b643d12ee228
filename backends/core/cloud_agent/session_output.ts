/**
 * An agent session's stdout and stderr as one Docker output stream, closed once both end and the
 * session's status is known. A session that ends without a status (its agent dropped) says why
 * on stderr. A client that goes away stops receiving, but the session's streams are still read to
 * their end: cancelling them would make the agent connection enqueue into closed streams.
 *
 * @module
 */
import type { AgentSession } from "../../../agent/mod.ts";
import type { OutputChunk } from "../container_types.ts";

export function sessionOutput(
  session: AgentSession,
  options: {
    /** Which streams the client asked for; the others are read and dropped. */
    stdout?: boolean;
    stderr?: boolean;
    /** Settles after the status is recorded; resolves to why there is none, if so. */
    settled: Promise<string | undefined>;
    /** Prefixes the failure note ("ecs exec"). */
    label: string;
  },
): ReadableStream<OutputChunk> {
  let gone = false;
  return new ReadableStream<OutputChunk>({
    async start(controller) {
      const send = (chunk: OutputChunk) => {
        if (!gone) controller.enqueue(chunk);
      };
      const pump = async (s: ReadableStream<Uint8Array>, stream: 1 | 2, wanted: boolean) => {
        for await (const data of s) if (wanted) send({ stream, data, time: Date.now() });
      };
      const [, , failure] = await Promise.all([
        pump(session.stdout, 1, options.stdout !== false),
        pump(session.stderr, 2, options.stderr !== false),
        options.settled,
      ]);
      if (failure) {
        send({
          stream: 2,
          data: new TextEncoder().encode(`${options.label}: ${failure}\n`),
          time: Date.now(),
        });
      }
      if (!gone) controller.close();
    },
    cancel() {
      gone = true;
    },
  });
}
