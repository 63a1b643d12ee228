/**
 * An ECS task whose environment names a `SOCKERLESS_CALLBACK_URL` stands for an image whose
 * entrypoint is the sockerless agent (`agent -- <command>`): the agent runs the command and dials
 * back to the backend with `SOCKERLESS_AGENT_SECRET`, serving exec and attach. The simulator's own
 * runtime still drives the task's process (exit status, StopTask's signals, ExecuteCommand), so
 * the dial-back agent becomes the main process the runtime's agent starts: a launcher whose first
 * spawn is that agent, wrapping the real command spawned in the same sandbox.
 *
 * @module
 */
import { runAgent } from "../../../agent/agent.ts";
import type { AgentChannel } from "../../../agent/channel.ts";
import type { AgentProcess, ProcessLauncher, ProcessSpec } from "../../../agent/process.ts";

/**
 * Wraps `launcher` so that its first spawn (the task's command, which the runtime's agent starts
 * before anything else) runs under the dial-back agent; later spawns (ExecuteCommand sessions) go
 * to `launcher` unchanged.
 */
export function dialBackLauncher(
  launcher: ProcessLauncher,
  options: { containerId: string; connect: (signal: AbortSignal) => Promise<AgentChannel> },
): ProcessLauncher {
  let first = true;
  return {
    spawn(spec) {
      if (!first) return launcher.spawn(spec);
      first = false;
      return _agentAround(launcher, spec, options);
    },
  };
}

async function _agentAround(
  launcher: ProcessLauncher,
  spec: ProcessSpec,
  options: { containerId: string; connect: (signal: AbortSignal) => Promise<AgentChannel> },
): Promise<AgentProcess> {
  let command: AgentProcess | undefined;
  let spawned!: () => void;
  const ready = new Promise<void>((r) => spawned = r);
  const capturing: ProcessLauncher = {
    async spawn(s) {
      if (command) return launcher.spawn(s);
      command = await launcher.spawn(s);
      spawned();
      return command;
    },
  };
  // The container's stdin is the agent's, which it copies into the command's (as agent/main.ts
  // does with its own): closed at start unless the task is interactive.
  const stdin = new TransformStream<Uint8Array, Uint8Array>();
  const stdout = new TransformStream<Uint8Array, Uint8Array>();
  const stderr = new TransformStream<Uint8Array, Uint8Array>();
  const running = runAgent({
    containerId: options.containerId,
    connect: options.connect,
    launcher: capturing,
    main: spec,
    stdin: stdin.readable,
    stdout: stdout.writable,
    stderr: stderr.writable,
  });
  // A command that cannot start fails the agent before its first spawn returns.
  await Promise.race([ready, running]);
  if (!command) throw new Error(`the agent could not start ${spec.argv[0]}`);
  const exited = running.then(async (code) => {
    // The agent copies output into these and leaves them open; their end is the command's end.
    await Promise.all([stdout.writable.close(), stderr.writable.close()]);
    return code;
  });
  return {
    stdin: stdin.writable,
    stdout: stdout.readable,
    stderr: stderr.readable,
    exited,
    kill: (signal) => command!.kill(signal),
  };
}
