/**
 * `md5sum`, `sha1sum`, `sha256sum`, `sha512sum` `[-c[sw]] [FILE]...`: digests are computed
 * incrementally as input streams; `-c` checks "HASH  NAME" lines.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { binary, unbinary } from "../common/bytes.ts";
import { appletName, runApplet, strerror, warn } from "../common/errors.ts";
import { type ByteSource, openSource, readOperand } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import type { Digest } from "./block_hash.ts";
import { Md5 } from "./md5.ts";
import { Sha1 } from "./sha1.ts";
import { Sha256 } from "./sha256.ts";
import { Sha512 } from "./sha512.ts";

const ALGORITHMS: Record<string, () => Digest> = {
  md5sum: () => new Md5(),
  sha1sum: () => new Sha1(),
  sha256sum: () => new Sha256(),
  sha512sum: () => new Sha512(),
};

async function digest(source: ByteSource, algorithm: () => Digest): Promise<string> {
  const hash = algorithm();
  for (let chunk = await source.read(); chunk; chunk = await source.read()) hash.update(chunk);
  return hash.hex();
}

export const checksum = runApplet(async (ctx: ProcessContext) => {
  const name = appletName(ctx);
  const algorithm = ALGORITHMS[name] ?? ALGORITHMS.md5sum;
  const parsed = parseArgs(name, ctx.argv.slice(1), {
    flags: "cswbt",
    long: { check: "c", status: "s", warn: "w", binary: "b", text: "t", quiet: "_q" },
    usage: `${name} [-c[sw]] [FILE]...`,
  });
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  const hashFile = async (file: string): Promise<string | undefined> => {
    let source: ByteSource;
    try {
      source = await openSource(ctx, file);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await out.flush();
      await warn(ctx, `can't open '${file}': ${strerror(error)}`);
      status = 1;
      return undefined;
    }
    try {
      return await digest(source, algorithm);
    } finally {
      await source.close();
    }
  };
  const operands = parsed.operands.length ? parsed.operands : ["-"];
  if (!parsed.flags.c) {
    for (const file of operands) {
      const sum = await hashFile(file);
      if (sum !== undefined) await out.write(`${sum}  ${binary(file)}\n`);
    }
    await out.flush();
    return status;
  }
  let failed = 0;
  let checked = 0;
  for (const list of operands) {
    let text: string;
    try {
      text = await readOperand(ctx, list);
    } catch (error) {
      await warn(ctx, `can't open '${list}': ${strerror(error)}`);
      status = 1;
      continue;
    }
    for (const line of text.split("\n")) {
      const m = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
      if (!m) {
        if (line !== "" && parsed.flags.w) await warn(ctx, `invalid format`);
        continue;
      }
      const file = unbinary(m[2]);
      const sum = await hashFile(file);
      checked++;
      const ok = sum !== undefined && sum === m[1].toLowerCase();
      if (!ok) failed++;
      if (!parsed.flags.s) await out.write(`${m[2]}: ${ok ? "OK" : "FAILED"}\n`);
    }
  }
  await out.flush();
  if (failed > 0) {
    if (!parsed.flags.s) {
      await warn(ctx, `WARNING: ${failed} of ${checked} computed checksums did NOT match`);
    }
    return 1;
  }
  return status;
});
