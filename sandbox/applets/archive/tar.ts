/**
 * `tar c|x|t [-zvOkmoh] [-f TARFILE] [-C DIR] [--strip-components N] [FILE]...` over
 * modern-tar's streaming packer and decoder (tar_create.ts, tar_read.ts). Gzip is detected on input and applied on output
 * with -z. Member names lose a leading "/" and entries naming ".." are refused on extraction,
 * as busybox does.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, usageError } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";
import { zoneFromTZ } from "../common/time.ts";
import { NameDirectory } from "../common/users.ts";
import { createArchive } from "./tar_create.ts";
import { readArchive } from "./tar_read.ts";

const USAGE = "tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...";

/** The old tar style puts the mode letters first without a dash: "cvf" → "-cvf". */
function normalizeArgs(args: string[]): string[] {
  if (args.length > 0 && !args[0].startsWith("-") && /^[a-zA-Z]+$/.test(args[0])) {
    return ["-" + args[0], ...args.slice(1)];
  }
  return args;
}

export const tar = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("tar", normalizeArgs(ctx.argv.slice(1)), {
    flags: "cxtzZjJavOkmohpP",
    values: "fCTX",
    long: {
      create: "c",
      extract: "x",
      list: "t",
      gzip: "z",
      verbose: "v",
      "to-stdout": "O",
      "keep-old-files": "k",
      "file=": "f",
      "directory=": "C",
      "strip-components=": "_s",
      overwrite: "_o",
      "no-same-owner": "o",
      "numeric-owner": "_n",
      "exclude=": "_x",
      "no-recursion": "_r",
      "touch": "m",
      "dereference": "h",
      "files-from=": "T",
    },
    usage: USAGE,
  });
  const f = parsed.flags;
  // Only gzip has a platform codec here; the others fail loudly rather than write plain tar.
  if (f.j) die("bzip2 (-j) is not available in the sandbox: only gzip (-z) is");
  if (f.J) die("xz (-J) is not available in the sandbox: only gzip (-z) is");
  if (f.Z) die("compress (-Z) is not available in the sandbox: only gzip (-z) is");
  const mode = f.c ? "c" : f.x ? "x" : f.t ? "t" : undefined;
  if (!mode) usageError("tar", "must specify one of -c, -x, -t", USAGE);
  const file = lastValue(parsed, "f") ?? "-";
  if (f.a) {
    // -a picks the compressor from the archive name.
    if (/\.(t?gz|taz)$/.test(file)) f.z = 1;
    else if (/\.(bz2|tbz2?|xz|txz|Z|lzma)$/.test(file)) {
      die(`${file}: only gzip compression is available in the sandbox`);
    }
  }
  const dir = resolvePath(ctx.cwd, lastValue(parsed, "C") ?? ".");
  const names = new NameDirectory(ctx.fs);
  const zone = zoneFromTZ(ctx.env.TZ);
  const out = new BufferedWriter(file === "-" && mode === "c" ? ctx.stderr : ctx.stdout);
  const verboseOut = mode === "c" && file === "-" ? new BufferedWriter(ctx.stderr) : out;
  const excludes = parsed.values._x ?? [];
  const job = { ctx, parsed, file, dir, names, zone, out, verboseOut, excludes };
  return mode === "c" ? await createArchive(job) : await readArchive(job, mode);
});
