/**
 * A build step's container: a container actor (a permissionless Worker, as `docker run` gets)
 * on the stage's current layers, where RUN executes and COPY/ADD extract, whose changes become
 * the step's layer. The builder keeps no intermediate containers: each is stopped after its step.
 *
 * @module
 */
import type { ActorRef } from "../../../actors/mod.ts";
import { newId } from "../../core/names.ts";
import { receiveOnce } from "../../core/one_shot_port.ts";
import type { ContainerActorArgs, ContainerMsg, RunReply } from "../container/mod.ts";
import { readTarEntries } from "./build_context.ts";

/** One image layer as a container actor takes it: blob digest and uncompressed tar. */
export type ImageLayerBytes = Extract<ContainerActorArgs["image"], { kind: "layers" }>["layers"][
  number
];

/** Starts container actors for steps (the backend's `spawnContainer`). */
export type SpawnStepActor = (args: ContainerActorArgs) => Promise<ActorRef<ContainerMsg>>;

/** What a step process is. */
export interface StepProcess {
  argv: string[];
  env: string[];
  cwd: string;
  user: string;
}

export class StepContainer {
  private constructor(readonly id: string, readonly actor: ActorRef<ContainerMsg>) {}

  static async start(
    spawn: SpawnStepActor,
    layers: ImageLayerBytes[],
    host: { ncpu: number; memTotal: number },
  ): Promise<StepContainer> {
    const id = newId();
    const actor = await spawn({
      id,
      hostname: id.slice(0, 12),
      image: { kind: "layers", layers },
      ncpu: host.ncpu,
      memTotal: host.memTotal,
    });
    return new StepContainer(id, actor);
  }

  /** Runs a process to its end, handing each output chunk to `output`; resolves its status. */
  async run(process: StepProcess, output: (text: string) => void): Promise<number> {
    const reply = await this.actor.ask<RunReply>({
      type: "run",
      role: "main",
      process: { ...process, tty: false, openStdin: false },
    });
    const status = new Promise<number>((resolve) => {
      receiveOnce<{ status: number }>(reply.exit, ({ status }) => resolve(status));
    });
    const decoder = new TextDecoder();
    await reply.output.pipeTo(
      new WritableStream({
        write: (chunk) => output(decoder.decode(chunk.data, { stream: true })),
      }),
    );
    return await status;
  }

  /** Extracts a tar at `/` of the container. */
  async extract(tar: Uint8Array): Promise<void> {
    const stream = new Blob([tar as Uint8Array<ArrayBuffer>]).stream();
    await this.actor.ask(
      { type: "archive-put", path: "/", tar: stream, noOverwriteDirNonDir: false },
      { transfer: [stream] },
    );
  }

  /** Whether a path exists and is a directory (following symlinks); undefined when missing. */
  async kind(path: string): Promise<"dir" | "other" | undefined> {
    try {
      const stat = await this.actor.ask<{ mode: number }>({ type: "archive-stat", path });
      // Go's os.ModeDir bit.
      return (stat.mode & 0x80000000) !== 0 ? "dir" : "other";
    } catch {
      return undefined;
    }
  }

  /** A file's bytes, or undefined when it cannot be read. */
  async readFile(path: string): Promise<Uint8Array | undefined> {
    try {
      const reply = await this.actor.ask<{ tar: ReadableStream<Uint8Array> }>({
        type: "archive-get",
        path,
      });
      const entries = await readTarEntries(reply.tar);
      return [...entries.values()].find((e) => e.type === "file")?.data;
    } catch {
      return undefined;
    }
  }

  /** A tar of a path as `docker cp` gives it (the path's base name at the top). */
  async archive(path: string): Promise<ReadableStream<Uint8Array>> {
    const reply = await this.actor.ask<{ tar: ReadableStream<Uint8Array> }>({
      type: "archive-get",
      path,
    });
    return reply.tar;
  }

  /** The container's changes as an uncompressed layer tar. */
  async commitLayer(): Promise<Uint8Array> {
    const tar = await this.actor.ask<ReadableStream<Uint8Array>>({ type: "commit-layer" });
    return new Uint8Array(await new Response(tar).arrayBuffer());
  }

  /** Kills every process of the step (SIGKILL). */
  killAll(): void {
    this.actor.ask({ type: "signal-all", signal: "KILL" }).catch(() => {});
  }

  async stop(): Promise<void> {
    await this.actor.stop().catch(() => {});
  }
}
