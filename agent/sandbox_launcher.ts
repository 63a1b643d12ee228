/**
 * The agent's launcher inside the Sockerless sandbox: processes are `Sandbox.spawn` calls, with
 * their stdio adapted to Web Streams. Used when the agent wraps a workload in the AWS simulator.
 *
 * @module
 */
import { type Output, type Sandbox, streamInput, toBytes } from "../sandbox/mod.ts";
import type { AgentProcess, ProcessLauncher } from "./process.ts";

/** An Output whose bytes come out of a ReadableStream; closed when the process ends. */
function _pipe(): { output: Output; readable: ReadableStream<Uint8Array>; close(): Promise<void> } {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  return {
    readable,
    output: {
      async write(data) {
        const bytes = toBytes(data);
        if (bytes.length > 0) await writer.write(bytes.slice());
      },
    },
    close: () => writer.close().catch(() => {}),
  };
}

export function sandboxLauncher(sandbox: Sandbox): ProcessLauncher {
  return {
    async spawn(spec): Promise<AgentProcess> {
      const stdin = new TransformStream<Uint8Array, Uint8Array>();
      const stdout = _pipe();
      const stderr = _pipe();
      const process = await sandbox.spawn({
        argv: spec.argv,
        env: spec.env,
        cwd: spec.workdir,
        tty: spec.tty,
        stdin: streamInput(stdin.readable),
        stdout: stdout.output,
        stderr: stderr.output,
      });
      const exited = process.exited.finally(async () => {
        await stdout.close();
        await stderr.close();
      });
      return {
        stdin: stdin.writable,
        stdout: stdout.readable,
        stderr: stderr.readable,
        exited,
        kill: (signal) => void process.kill(signal),
      };
    },
  };
}
