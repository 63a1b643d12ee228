/**
 * The one seam between the simulator's API layer and real execution. ECS tasks and Lambda
 * invocations ask a {@link WorkloadRuntime} to start a container's process; the runtime runs it
 * in a sandbox inside a zero-permission Worker and hands back its byte streams and exit status.
 * Everything above this file is wire protocol and state; everything below is execution.
 *
 * @module
 */

/** An image's layers as the simulator pulled them: blob digest and uncompressed tar, bottom first. */
export interface WorkloadLayer {
  digest: string;
  tar: Uint8Array;
}

/**
 * The root filesystem a workload runs on: the image's own layers, or (only for a Docker Hub name
 * no registry could serve) the sandbox's built-in tree, with the note that says so.
 */
export type WorkloadRoot =
  | { kind: "layers"; layers: WorkloadLayer[] }
  | { kind: "builtin"; note: string };

/** What to run: an image's process, resolved from the task definition or function config. */
export interface WorkloadSpec {
  /** The image reference as the task definition or function names it. */
  image: string;
  /**
   * The full argv, overriding the image's entrypoint and command, when neither `entryPoint` nor
   * `command` is given (so an empty argv runs the image's own).
   */
  argv: string[];
  /**
   * The container definition's `entryPoint` (Lambda: `ImageConfig.EntryPoint`); with `command`
   * it replaces `argv`, and the image supplies what neither gives, by Docker's rule.
   */
  entryPoint?: string[];
  /** The container definition's `command` (Lambda: `ImageConfig.Command`). */
  command?: string[];
  /** Variables over the image's `Env`. */
  env: Record<string, string>;
  /** Overrides the image's `WorkingDir`. */
  workdir?: string;
  /** Docker's `User` (name, uid, name:group, uid:gid); overrides the image's. */
  user?: string;
  /**
   * Filled in by the simulator's image layer (simulators/aws/images) once the image is pulled;
   * a runtime given none runs the built-in tree and says so in `imageNote`.
   */
  root?: WorkloadRoot;
  hostname?: string;
  /** Keep stdin open for the workload (ECS `interactive`). */
  interactive?: boolean;
  /**
   * Run as a Lambda function instance: the agent's Lambda mode polls this Runtime API
   * (`host:port/prefix`, as AWS_LAMBDA_RUNTIME_API holds it) and runs `argv` once per event.
   */
  lambdaRuntimeApi?: string;
}

/** A started process with its streams. Output streams end when the process exits. */
export interface Workload {
  /**
   * Empty when the workload runs its image's own layers; otherwise how its root filesystem was
   * obtained instead, stated plainly for the task's tags and the simulator's log.
   */
  readonly imageNote: string;
  readonly stdin: WritableStream<Uint8Array>;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  /** Resolves to the exit status (128+n after signal n). */
  readonly exited: Promise<number>;
  /** Delivers a signal by name ("SIGTERM", "SIGKILL"). */
  kill(signal: string): void;
  /** Runs a further process inside the same container (ECS exec). */
  exec(
    spec: Omit<WorkloadSpec, "image" | "hostname" | "entryPoint" | "command" | "root">,
  ): Promise<Workload>;
}

/** Starts workloads. */
export interface WorkloadRuntime {
  /** What executes the workloads, for logs and errors. */
  readonly name: string;
  start(spec: WorkloadSpec, signal?: AbortSignal): Promise<Workload>;
  /** Releases what the runtime keeps ready between workloads (not the workloads themselves). */
  close?(): void;
}

/** Raised when no execution is available; ECS reports it as the task's stoppedReason. */
export class WorkloadUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkloadUnavailable";
  }
}
