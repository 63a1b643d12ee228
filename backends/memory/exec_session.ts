/**
 * One `docker exec` session: what was asked, and its process's state for `exec inspect`.
 *
 * @module
 */
import type { ExecCreateBody, ExecInspect } from "../core/protocol.ts";
import type { Container } from "./container.ts";

export class ExecSession {
  running = false;
  started = false;
  exitCode: number | null = null;
  pid = 0;

  constructor(readonly id: string, readonly container: Container, readonly body: ExecCreateBody) {}

  get argv(): string[] {
    return this.body.Cmd ?? [];
  }

  inspect(): ExecInspect {
    const [entrypoint = "", ...args] = this.argv;
    return {
      ID: this.id,
      Running: this.running,
      ExitCode: this.exitCode,
      ProcessConfig: {
        tty: Boolean(this.body.Tty),
        entrypoint,
        arguments: args,
        privileged: Boolean(this.body.Privileged),
        user: this.body.User ?? "",
      },
      OpenStdin: Boolean(this.body.AttachStdin),
      OpenStderr: Boolean(this.body.AttachStderr),
      OpenStdout: Boolean(this.body.AttachStdout),
      CanRemove: false,
      ContainerID: this.container.id,
      DetachKeys: this.body.DetachKeys ?? "",
      Pid: this.pid,
    };
  }
}
