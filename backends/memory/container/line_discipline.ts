/**
 * What a pseudo-terminal's line discipline does between `docker attach -it` and a process with
 * `Tty: true`, in the default cooked mode (termios as a fresh pty has it):
 *
 * Done:
 * - output: ONLCR (`\n` becomes `\r\n`), for stdout and stderr, which share the terminal;
 * - input: ICRNL (`\r` becomes `\n`); ICANON (the program reads whole lines); ECHO with ECHOCTL
 *   (typed characters come back, control characters as `^X`); ECHOE (DEL `0x7f` erases the last
 *   character, UTF-8 aware, echoing `\b \b`); VKILL (`^U` erases the line); VEOF (`^D` hands
 *   over the pending bytes, or reads as end of file on an empty line; later reads go on);
 *   ISIG: VINTR (`^C`) and VQUIT (`^\`) signal the terminal's process and its descendants
 *   (its process group, as far as the sandbox tracks one) and discard the pending line.
 *
 * Not done: non-canonical (raw) mode and any termios change (the sandbox has no `stty`/ioctl),
 * VWERASE (`^W`), VLNEXT (`^V`), VREPRINT (`^R`), VSUSP (`^Z`: no job control), IXON flow control
 * (`^S`/`^Q`), window sizes and SIGWINCH. Those bytes reach the program as typed.
 *
 * @module
 */
import type { Input } from "../../../sandbox/mod.ts";

const CR = 0x0d;
const NL = 0x0a;
const DEL = 0x7f;
const VINTR = 0x03;
const VQUIT = 0x1c;
const VEOF = 0x04;
const VKILL = 0x15;
const TAB = 0x09;

/** The largest line the terminal holds (Linux's N_TTY_BUF_SIZE); more waits for the reader. */
const MAX_CANON = 4096;

/** ONLCR: every `\n` of output becomes `\r\n`. */
export function onlcr(bytes: Uint8Array): Uint8Array {
  let count = 0;
  for (const b of bytes) if (b === NL) count++;
  if (count === 0) return bytes;
  const out = new Uint8Array(bytes.length + count);
  let j = 0;
  for (const b of bytes) {
    if (b === NL) out[j++] = CR;
    out[j++] = b;
  }
  return out;
}

export interface LineDisciplineOptions {
  /** The raw bytes typed at the terminal (the attach's stdin). */
  raw: Input;
  /** Where echoes go: the terminal's output, before ONLCR (it is applied here). */
  echo: (bytes: Uint8Array) => Promise<void>;
  /** Delivers SIGINT/SIGQUIT to the terminal's foreground processes. */
  signal: (name: "SIGINT" | "SIGQUIT") => void;
  /** Stops reading the raw input (the process has exited). */
  stop: AbortSignal;
}

/** A cooked terminal: reads raw input as it arrives and hands the program complete lines. */
export class LineDiscipline implements Input {
  #line: number[] = [];
  /** Lines ready for the program; an empty entry is a `^D` end of file. */
  #ready: Uint8Array[] = [];
  #readyBytes = 0;
  #hangup = false;
  #waiters: (() => void)[] = [];
  #space: (() => void)[] = [];
  readonly #options: LineDisciplineOptions;

  constructor(options: LineDisciplineOptions) {
    this.#options = options;
    this.#pump().catch(() => this.#hang());
  }

  async read(signal?: AbortSignal): Promise<Uint8Array | null> {
    while (true) {
      signal?.throwIfAborted();
      const next = this.#ready.shift();
      if (next) {
        this.#readyBytes -= next.byteLength;
        this.#wake(this.#space);
        return next.byteLength === 0 ? null : next;
      }
      if (this.#hangup) return null;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal!.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
        this.#waiters.push(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    }
  }

  unread(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.#ready.unshift(bytes);
    this.#readyBytes += bytes.byteLength;
  }

  /** Input is processed as it arrives, so `^C` works while nobody reads (a `sleep`). */
  async #pump(): Promise<void> {
    const { raw, stop } = this.#options;
    while (!stop.aborted) {
      while (this.#readyBytes >= MAX_CANON && !stop.aborted) {
        await new Promise<void>((resolve) => this.#space.push(resolve));
      }
      const chunk = await raw.read(stop);
      if (chunk === null) break;
      await this.#input(chunk);
    }
    this.#hang();
  }

  /** The terminal's input closed: pending bytes, then end of file for good. */
  #hang(): void {
    if (this.#line.length > 0) this.#deliver(new Uint8Array(this.#line.splice(0)));
    this.#hangup = true;
    this.#wake(this.#waiters);
  }

  async #input(chunk: Uint8Array): Promise<void> {
    const echo: number[] = [];
    for (let byte of chunk) {
      if (byte === CR) byte = NL;
      if (byte === VINTR || byte === VQUIT) {
        echo.push(0x5e, byte + 0x40);
        this.#line.length = 0;
        this.#options.signal(byte === VINTR ? "SIGINT" : "SIGQUIT");
      } else if (byte === VEOF) {
        this.#deliver(new Uint8Array(this.#line.splice(0)));
      } else if (byte === DEL) {
        this.#erase(echo);
      } else if (byte === VKILL) {
        while (this.#line.length > 0) this.#erase(echo);
      } else if (byte === NL) {
        this.#line.push(NL);
        echo.push(NL);
        this.#deliver(new Uint8Array(this.#line.splice(0)));
      } else {
        if (this.#line.length < MAX_CANON - 1) this.#line.push(byte);
        if (byte < 0x20 && byte !== TAB) echo.push(0x5e, byte + 0x40);
        else echo.push(byte);
      }
    }
    if (echo.length > 0) await this.#options.echo(onlcr(new Uint8Array(echo)));
  }

  /** Erases one character: a whole UTF-8 sequence, and two columns for an echoed `^X`. */
  #erase(echo: number[]): void {
    if (this.#line.length === 0) return;
    let byte = this.#line.pop()!;
    while ((byte & 0xc0) === 0x80 && this.#line.length > 0) byte = this.#line.pop()!;
    const columns = byte < 0x20 && byte !== TAB ? 2 : 1;
    for (let i = 0; i < columns; i++) echo.push(0x08, 0x20, 0x08);
  }

  #deliver(line: Uint8Array): void {
    this.#ready.push(line);
    this.#readyBytes += line.byteLength;
    this.#wake(this.#waiters);
  }

  #wake(waiters: (() => void)[]): void {
    for (const resolve of waiters.splice(0)) resolve();
  }
}
