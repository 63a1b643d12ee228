/**
 * A container's output history and live fan-out: what `docker logs` replays and what attach and
 * `logs -f` subscribers receive. Bounded by bytes (oldest chunks go first), like a rotating
 * json-file log.
 *
 * @module
 */
import type { OutputChunk } from "./container_types.ts";

export interface LogQuery {
  stdout: boolean;
  stderr: boolean;
  /** Only chunks at or after this time (ms). */
  sinceMs?: number;
  /** Only chunks before this time (ms). */
  untilMs?: number;
  /** Only the last N lines ("all" when undefined). */
  tail?: number;
}

type Subscriber = (chunk: OutputChunk) => void;

export class LogBuffer {
  #chunks: OutputChunk[] = [];
  #bytes = 0;
  #subscribers = new Set<Subscriber>();

  constructor(readonly maxBytes = 32 * 1024 * 1024) {}

  /** Records a chunk and hands it to every live subscriber. */
  append(chunk: OutputChunk): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.data.length;
    while (this.#bytes > this.maxBytes && this.#chunks.length > 1) {
      this.#bytes -= this.#chunks.shift()!.data.length;
    }
    for (const deliver of this.#subscribers) deliver(chunk);
  }

  /** Past chunks matching the query, split on line boundaries when `tail` is given. */
  history(query: LogQuery): OutputChunk[] {
    const selected = this.#chunks.filter((c) =>
      (c.stream === 1 ? query.stdout : query.stderr) &&
      (query.sinceMs === undefined || c.time >= query.sinceMs) &&
      (query.untilMs === undefined || c.time < query.untilMs)
    );
    if (query.tail === undefined) return selected;
    if (query.tail <= 0) return [];
    return lastLines(selected, query.tail);
  }

  /** Live chunks from now on; call the returned function to stop. */
  subscribe(deliver: Subscriber): () => void {
    this.#subscribers.add(deliver);
    return () => this.#subscribers.delete(deliver);
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }

  clear(): void {
    this.#chunks = [];
    this.#bytes = 0;
  }
}

/** The chunks holding the last `n` lines (a trailing partial line counts as one). */
function lastLines(chunks: OutputChunk[], n: number): OutputChunk[] {
  const lines: OutputChunk[] = [];
  for (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.data.length; i++) {
      if (chunk.data[i] === 10) {
        lines.push({ ...chunk, data: chunk.data.subarray(start, i + 1) });
        start = i + 1;
      }
    }
    if (start < chunk.data.length) lines.push({ ...chunk, data: chunk.data.subarray(start) });
  }
  return lines.slice(-n);
}
