/**
 * What an awk program runs against: the current record and its fields, special variables, and
 * the input/output streams opened by name (files, "/dev/stdout", commands through the sandbox's
 * shell). Kept apart from the evaluator so each stays readable.
 *
 * @module
 */
import type { ProcessContext } from "../../../types.ts";
import { resolvePath } from "../../../path.ts";
import { latin1, unbinary, unlatin1 } from "../../common/bytes.ts";
import { die } from "../../common/errors.ts";
import { type ByteSource, openSource } from "../../common/input.ts";
import { BufferedWriter } from "../../common/output.ts";
import { compilePosix, RegexSyntaxError } from "../../common/regex.ts";
import { fromInput, numberToString, toNum, toStr, UNINIT, type Value } from "./values.ts";

/** Splits text into records by RS: "\n", "" (paragraphs), a single char, or a regex. */
export class RecordReader {
  #buffer = "";
  #done = false;
  constructor(readonly source: ByteSource, readonly rs: () => string) {}

  async next(): Promise<string | null> {
    for (;;) {
      const rs = this.rs();
      if (rs === "") {
        this.#buffer = this.#buffer.replace(/^\n+/, "");
        const m = /\n\n+/.exec(this.#buffer);
        if (m && (m.index + m[0].length < this.#buffer.length || this.#done)) {
          const record = this.#buffer.slice(0, m.index);
          this.#buffer = this.#buffer.slice(m.index + m[0].length);
          return record;
        }
      } else if (rs.length === 1) {
        const cut = this.#buffer.indexOf(rs);
        if (cut >= 0) {
          const record = this.#buffer.slice(0, cut);
          this.#buffer = this.#buffer.slice(cut + 1);
          return record;
        }
      } else {
        const m = compilePosix(rs, true).exec(this.#buffer);
        if (m && m[0] !== "" && (m.index + m[0].length < this.#buffer.length || this.#done)) {
          const record = this.#buffer.slice(0, m.index);
          this.#buffer = this.#buffer.slice(m.index + m[0].length);
          return record;
        }
      }
      if (this.#done) {
        if (this.#buffer === "") return null;
        const record = rs === "" ? this.#buffer.replace(/\n+$/, "") : this.#buffer;
        this.#buffer = "";
        return record;
      }
      const chunk = await this.source.read();
      if (chunk === null) this.#done = true;
      else this.#buffer += latin1(chunk);
    }
  }
}

/** Output streams by name: files, pipes into commands, and the standard ones. */
export class Outputs {
  #files = new Map<string, string[]>();
  #pipes = new Map<string, string[]>();
  constructor(
    readonly ctx: ProcessContext,
    readonly stdout: BufferedWriter,
    readonly stderr: BufferedWriter,
  ) {}

  async write(kind: ">" | ">>" | "|" | undefined, name: string, text: string): Promise<void> {
    if (kind === undefined || name === "/dev/stdout" || name === "-") {
      return await this.stdout.write(text);
    }
    if (name === "/dev/stderr") {
      await this.stdout.flush();
      await this.stderr.write(text);
      return await this.stderr.flush();
    }
    if (kind === "|") {
      const list = this.#pipes.get(name) ?? [];
      list.push(text);
      this.#pipes.set(name, list);
      return;
    }
    let list = this.#files.get(name);
    if (!list) {
      list = [];
      this.#files.set(name, list);
      const path = resolvePath(this.ctx.cwd, unbinary(name));
      if (kind === ">") await this.ctx.fs.writeFile(path, new Uint8Array());
      else await this.ctx.fs.writeFile(path, new Uint8Array(), { append: true });
    }
    list.push(text);
    if (list.length > 256) await this.#flushFile(name);
  }

  async #flushFile(name: string) {
    const list = this.#files.get(name);
    if (!list || list.length === 0) return;
    const data = unlatin1(list.join(""));
    list.length = 0;
    await this.ctx.fs.writeFile(resolvePath(this.ctx.cwd, unbinary(name)), data, { append: true });
  }

  /** Closes a stream by name; for a pipe, runs the command with what was written. */
  async close(name: string): Promise<number> {
    if (this.#files.has(name)) {
      await this.#flushFile(name);
      this.#files.delete(name);
      return 0;
    }
    const pipe = this.#pipes.get(name);
    if (pipe) {
      this.#pipes.delete(name);
      await this.stdout.flush();
      const { bytesInput } = await import("../../../io.ts");
      return await this.ctx.spawn(["sh", "-c", unbinary(name)], {
        stdin: bytesInput(unlatin1(pipe.join(""))),
      });
    }
    return -1;
  }

  async flushAll(): Promise<void> {
    await this.stdout.flush();
    for (const name of [...this.#files.keys()]) await this.#flushFile(name);
  }

  async closeAll(): Promise<void> {
    await this.stdout.flush();
    for (const name of [...this.#files.keys(), ...this.#pipes.keys()]) await this.close(name);
  }
}

/** Input streams by name for `getline < file` and `cmd | getline`. */
export class Inputs {
  #readers = new Map<string, RecordReader>();
  constructor(
    readonly ctx: ProcessContext,
    readonly rs: () => string,
    readonly flush: () => Promise<void>,
  ) {}

  async read(kind: "file" | "cmd", name: string): Promise<string | null | undefined> {
    let reader = this.#readers.get(name);
    if (!reader) {
      if (kind === "file") {
        try {
          reader = new RecordReader(
            await openSource(this.ctx, name === "/dev/stdin" ? "-" : unbinary(name)),
            this.rs,
          );
        } catch {
          return undefined;
        }
      } else {
        await this.flush();
        const chunks: Uint8Array[] = [];
        await this.ctx.spawn(["sh", "-c", unbinary(name)], {
          stdout: {
            write: (d) =>
              Promise.resolve(
                void chunks.push(typeof d === "string" ? new TextEncoder().encode(d) : d.slice()),
              ),
          },
        });
        let index = 0;
        reader = new RecordReader({
          read: () => Promise.resolve(chunks[index++] ?? null),
          close: () => Promise.resolve(),
          unread: () => {},
        }, this.rs);
      }
      this.#readers.set(name, reader);
    }
    return await reader.next();
  }

  close(name: string): number {
    return this.#readers.delete(name) ? 0 : -1;
  }
}

/** The current record, split lazily into fields by FS. */
export class Record {
  #text = "";
  #fields: string[] | null = [];
  #nf = 0;
  constructor(
    readonly fs: () => string,
    readonly ofs: () => string,
    readonly convfmt: () => string,
  ) {}

  set(text: string) {
    this.#text = text;
    this.#fields = null;
  }

  get text(): string {
    return this.#text;
  }

  #split() {
    if (this.#fields) return this.#fields;
    this.#fields = splitFields(this.#text, this.fs());
    this.#nf = this.#fields.length;
    return this.#fields;
  }

  get nf(): number {
    this.#split();
    return this.#nf;
  }

  set nf(n: number) {
    const fields = this.#split();
    if (n < 0) die("NF set to negative value");
    while (fields.length < n) fields.push("");
    fields.length = n;
    this.#nf = n;
    this.#rebuild();
  }

  field(i: number): Value {
    if (i === 0) return fromInput(this.#text);
    const fields = this.#split();
    return i <= fields.length ? fromInput(fields[i - 1]) : UNINIT;
  }

  setField(i: number, value: string) {
    if (i === 0) return this.set(value);
    const fields = this.#split();
    while (fields.length < i) fields.push("");
    fields[i - 1] = value;
    this.#nf = fields.length;
    this.#rebuild();
  }

  #rebuild() {
    this.#text = this.#fields!.join(this.ofs());
  }
}

const regexCache = new Map<string, RegExp>();

/** Compiles an awk dynamic regex (ERE), cached by source. */
export function awkRegex(source: string, flags = ""): RegExp {
  const key = flags + "\0" + source;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = compilePosix(source, true, flags);
    } catch (error) {
      if (error instanceof RegexSyntaxError) die(`bad regex '${source}': ${error.message}`);
      throw error;
    }
    regexCache.set(key, re);
  }
  return re;
}

/** Splits by an FS value: " " is runs of blanks (trimmed), one char is literal, else an ERE. */
export function splitFields(text: string, fs: string): string[] {
  if (text === "") return [];
  if (fs === " ") {
    const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
    return trimmed === "" ? [] : trimmed.split(/[ \t\n]+/);
  }
  if (fs.length === 1 && fs !== "\\") return text.split(fs);
  if (fs === "\t") return text.split("\t");
  return text.split(awkRegex(fs));
}

export { numberToString, toNum, toStr };
