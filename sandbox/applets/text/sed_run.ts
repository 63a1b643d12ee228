/**
 * Runs a parsed sed script over an input stream: the pattern and hold spaces, addresses and
 * ranges, the append queue, auto-print, and the `$` lookahead across concatenated inputs.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { die } from "../common/errors.ts";
import { type ByteSource, LineReader, readOperand } from "../common/input.ts";
import type { BufferedWriter } from "../common/output.ts";
import type { Address, Command } from "./sed_script.ts";
import { listLine, substitute } from "./sed_edit.ts";

export interface Input {
  next(): Promise<string | null>;
  isLast(): Promise<boolean>;
  /** Whether the line just read ended without a newline. */
  noNewline(): boolean;
}

/** Lines from several sources as one stream, with lookahead for `$`. */
export function chainInput(sources: (() => Promise<ByteSource | undefined>)[]): Input {
  let index = 0;
  let reader: LineReader | undefined;
  let lastNoNewline = false;
  const advance = async (): Promise<boolean> => {
    while (!reader || (await reader.atEnd())) {
      if (index >= sources.length) return false;
      const source = await sources[index++]();
      reader = source ? new LineReader(source) : undefined;
    }
    return true;
  };
  return {
    async next() {
      if (!(await advance())) return null;
      const line = await reader!.next();
      lastNoNewline = reader!.noNewline;
      return line;
    },
    async isLast() {
      return !(await advance());
    },
    noNewline: () => lastNoNewline,
  };
}

export interface RunState {
  out: BufferedWriter | { write(s: string): Promise<void>; flush(): Promise<void> };
  quiet: boolean;
  lastRegex: RegExp | null;
  files: Map<string, string[]>;
  exitCode?: number;
}

