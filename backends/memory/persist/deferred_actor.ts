/**
 * A restored container's actor, spawned on first use. A daemon with a thousand stopped
 * containers must not start a thousand Workers (~8 MiB and ~20 ms each) just to list them, so a
 * container read back from disk gets this stand-in: its setup messages (`mount`, `net`) are
 * kept and replayed, in order, on the real actor when the first other message arrives. Docker
 * keeps nothing running for a stopped container either.
 *
 * @module
 */
import type { ActorRef, AskOptions, ExitReason } from "../../../actors/mod.ts";
import type { ContainerMsg } from "../container/protocol.ts";

type Setup = { msg: ContainerMsg; transfer?: Transferable[]; ask: boolean };

/** Messages that only prepare a sandbox and can wait for it to exist. */
const SETUP = new Set(["mount", "net"]);

export class DeferredContainerActor {
  readonly id: string;
  readonly name: string;
  readonly exited: Promise<ExitReason>;
  #spawn: () => Promise<ActorRef<ContainerMsg>>;
  #setup: Setup[] = [];
  #real?: Promise<ActorRef<ContainerMsg>>;
  #stopped = false;
  #exit = Promise.withResolvers<ExitReason>();

  constructor(id: string, spawn: () => Promise<ActorRef<ContainerMsg>>) {
    this.id = `deferred:${id}`;
    this.name = `container:${id.slice(0, 12)}`;
    this.#spawn = spawn;
    this.exited = this.#exit.promise;
  }

  /** Typed as the ActorRef it stands for (ActorRef's private fields make it nominal). */
  asRef(): ActorRef<ContainerMsg> {
    return this as unknown as ActorRef<ContainerMsg>;
  }

  get spawned(): boolean {
    return this.#real !== undefined;
  }

  #materialize(): Promise<ActorRef<ContainerMsg>> {
    if (this.#stopped) {
      return Promise.reject(new Error(`${this.name}: the container's actor was stopped`));
    }
    this.#real ??= (async () => {
      const real = await this.#spawn();
      real.exited.then((reason) => this.#exit.resolve(reason));
      for (const { msg, transfer, ask } of this.#setup.splice(0)) {
        if (ask) await real.ask(msg, { transfer });
        else real.tell(msg, transfer);
      }
      return real;
    })();
    return this.#real;
  }

  tell(msg: ContainerMsg, transfer?: Transferable[]): void {
    if (!this.#real && SETUP.has(msg.type)) {
      this.#setup.push({ msg, transfer, ask: false });
      return;
    }
    this.#materialize().then((real) => real.tell(msg, transfer), (error) => {
      console.error(`${this.name}: message ${msg.type} lost: ${(error as Error).message}`);
    });
  }

  /**
   * Setup asks before the first real message answer at once; they run first on the real actor,
   * and if one fails, the message that caused the spawn fails with its error.
   */
  async ask<R = unknown>(msg: ContainerMsg, options: AskOptions = {}): Promise<R> {
    if (!this.#real && SETUP.has(msg.type)) {
      this.#setup.push({ msg, transfer: options.transfer, ask: true });
      return undefined as R;
    }
    return await (await this.#materialize()).ask<R>(msg, options);
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<ExitReason> {
    if (!this.#real) {
      this.#stopped = true;
      this.#exit.resolve({ kind: "normal" });
      return await this.exited;
    }
    return await (await this.#real).stop(options);
  }

  async kill(reason = "killed"): Promise<ExitReason> {
    if (!this.#real) return await this.stop();
    return await (await this.#real).kill(reason);
  }
}
