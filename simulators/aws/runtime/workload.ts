/**
 * The one seam between the simulator's API layer and real execution. ECS tasks and Lambda
 * invocations ask a {@link WorkloadRuntime} to start a container's process; the runtime runs it
 * in a sandbox inside a zero-permission Worker and hands back its byte streams and exit status.
 * Everything above this file is wire protocol and state; everything below is execution.
 *
 * @module
 */

/** What to run: an image's process, resolved from the task definition or function config. */
export interface WorkloadSpec {
  /** The image reference as the task definition or function names it. */
  image: string;
  /** The full argv: entryPoint followed by command. */
  argv: string[];
  env: Record<string, string>;
  workdir?: string;
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
  /** How this workload's root filesystem was obtained, stated plainly for `stoppedReason`-style notes. */
  readonly imageNote: string;
  readonly stdin: WritableStream<Uint8Array>;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  /** Resolves to the exit status (128+n after signal n). */
  readonly exited: Promise<number>;
  /** Delivers a signal by name ("SIGTERM", "SIGKILL"). */
  kill(signal: string): void;
  /** Runs a further process inside the same container (ECS exec). */
  exec(spec: Omit<WorkloadSpec, "image" | "hostname">): Promise<Workload>;
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
