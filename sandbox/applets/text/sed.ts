/**
 * `sed [-inrEz] [-e CMD]... [-f FILE]... [CMD] [FILE]...`: the stream editor. The script is
 * parsed once (sed_script.ts) and run (sed_run.ts) over the concatenated inputs, or file by file
 * with -i;
 * a last line without a newline keeps lacking one, as in busybox.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../common/errors.ts";
import { openSource, readOperand } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { parseScript } from "./sed_script.ts";
import { chainInput, runScript, type RunState } from "./sed_run.ts";

const USAGE =
  "sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]... or: sed [-i[SFX]] [-nrE] CMD [FILE]...";

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
        out: {
          write: (s: string) => Promise.resolve(void chunks.push(s)),
          flush: () => Promise.resolve(),
        },
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
