/**
 * Reading operands: "-" (or no operand) is stdin, anything else a file resolved against the
 * working directory. Sources yield byte chunks; {@link LineReader} splits them into binary-string
 * lines and remembers whether the last one ended without a newline, which busybox preserves.
 *
 * @module
 */
import { FsError, type ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { latin1 } from "./bytes.ts";

const CHUNK = 64 * 1024;

/** A readable byte stream from a file or stdin. */
export interface ByteSource {
  read(): Promise<Uint8Array | null>;
  close(): Promise<void>;
  /** Pushes bytes back (stdin only matters: a later reader sees them). */
  unread(bytes: Uint8Array): void;
}

/** Opens `name` for reading ("-" is stdin). Throws the filesystem's error. */
export async function openSource(ctx: ProcessContext, name: string): Promise<ByteSource> {
  if (name === "-") {
    return {
      read: () => ctx.stdin.read(ctx.signal),
      close: () => Promise.resolve(),
      unread: (bytes) => ctx.stdin.unread(bytes),
    };
  }
  const path = resolvePath(ctx.cwd, name);
  const stat = await ctx.fs.stat(path);
  if (stat.kind === "dir") {
    throw new FsError("EISDIR", path, "Is a directory");
  }
  const handle = await ctx.fs.open(path, { read: true });
  const pending: Uint8Array[] = [];
  return {
    read: () => {
      const ready = pending.shift();
      if (ready) return Promise.resolve(ready);
      return handle.read(CHUNK, ctx.signal);
    },
    close: () => handle.close(),
    unread: (bytes) => {
      if (bytes.length > 0) pending.unshift(bytes);
    },
  };
}

/** Reads a whole source into memory as a binary string. */
export async function readAll(source: ByteSource): Promise<string> {
  const parts: string[] = [];
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    parts.push(latin1(chunk));
  }
  return parts.join("");
}

/** Reads a whole operand ("-" is stdin) as a binary string and closes it. */
export async function readOperand(ctx: ProcessContext, name: string): Promise<string> {
  const source = await openSource(ctx, name);
  try {
    return await readAll(source);
  } finally {
    await source.close();
  }
}

/** Splits a byte source into lines (without "\n"), chunk by chunk. */
export class LineReader {
  #buffer = "";
  #lines: string[] = [];
  #index = 0;
  #done = false;
  /** True when the line most recently returned had no terminating newline (end of input). */
  noNewline = false;

  constructor(readonly source: ByteSource, readonly delimiter = "\n") {}

  async next(): Promise<string | null> {
    while (this.#index >= this.#lines.length) {
      const chunk = this.#done ? null : await this.source.read();
      if (chunk === null) {
        this.#done = true;
        if (this.#buffer === "") return null;
        const last = this.#buffer;
        this.#buffer = "";
        this.noNewline = true;
        return last;
      }
      const text = this.#buffer + latin1(chunk);
      const parts = text.split(this.delimiter);
      this.#buffer = parts.pop()!;
      this.#lines = parts;
      this.#index = 0;
    }
    this.noNewline = false;
    return this.#lines[this.#index++];
  }

  /** True when no more lines follow (may read ahead one chunk). */
  async atEnd(): Promise<boolean> {
    if (this.#index < this.#lines.length) return false;
    while (!this.#done && this.#index >= this.#lines.length) {
      const chunk = await this.source.read();
      if (chunk === null) {
        this.#done = true;
        break;
      }
      const text = this.#buffer + latin1(chunk);
      const parts = text.split(this.delimiter);
      this.#buffer = parts.pop()!;
      this.#lines = parts;
      this.#index = 0;
    }
    return this.#index >= this.#lines.length && this.#buffer === "";
  }
}

/**
 * Iterates the operands of a text filter (stdin when there are none), calling `open` errors back
 * so the applet can print its own wording and carry on with the next file.
 */
export async function forEachSource(
  ctx: ProcessContext,
  operands: string[],
  onSource: (source: ByteSource, name: string) => Promise<void>,
  onError: (name: string, error: unknown) => Promise<void>,
): Promise<void> {
  const names = operands.length === 0 ? ["-"] : operands;
  for (const name of names) {
    let source: ByteSource;
    try {
      source = await openSource(ctx, name);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await onError(name, error);
      continue;
    }
    try {
      await onSource(source, name);
    } finally {
      await source.close();
    }
  }
}
