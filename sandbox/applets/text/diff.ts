/**
 * `diff [-abBiNqrTsw] [-U LINES] FILE1 FILE2` (unified output only, as busybox) and
 * `cmp [-ls] FILE1 FILE2 [SKIP1 [SKIP2]]`.
 *
 * @module
 */
import type { ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, parseCount, usageError } from "../common/args.ts";
import { binary, concatBytes } from "../common/bytes.ts";
import { isFsError, runApplet, strerror, warn } from "../common/errors.ts";
import { openSource, readOperand } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { strftime, zoneFromTZ } from "../common/time.ts";
import { editScript, unifiedHunks } from "./diff_lines.ts";

interface DiffOptions {
  context: number;
  brief: boolean;
  key: (s: string) => string;
  newAsEmpty: boolean;
  recursive: boolean;
  reportSame: boolean;
  label: string[];
}

export const diff = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("diff", ctx.argv.slice(1), {
    flags: "abBdiNqrsTtuw",
    values: "ULS",
    long: {
      brief: "q",
      recursive: "r",
      "new-file": "N",
      "ignore-case": "i",
      "ignore-all-space": "w",
      "ignore-space-change": "b",
      "unified=": "U",
      "label=": "L",
    },
    usage: "diff [-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2",
  });
  const f = parsed.flags;
  if (parsed.operands.length !== 2) usageError("diff", "missing operand", "diff FILE1 FILE2");
  const o: DiffOptions = {
    context: parseCount(lastValue(parsed, "U") ?? "3"),
    brief: !!f.q,
    key: (s) => {
      let k = s;
      if (f.i) k = k.toLowerCase();
      if (f.w) k = k.replace(/[ \t]+/g, "");
      else if (f.b) k = k.replace(/[ \t]+/g, " ").replace(/ $/, "");
      return k;
    },
    newAsEmpty: !!f.N,
    recursive: !!f.r,
    reportSame: !!f.s,
    label: parsed.values.L ?? [],
  };
  const out = new BufferedWriter(ctx.stdout);
  const zone = zoneFromTZ(ctx.env.TZ);
  const stamp = (s: Stat | undefined) => {
    const ms = s?.mtimeMs ?? 0;
    return strftime(ms, "%Y-%m-%d %H:%M:%S", zone) +
      `.${String(Math.round((ms % 1000) * 1e6)).padStart(9, "0")} ` + strftime(ms, "%z", zone);
  };
  const statOf = async (name: string) => {
    if (name === "-") return undefined;
    return await ctx.fs.stat(resolvePath(ctx.cwd, name));
  };
  let result = 0;
  const compareFiles = async (a: string, b: string, sa: Stat | undefined, sb: Stat | undefined) => {
    const textA = sa === null ? "" : await readOperand(ctx, a);
    const textB = sb === null ? "" : await readOperand(ctx, b);
    if (textA === textB) {
      if (o.reportSame) await out.text(`Files ${a} and ${b} are identical\n`);
      return;
    }
    const split = (t: string) => {
      const lines = t.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      return lines;
    };
    const la = split(textA), lb = split(textB);
    const ops = editScript(la, lb, o.key);
    if (ops.every((op) => op.kind === " ") && textA.endsWith("\n") === textB.endsWith("\n")) return;
    result = 1;
    if (o.brief) {
      await out.text(`Files ${a} and ${b} differ\n`);
      return;
    }
    await out.text(`--- ${o.label[0] ?? a}\t${stamp(sa)}\n+++ ${o.label[1] ?? b}\t${stamp(sb)}\n`);
    const noNewlineA = textA !== "" && !textA.endsWith("\n");
    const noNewlineB = textB !== "" && !textB.endsWith("\n");
    await out.write(unifiedHunks(ops, o.context, la.length, lb.length, noNewlineA, noNewlineB));
  };
  const compareTrees = async (a: string, b: string) => {
    const namesA = (await ctx.fs.readdir(resolvePath(ctx.cwd, a))).map((e) => e.name);
    const namesB = (await ctx.fs.readdir(resolvePath(ctx.cwd, b))).map((e) => e.name);
    const all = [...new Set([...namesA, ...namesB])].sort();
    for (const name of all) {
      const pa = `${a}/${name}`, pb = `${b}/${name}`;
      const inA = namesA.includes(name), inB = namesB.includes(name);
      if (!inA || !inB) {
        if (o.newAsEmpty) {
          const s = await statOf(inA ? pa : pb);
          if (s?.kind === "file") {
            await compareFiles(pa, pb, inA ? s : undefined, inB ? s : undefined);
          }
          continue;
        }
        await out.text(`Only in ${inA ? a : b}: ${name}\n`);
        result = 1;
        continue;
      }
      const sa = await statOf(pa), sb = await statOf(pb);
      if (sa?.kind === "dir" && sb?.kind === "dir") await compareTrees(pa, pb);
      else if (sa?.kind === "dir" || sb?.kind === "dir") {
        await out.text(
          `File ${sa?.kind === "dir" ? pa : pb} is a directory while file ${
            sa?.kind === "dir" ? pb : pa
          } is a regular file\n`,
        );
        result = 1;
      } else await compareFiles(pa, pb, sa, sb);
    }
  };
  let [a, b] = parsed.operands;
  let sa: Stat | undefined, sb: Stat | undefined;
  try {
    sa = await statOf(a);
  } catch (error) {
    if (!(o.newAsEmpty && isFsError(error, "ENOENT"))) {
      await warn(ctx, `can't stat '${a}': ${strerror(error)}`);
      return 2;
    }
  }
  try {
    sb = await statOf(b);
  } catch (error) {
    if (!(o.newAsEmpty && isFsError(error, "ENOENT"))) {
      await warn(ctx, `can't stat '${b}': ${strerror(error)}`);
      return 2;
    }
  }
  if (sa?.kind === "dir" && sb?.kind === "dir") {
    if (!o.recursive) {
      await warn(ctx, `${a} and ${b} are directories; use -r`);
      return 2;
    }
    await compareTrees(a, b);
  } else {
    if (sa?.kind === "dir") a = `${a}/${b.split("/").pop()}`;
    if (sb?.kind === "dir") b = `${b}/${a.split("/").pop()}`;
    await compareFiles(
      a,
      b,
      sa?.kind === "dir" ? await statOf(a) : sa,
      sb?.kind === "dir" ? await statOf(b) : sb,
    );
  }
  await out.flush();
  return result;
});