export async function runScript(
  ctx: ProcessContext,
  commands: Command[],
  input: Input,
  state: RunState,
): Promise<boolean> {
  let lineNo = 0;
  let hold = "";
  let space: string | null = await input.next();
  let noNewline = input.noNewline();
  if (space === null) return false;
  lineNo = 1;
  const write = (s: string) => state.out.write(s);
  const emit = (s: string) => write(s + (noNewline && !pendingMore ? "" : "\n"));
  let pendingMore = false;
  const matches = async (a: Address, text: string): Promise<boolean> => {
    switch (a.kind) {
      case "line":
        return lineNo === a.line;
      case "last":
        return await input.isLast();
      case "regex": {
        const re = a.regex ?? state.lastRegex;
        if (!re) die("no previous regexp");
        state.lastRegex = re;
        re.lastIndex = 0;
        return re.test(text);
      }
      case "relative":
        return false;
    }
  };
  const selected = async (cmd: Command, text: string): Promise<boolean> => {
    if (!cmd.a1) return true;
    if (!cmd.a2) return await matches(cmd.a1, text);
    if (!cmd.active) {
      // Line 0 never matches: busybox has no GNU "0,/re/" form.
      if (!(await matches(cmd.a1, text))) return false;
      cmd.active = true;
      cmd.rangeEnd = 0;
      if (cmd.a2.kind === "line" && cmd.a2.line <= lineNo) cmd.active = false;
      else if (cmd.a2.kind === "relative") {
        cmd.rangeEnd = lineNo + cmd.a2.count;
        if (cmd.a2.count === 0) cmd.active = false;
      }
      return true;
    }
    if (cmd.a2.kind === "line") {
      if (lineNo >= cmd.a2.line) cmd.active = false;
    } else if (cmd.a2.kind === "relative") {
      if (lineNo >= cmd.rangeEnd!) cmd.active = false;
    } else if (await matches(cmd.a2, text)) cmd.active = false;
    return true;
  };
  let appended: string[] = [];
  const flushAppended = async () => {
    for (const text of appended) await write(text);
    appended = [];
  };
  let substituted = false;
  while (space !== null) {
    let pc = 0;
    let autoPrint = !state.quiet;
    let restartWithoutRead = false;
    let quit = false;
    while (pc < commands.length) {
      const cmd = commands[pc];
      const hit = (await selected(cmd, space)) !== cmd.negate;
      if (!hit) {
        pc = cmd.name === "{" ? cmd.jump! + 1 : pc + 1;
        continue;
      }
      pc++;
      switch (cmd.name) {
        case "=":
          await write(`${lineNo}\n`);
          break;
        case "a":
          appended.push(cmd.text! + "\n");
          break;
        case "i":
          await write(cmd.text! + "\n");
          break;
        case "c":
          if (!cmd.a2 || !cmd.active) await write(cmd.text! + "\n");
          autoPrint = false;
          pc = commands.length;
          break;
        case "d":
          autoPrint = false;
          pc = commands.length;
          break;
        case "D": {
          const nl = space.indexOf("\n");
          if (nl < 0) {
            autoPrint = false;
            pc = commands.length;
            break;
          }
          space = space.slice(nl + 1);
          autoPrint = false;
          restartWithoutRead = true;
          pc = commands.length;
          break;
        }
        case "g":
          space = hold;
          break;
        case "G":
          space += "\n" + hold;
          break;
        case "h":
          hold = space;
          break;
        case "H":
          hold += "\n" + space;
          break;
        case "x":
          [space, hold] = [hold, space];
          break;
        case "l":
          await write(listLine(space));
          break;
        case "p":
          await write(space + "\n");
          break;
        case "P": {
          const nl = space.indexOf("\n");
          await write((nl < 0 ? space : space.slice(0, nl)) + "\n");
          break;
        }
        case "n":
        case "N": {
          if (await input.isLast()) {
            // No next line: GNU and busybox print the pattern space (unless -n) and stop.
            quit = true;
            pc = commands.length;
            break;
          }
          if (cmd.name === "n") {
            if (!state.quiet) await emit(space);
            await flushAppended();
            space = (await input.next())!;
          } else {
            await flushAppended();
            space += "\n" + (await input.next())!;
          }
          noNewline = input.noNewline();
          lineNo++;
          break;
        }
        case "q":
          quit = true;
          state.exitCode = cmd.exitCode;
          pc = commands.length;
          break;
        case "Q":
          state.exitCode = cmd.exitCode;
          return true;
        case "s": {
          const re = cmd.regex ?? state.lastRegex;
          if (!re) die("no previous regexp");
          state.lastRegex = re;
          const result = substitute(space, re, cmd);
          if (result !== undefined) {
            space = result;
            substituted = true;
            if (cmd.print) await write(space + "\n");
            if (cmd.writeFile) addToFile(state, cmd.writeFile, space + "\n");
          }
          break;
        }
        case "y": {
          let result = "";
          for (const ch of space) {
            const i = cmd.from!.indexOf(ch);
            result += i < 0 ? ch : cmd.to![i];
          }
          space = result;
          break;
        }
        case "b":
          pc = cmd.jump!;
          break;
        case "t":
          if (substituted) {
            substituted = false;
            pc = cmd.jump!;
          }
          break;
        case "T":
          if (!substituted) pc = cmd.jump!;
          else substituted = false;
          break;
        case "r":
        case "R":
          try {
            const text = await readOperand(ctx, cmd.writeFile!);
            if (text !== "") appended.push(text.endsWith("\n") ? text : text + "\n");
          } catch {
            // A missing file for `r` is silently ignored, as POSIX says.
          }
          break;
        case "w":
          addToFile(state, cmd.writeFile!, space + "\n");
          break;
        case "W": {
          const nl = space.indexOf("\n");
          addToFile(state, cmd.writeFile!, (nl < 0 ? space : space.slice(0, nl)) + "\n");
          break;
        }
        case "z":
          space = "";
          break;
      }
    }
    if (autoPrint) {
      pendingMore = !(await input.isLast()) || appended.length > 0;
      await emit(space);
    }
    await flushAppended();
    if (quit) return true;
    if (restartWithoutRead) {
      continue;
    }
    substituted = false;
    space = await input.next();
    noNewline = input.noNewline();
    lineNo++;
  }
  return false;
}

function addToFile(state: RunState, name: string, text: string) {
  const list = state.files.get(name) ?? [];
  list.push(text);
  state.files.set(name, list);
}
