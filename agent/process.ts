/**
 * How the agent starts processes. In a cloud workload it is the host's own process API
 * ({@link hostLauncher}, `Deno.Command`); inside the simulator's sandbox it is the sandbox's
 * spawn. Either way the agent sees byte streams, an exit status and signal delivery.
 *
 * @module
 */

export interface ProcessSpec {
  argv: string[];
  env?: Record<string, string>;
  workdir?: string;
  tty?: boolean;
}

/** A running process as the agent drives it. */
export interface AgentProcess {
  stdin: WritableStream<Uint8Array>;
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  /** The exit status; 128+n after signal n, as a shell reports it. */
  exited: Promise<number>;
  kill(signal: string): void;
  /** Present only where the launcher gives the process a terminal. */
  resize?(width: number, height: number): void;
}

export interface ProcessLauncher {
  spawn(spec: ProcessSpec): Promise<AgentProcess>;
}

const SIGNAL_NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGTERM: 15,
};

/** Processes on the machine the agent runs on (a cloud workload's container). */
export const hostLauncher: ProcessLauncher = {
  spawn(spec) {
    if (spec.tty) {
      return Promise.reject(
        new Error(
          "a TTY needs a pseudo-terminal, which the agent's host launcher (Deno.Command) cannot allocate",
        ),
      );
    }
    const [program, ...args] = spec.argv;
    let child: Deno.ChildProcess;
    try {
      child = new Deno.Command(program, {
        args,
        env: spec.env,
        cwd: spec.workdir,
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.resolve({
      stdin: child.stdin,
      stdout: child.stdout,
      stderr: child.stderr,
      exited: child.status.then((s) => s.signal ? 128 + (SIGNAL_NUMBERS[s.signal] ?? 0) : s.code),
      kill(signal) {
        try {
          child.kill(signal as Deno.Signal);
        } catch (e) {
          // The process may already have exited; that is not an error for a signal.
          if (!(e instanceof TypeError)) throw e;
        }
      },
    });
  },
};
