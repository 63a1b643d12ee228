/**
 * `sed [-inrsEz] [-e CMD]... [-f FILE]... [CMD] [FILE]...`: the stream editor. The script is
 * parsed once (sed_script.ts) and run over the concatenated inputs, or file by file with -i/-s;
 * a last line without a newline keeps lacking one, as in busybox.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, LineReader, openSource, readOperand } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { type Address, type Command, parseScript } from "./sed_script.ts";

const USAGE =
  "sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]... or: sed [-i[SFX]] [-nrE] CMD [FILE]...";

/** Expands a replacement: & is the match, \1..\9 groups, \n newline, \X a literal X. */
function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === "&") out += match[0];
    else if (ch === "\\" && i + 1 < replacement.length) {
      const next = replacement[++i];
      if (/[0-9]/.test(next)) out += match[Number(next)] ?? "";
      else if (next === "n") out += "\n";
      else if (next === "t") out += "\t";
      else out += next;
    } else out += ch;
  }
  return out;
}

/** Substitutes like sed: no empty match right after a previous match. */
function substitute(text: string, regex: RegExp, cmd: Command): string | undefined {
  const re = new RegExp(regex.source, regex.flags.includes("g") ? regex.flags : regex.flags + "g");
  let out = "";
  let last = 0;
  let count = 0;
  let changed = false;
  let prevEnd = -1;
  // busybox ignores the occurrence number when g is given too ("s/a/b/2g" replaces all).
  const wanted = cmd.global ? 1 : cmd.occurrence ?? 1;
  for (let pos = 0; pos <= text.length;) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    if (m[0] === "" && m.index === prevEnd) {
      if (m.index >= text.length) break;
      pos = m.index + 1;
      continue;
    }
    count++;
    const end = m.index + m[0].length;
    if (count >= wanted) {
      out += text.slice(last, m.index) + expandReplacement(cmd.replacement!, m);
      last = end;
      changed = true;
      if (!cmd.global) break;
    }
    prevEnd = end;
    pos = m[0] === "" ? end + 1 : end;
    if (m[0] === "" && m.index < text.length && count >= wanted) {
      out += text[m.index];
      last = m.index + 1;
    }
  }
  if (!changed) return undefined;
  return out + text.slice(last);
}

/** `l` output: C escapes, octal for other unprintables, lines folded at 69 chars + "\". */
function listLine(text: string): string {
  const escapes: Record<string, string> = {
    "\\": "\\\\",
    "\x07": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
  };
  let out = "";
  let width = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    const piece = escapes[ch] ?? (c < 32 || c >= 127 ? "\\" + c.toString(8).padStart(3, "0") : ch);
    if (width + piece.length > 69) {
      out += "\\\n";
      width = 0;
    }
    out += piece;
    width += piece.length;
  }
  return out + "$\n";
}

interface Input {
  next(): Promise<string | null>;
  isLast(): Promise<boolean>;
  /** Whether the line just read ended without a newline. */
  noNewline(): boolean;
}

/** Lines from several sources as one stream, with lookahead for `$`. */
function chainInput(sources: (() => Promise<ByteSource | undefined>)[]): Input {
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

interface RunState {
  out: BufferedWriter | { write(s: string): Promise<void>; flush(): Promise<void> };
  quiet: boolean;
  lastRegex: RegExp | null;
  files: Map<string, string[]>;
  exitCode?: number;
}

async function runScript(
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

export const sed = runApplet(async (ctx: ProcessContext) => {
  // -i takes an optional attached suffix, which getopt cannot express: pull it out first.
  let inPlace: string | undefined;
  const args = ctx.argv.slice(1).filter((arg) => {
    const m = /^-i(.*)$/.exec(arg) ?? /^--in-place(?:=(.*))?$/.exec(arg);
    if (m) inPlace = m[1] ?? "";
    return !m;
  });
  const parsed = parseArgs("sed", args, {
    flags: "nrEz",
    values: "ef",
    long: {
      quiet: "n",
      silent: "n",
      "regexp-extended": "r",
      "expression=": "e",
      "file=": "f",
      "null-data": "z",
      posix: "_",
    },
    usage: USAGE,
  });
  const operands = [...parsed.operands];
  const parts: string[] = [];
  // -e and -f keep their relative order; getopt lost it, so rebuild it from argv.
  let ei = 0, fi = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--") break;
    const m = /^-[nrEsz]*([ef])(.*)$/.exec(args[i]);
    if (!m) continue;
    if (m[2] === "") i++;
    if (m[1] === "e") parts.push(binary(parsed.values.e![ei++]));
    else {
      const file = parsed.values.f![fi++];
      let text: string;
      try {
        text = await readOperand(ctx, file);
      } catch (error) {
        die(`can't open '${file}': ${strerror(error)}`);
      }
      parts.push(text.endsWith("\n") ? text.slice(0, -1) : text);
    }
  }
  if (parts.length === 0) {
    const script = operands.shift();
    if (script === undefined) usageError("sed", "missing script", USAGE);
    parts.push(binary(script));
  }
  const extended = !!(parsed.flags.r || parsed.flags.E);
  const commands = parseScript(parts.join("\n"), { extended });
  const state: RunState = {
    out: new BufferedWriter(ctx.stdout),
    quiet: !!parsed.flags.n,
    lastRegex: null,
    files: new Map(),
  };
  let status = 0;
  const opener = (name: string) => async () => {
    try {
      return await openSource(ctx, name);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await state.out.flush();
      await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
      return undefined;
    }
  };
  if (inPlace !== undefined) {
    if (operands.length === 0) die("no input files");
    for (const name of operands) {
      const path = resolvePath(ctx.cwd, name);
      const chunks: string[] = [];
      const fileState: RunState = {
        ...state,
        out: { write: (s) => Promise.resolve(void chunks.push(s)), flush: () => Promise.resolve() },
      };
      for (const cmd of commands) cmd.active = false;
      const source = await opener(name)();
      if (!source) continue;
      try {
        await runScript(ctx, commands, chainInput([() => Promise.resolve(source)]), fileState);
      } finally {
        await source.close();
      }
      if (inPlace) await ctx.fs.writeFile(path + inPlace, await ctx.fs.readFile(path));
      const stat = await ctx.fs.stat(path);
      await ctx.fs.writeFile(path, unlatin1(chunks.join("")));
      await ctx.fs.chmod(path, stat.mode);
      state.files = fileState.files;
      if (fileState.exitCode !== undefined) {
        state.exitCode = fileState.exitCode;
        break;
      }
    }
  } else if (parsed.flags.s) {
    for (const name of operands.length ? operands : ["-"]) {
      for (const cmd of commands) cmd.active = false;
      if (await runScript(ctx, commands, chainInput([opener(name)]), state)) break;
    }
  } else {
    await runScript(
      ctx,
      commands,
      chainInput((operands.length ? operands : ["-"]).map(opener)),
      state,
    );
  }
  await state.out.flush();
  for (const [name, texts] of state.files) {
    await ctx.fs.writeFile(resolvePath(ctx.cwd, name), unlatin1(texts.join("")));
  }
  return state.exitCode ?? status;
});
