/**
 * Dockerfile syntax as moby's `buildkit/frontend/dockerfile/parser` reads it for the classic
 * builder: parser directives (`# escape=`), comments, line continuations with the escape
 * character, instruction names in any case, `--flag=value` options, and the JSON (exec) form.
 * Errors name the line, as `dockerfile parse error on line N: …`.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";

/** One instruction of a Dockerfile. */
export interface Instruction {
  /** Lower-case instruction name: `from`, `run`, `copy`, … */
  name: string;
  /** The text after the name and flags, continuation lines joined. */
  args: string;
  /** `--name=value` options before the arguments, in order. */
  flags: { name: string; value: string | true }[];
  /** The JSON form's strings, when the arguments are a JSON array of strings. */
  json?: string[];
  /** The instruction as written, continuations joined (for history and messages). */
  original: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Dockerfile {
  instructions: Instruction[];
  /** The escape character (`\` unless `# escape=` says otherwise). */
  escape: string;
}

export const knownInstructions = new Set([
  "add",
  "arg",
  "cmd",
  "copy",
  "entrypoint",
  "env",
  "expose",
  "from",
  "healthcheck",
  "label",
  "maintainer",
  "onbuild",
  "run",
  "shell",
  "stopsignal",
  "user",
  "volume",
  "workdir",
]);

const flagged = new Set(["add", "copy", "from", "run", "healthcheck"]);

/** Thrown for syntax errors; the message names the line. */
export function parseError(line: number, message: string): InvalidParameter {
  return new InvalidParameter(`dockerfile parse error on line ${line}: ${message}`);
}

/**
 * Splits the leading `--name=value` options off an instruction's arguments.
 */
export function splitFlags(args: string): { flags: Instruction["flags"]; rest: string } {
  const flags: Instruction["flags"] = [];
  let rest = args;
  for (;;) {
    const match = /^--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|\S*))?(?:\s+|$)/.exec(rest);
    if (!match) break;
    const raw = match[2];
    flags.push({
      name: match[1],
      value: raw === undefined ? true : raw.replace(/^"(.*)"$/, "$1"),
    });
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function jsonForm(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  try {
    const parsed = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((s) => typeof s === "string")) return parsed;
  } catch { /* not JSON: the shell form, as Docker treats it */ }
  return undefined;
}

/** Parses an instruction line (used for ONBUILD triggers and `changes` too). */
export function parseInstruction(text: string, line: number): Instruction {
  const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) throw parseError(line, "empty instruction");
  const name = match[1].toLowerCase();
  if (!knownInstructions.has(name)) {
    throw parseError(line, `unknown instruction: ${match[1].toUpperCase()}`);
  }
  const body = match[2].trim();
  const { flags, rest } = flagged.has(name) ? splitFlags(body) : { flags: [], rest: body };
  if (name === "onbuild" && /^(onbuild|from|maintainer)\b/i.test(rest)) {
    throw parseError(
      line,
      `${rest.split(/\s/)[0].toUpperCase()} isn't allowed as an ONBUILD trigger`,
    );
  }
  return { name, args: rest, flags, json: jsonForm(rest), original: text.trim(), line };
}

/**
 * Parses a Dockerfile.
 *
 * @example
 * ```ts
 * const { instructions } = parseDockerfile("FROM busybox\nRUN echo hi \\\n  there\n");
 * instructions[1].args; // "echo hi   there"
 * ```
 */
export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let escape = "\\";
  let index = 0;
  // Parser directives: only at the very top, before any other line (comments included).
  const seen = new Set<string>();
  for (; index < lines.length; index++) {
    const directive = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[index]);
    if (!directive) break;
    const key = directive[1].toLowerCase();
    if (seen.has(key)) throw parseError(index + 1, `only one ${key} parser directive can be used`);
    seen.add(key);
    if (key === "escape") {
      if (directive[2] !== "\\" && directive[2] !== "`") {
        throw parseError(
          index + 1,
          `invalid escape token '${directive[2]}' does not match ` + "` or \\",
        );
      }
      escape = directive[2];
    }
  }
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  const continues = (line: string) => {
    const trimmed = line.replace(/\s+$/, "");
    return trimmed.endsWith(escape) ? trimmed.slice(0, -1) : undefined;
  };
  for (; index < lines.length; index++) {
    const raw = lines[index];
    if (/^\s*#/.test(raw)) continue; // comments, also inside a continued instruction
    if (pending === undefined && raw.trim() === "") continue;
    if (pending !== undefined && raw.trim() === "") continue; // empty continuation lines
    const head = continues(raw);
    const text = head ?? raw;
    pending = pending ? { text: pending.text + text, line: pending.line } : {
      text,
      line: index + 1,
    };
    if (head === undefined) {
      instructions.push(parseInstruction(pending.text, pending.line));
      pending = undefined;
    }
  }
  if (pending !== undefined && pending.text.trim() !== "") {
    instructions.push(parseInstruction(pending.text, pending.line));
  }
  if (instructions.length === 0) {
    throw new InvalidParameter("the Dockerfile (Dockerfile) cannot be empty");
  }
  return { instructions, escape };
}
