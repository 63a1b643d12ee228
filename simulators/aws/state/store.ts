/**
 * Keeps the simulator's {@link AwsState} in memory and, given a data directory, in
 * `<dataDir>/aws-state.json`: written (atomically, via rename) shortly after each change and
 * read back at start. Tasks that were running when the simulator stopped cannot have survived it,
 * so loading marks them STOPPED with a reason that says so.
 *
 * @module
 */
import { type AwsState, emptyState } from "./model.ts";

/** How long changes are gathered before one write; a burst of API calls costs one write. */
const WRITE_DELAY_MS = 50;

export class StateStore {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(readonly state: AwsState, readonly file: string | undefined) {}

  /** Opens the store, loading `<dataDir>/aws-state.json` when it exists. */
  static async open(dataDir?: string): Promise<StateStore> {
    if (!dataDir) return new StateStore(emptyState(), undefined);
    await Deno.mkdir(dataDir, { recursive: true });
    const file = `${dataDir}/aws-state.json`;
    let state = emptyState();
    try {
      state = { ...state, ...JSON.parse(await Deno.readTextFile(file)) };
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) {
        throw new Error(`cannot read simulator state ${file}: ${(e as Error).message}`);
      }
    }
    const now = Date.now() / 1000;
    for (const task of Object.values(state.tasks)) {
      if (task.lastStatus === "STOPPED") continue;
      task.lastStatus = "STOPPED";
      task.desiredStatus = "STOPPED";
      task.stoppedAt = now;
      task.stopCode ??= "TaskFailedToStart";
      task.stoppedReason = "The simulator restarted; the task's processes did not survive it.";
      for (const c of task.containers) c.lastStatus = "STOPPED";
    }
    return new StateStore(state, file);
  }

  /** The data directory, or undefined when the state lives in memory only. */
  get dataDir(): string | undefined {
    return this.file?.slice(0, this.file.lastIndexOf("/"));
  }

  /** Records that the state changed; the file is rewritten soon after. */
  changed(): void {
    if (!this.file || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
    }, WRITE_DELAY_MS);
  }

  /** Writes pending changes now; called on shutdown. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
    }
    await this.#writing;
  }

  async #write(): Promise<void> {
    const file = this.file!;
    const tmp = `${file}.tmp`;
    await Deno.writeTextFile(tmp, JSON.stringify(this.state));
    await Deno.rename(tmp, file);
  }
}