export const cmp = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("cmp", ctx.argv.slice(1), {
    flags: "ls",
    usage: "cmp [-ls] FILE1 [FILE2 [SKIP1 [SKIP2]]]",
  });
  const [a, b = "-", skipA = "0", skipB = "0"] = parsed.operands;
  if (a === undefined) usageError("cmp", "missing operand", "cmp [-ls] FILE1 [FILE2]");
  const read = async (name: string) => {
    const source = await openSource(ctx, name);
    const chunks: Uint8Array[] = [];
    for (let c = await source.read(); c; c = await source.read()) chunks.push(c.slice());
    await source.close();
    return concatBytes(chunks);
  };
  const load = async (name: string, skip: string) => {
    try {
      return (await read(name)).subarray(Number(skip));
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (!parsed.flags.s) await warn(ctx, `can't open '${name}': ${strerror(error)}`);
      return undefined;
    }
  };
  const da = await load(a, skipA);
  if (!da) return 2;
  const db = await load(b, skipB);
  if (!db) return 2;
  const out = new BufferedWriter(ctx.stdout);
  let line = 1;
  let differ = false;
  const n = Math.min(da.length, db.length);
  for (let i = 0; i < n; i++) {
    if (da[i] !== db[i]) {
      differ = true;
      if (parsed.flags.s) return 1;
      if (!parsed.flags.l) {
        await out.text(`${binary(a)} ${binary(b)} differ: char ${i + 1}, line ${line}\n`);
        await out.flush();
        return 1;
      }
      await out.write(`${i + 1} ${da[i].toString(8)} ${db[i].toString(8)}\n`);
    }
    if (da[i] === 10) line++;
  }
  await out.flush();
  if (da.length !== db.length) {
    if (!parsed.flags.s) await warn(ctx, `EOF on ${da.length < db.length ? a : b}`);
    return 1;
  }
  return differ ? 1 : 0;
});
