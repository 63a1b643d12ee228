/**
 * Starting one process in the container (the main process or an exec) as the `run` message
 * asks: its user from the container's passwd, Docker's environment, its working directory made
 * if missing, stdin as a pipe or as /dev/null, a TTY's line discipline when asked for, and its
 * output as a stream. Nothing here waits for the process to end: the exit status is posted on a
 * port when it does.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import { postOnce } from "../../core/one_shot_port.ts";
import {
  bytesInput,
  type FileSystem,
  FsError,
  type Input,
  type Output,
  type Sandbox,
} from "../../../sandbox/mod.ts";
import { LineDiscipline, onlcr } from "./line_discipline.ts";
import { OutputChannel } from "./output_channel.ts";
import { processEnv } from "./process_env.ts";
import { signalGroup } from "./process_group.ts";
import type { ProcessSpec, RunReply } from "./protocol.ts";
import { StdinPipe } from "./stdin_pipe.ts";
import { resolveUser } from "./user.ts";

/** A process started by `run`, as the actor keeps it. */
export interface RunningProcess {
  pid: number;
  /** Present when the process has a stdin pipe (`openStdin`). */
  stdin?: StdinPipe;
  /** Resolves with the exit status once output has ended and the status was posted. */
  exited: Promise<number>;
  /** Fails its output's blocked writes, so a SIGKILLed writer nobody reads from can die. */
  interruptOutput(): void;
  reply: RunReply;
}

export interface RunContext {
  sandbox: Sandbox;
  fs: FileSystem;
  hostname: string;
  /** Runs after the process exits, before its output ends (the main process kills the rest). */
  afterExit?: () => void;
}

/** Docker makes a missing working directory (moby's SetupWorkingDirectory). */
async function makeWorkingDir(fs: FileSystem, cwd: string): Promise<void> {
  try {
    await fs.mkdir(cwd, { recursive: true, mode: 0o755 });
  } catch (error) {
    if (error instanceof FsError && (error.code === "ENOTDIR" || error.code === "EEXIST")) {
      throw new InvalidParameter(`Cannot mkdir: ${cwd} is not a directory`);
    }
    throw error;
  }
  if ((await fs.stat(cwd)).kind !== "dir") {
    throw new InvalidParameter(`Cannot mkdir: ${cwd} is not a directory`);
  }
}

export async function startProcess(ctx: RunContext, spec: ProcessSpec): Promise<RunningProcess> {
  if (spec.argv.length === 0) throw new InvalidParameter("No command specified");
  if (!spec.cwd.startsWith("/")) {
    throw new InvalidParameter(
      `the working directory '${spec.cwd}' is invalid, it needs to be an absolute path`,
    );
  }
  const user = await resolveUser(ctx.fs, spec.user);
  await makeWorkingDir(ctx.fs, spec.cwd);
  const env = processEnv(spec.env, { hostname: ctx.hostname, home: user.home, tty: spec.tty });

  const output = new OutputChannel();
  const pipe = spec.openStdin ? new StdinPipe() : undefined;
  // Without a pipe, stdin reads as /dev/null does: end of file at once.
  const raw: Input = pipe ?? bytesInput();
  const lifetime = new AbortController();
  let pid = 0;
  let stdin = raw;
  let stdout: Output;
  let stderr: Output;
  if (spec.tty) {
    // One terminal: stderr shares it with stdout, and output gets ONLCR.
    stdout = stderr = output.output(1, onlcr);
    if (pipe) {
      stdin = new LineDiscipline({
        raw,
        echo: (bytes) => output.write(1, bytes),
        // Input only arrives after `run` has answered, so pid is known by then; the guard keeps a
        // stray ^C from ever reaching "every process whose parent is 0".
        signal: (name) => pid !== 0 && signalGroup(ctx.sandbox.processes, pid, name) > 0,
        stop: lifetime.signal,
      });
    }
  } else {
    stdout = output.output(1);
    stderr = output.output(2);
  }

  const started = await ctx.sandbox.spawn({
    argv: spec.argv,
    env,
    cwd: spec.cwd,
    uid: user.uid,
    gid: user.gid,
    stdin,
    stdout,
    stderr,
    tty: spec.tty,
  });
  pid = started.pid;
  const exit = new MessageChannel();
  const exited = started.exited.then((status) => {
    lifetime.abort();
    pipe?.close();
    ctx.afterExit?.();
    output.close();
    // Closed once the receiver acknowledges, not right after posting: with close() here, a
    // fast exec (`true`, done before `run` had answered) never delivered its status.
    postOnce(exit.port1, { status });
    return status;
  });
  return {
    pid,
    stdin: pipe,
    exited,
    interruptOutput: () => output.interrupt(),
    reply: { pid, output: output.readable, exit: exit.port2 },
  };
}
