/**
 * `docker exec` for a cloud backend whose workloads run the sockerless agent: the agent dialled
 * back to the backend's listener when its workload started, and each exec is a session on that
 * connection (exit status, stdin, environment, working directory). An exec whose agent is not
 * connected fails saying so. Exec records live only as long as this process, as in Docker.
 *
 * @module
 */
import type { AgentListener } from "../../../agent/mod.ts";
import { Conflict, NotFound, NotImplemented } from "../errors.ts";
import { newId } from "../names.ts";
import { connectedAgent } from "./connected_agent.ts";
import { sessionOutput } from "./session_output.ts";
import type { AttachedStreams, ExecCreateBody, ExecInspect } from "../protocol.ts";

/** What an exec needs to know of its container. */
export interface ExecTarget {
  id: string;
  running: boolean;
  /** The workload as the cloud names it, for messages: "task arn:…", "function sockerless-…". */
  workload: string;
}

export interface AgentExecsOptions {
  /** The backend's name, for messages ("ecs"). */
  backend: string;
  listener: AgentListener;
  /** Resolves a container reference; throws NotFound for an unknown one. */
  find(ref: string): Promise<ExecTarget>;
  /** How long a start waits for an agent that is (re)connecting; 10 s by default. */
  agentWaitMs?: number;
}

export interface AgentExec {
  id: string;
  containerId: string;
  body: ExecCreateBody;
  running: boolean;
  exitCode: number | null;
  /** Why the session ended without a status (the agent dropped), for the client's stderr. */
  failure?: string;
}

/** The exec handlers of one backend, over its agent listener. */
export class AgentExecs {
  readonly #execs = new Map<string, AgentExec>();

  constructor(private readonly options: AgentExecsOptions) {}

  async create(r: { id: string; body: ExecCreateBody }): Promise<{ Id: string }> {
    const c = await this.options.find(r.id);
    if (!c.running) throw new Conflict(`container ${c.id} is not running`);
    if (!r.body.Cmd?.length) throw new Conflict("No exec command specified");
    const backend = this.options.backend;
    if (r.body.Tty) {
      throw new NotImplemented(
        `${backend} backend: exec sessions have no TTY (docker exec -t): the workload's agent ` +
          "allocates no terminal",
      );
    }
    if (r.body.User) {
      throw new NotImplemented(
        `${backend} backend: the workload's agent runs every process as the workload's user ` +
          "(docker exec -u)",
      );
    }
    const id = newId();
    this.#execs.set(id, { id, containerId: c.id, body: r.body, running: false, exitCode: null });
    return { Id: id };
  }

  async start(r: { id: string; detach: boolean }): Promise<AttachedStreams | null> {
    const exec = this.#execs.get(r.id);
    if (!exec) throw new NotFound(`No such exec instance: ${r.id}`);
    if (exec.running || exec.exitCode !== null) {
      throw new Conflict(`exec ${r.id} has already run`);
    }
    const c = await this.options.find(exec.containerId);
    if (!c.running) throw new Conflict(`container ${c.id} is not running`);
    const agent = {
      backend: this.options.backend,
      listener: this.options.listener,
      waitMs: this.options.agentWaitMs,
    };
    const session = await connectedAgent(agent, c, "exec").then((connection) =>
      connection.exec({
        cmd: exec.body.Cmd!,
        env: _envOf(exec.body.Env ?? []),
        ...(exec.body.WorkingDir ? { workdir: exec.body.WorkingDir } : {}),
      })
    );
    exec.running = true;
    const settled = session.exited.then((code) => code, (error: Error) => {
      exec.failure = error.message;
      return 255;
    }).then((code) => {
      exec.running = false;
      exec.exitCode = code;
      return exec.failure;
    });
    if (!exec.body.AttachStdin) await session.stdin.close().catch(() => {});
    const output = sessionOutput(session, {
      stdout: exec.body.AttachStdout !== false,
      stderr: exec.body.AttachStderr !== false,
      settled,
      label: `${this.options.backend} exec`,
    });
    if (r.detach) {
      void output.pipeTo(new WritableStream()).catch(() => {});
      return null;
    }
    return { tty: false, output, ...(exec.body.AttachStdin ? { stdin: session.stdin } : {}) };
  }

  inspect(id: string): ExecInspect {
    const exec = this.#execs.get(id);
    if (!exec) throw new NotFound(`No such exec instance: ${id}`);
    const [entrypoint, ...args] = exec.body.Cmd ?? [];
    return {
      ID: exec.id,
      Running: exec.running,
      ExitCode: exec.exitCode,
      ProcessConfig: { tty: false, entrypoint, arguments: args, privileged: false, user: "" },
      OpenStdin: exec.body.AttachStdin === true,
      OpenStderr: exec.body.AttachStderr === true,
      OpenStdout: exec.body.AttachStdout === true,
      CanRemove: false,
      ContainerID: exec.containerId,
      DetachKeys: "",
      Pid: 0,
    };
  }
}

/** `KEY=value` pairs as a map; a bare `KEY` (unset in Docker's sense) is left out. */
function _envOf(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.filter((p) => p.includes("=")).map((p) => {
      const at = p.indexOf("=");
      return [p.slice(0, at), p.slice(at + 1)];
    }),
  );
}
