/**
 * `mktemp [-dtqu] [-p DIR] [TEMPLATE]`: creates a uniquely named file or directory (0600/0700)
 * from random letters replacing the trailing XXXXXX.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs } from "../common/args.ts";
import { die, isFsError, runApplet, strerror } from "../common/errors.ts";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export const mktemp = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("mktemp", ctx.argv.slice(1), {
    flags: "dtqu",
    values: "p",
    long: { directory: "d", quiet: "q", "dry-run": "u", "tmpdir=": "p" },
    usage: "mktemp [-dt] [-p DIR] [TEMPLATE]",
  });
  const f = parsed.flags;
  let template = parsed.operands[0];
  const base = lastValue(parsed, "p") ?? ctx.env.TMPDIR ?? "/tmp";
  if (template === undefined) {
    template = `${base}/tmp.XXXXXX`;
  } else if (f.t || parsed.values.p) {
    if (template.includes("/")) die(`'${template}': invalid template`);
    template = `${base}/${template}`;
  }
  const m = /X{3,}$/.exec(template);
  if (!m) die(`Invalid argument`);
  for (let attempt = 0; attempt < 100; attempt++) {
    const random = crypto.getRandomValues(new Uint8Array(m[0].length));
    const name = template.slice(0, m.index) +
      [...random].map((b) => LETTERS[b % LETTERS.length]).join("");
    const path = resolvePath(ctx.cwd, name);
    try {
      if (!f.u) {
        if (f.d) await ctx.fs.mkdir(path, { mode: 0o700 });
        else {
          const handle = await ctx.fs.open(path, {
            write: true,
            create: true,
            exclusive: true,
            mode: 0o600,
          });
          await handle.close();
          await ctx.fs.chmod(path, 0o600);
        }
      }
      await ctx.stdout.write(name + "\n");
      return 0;
    } catch (error) {
      if (isFsError(error, "EEXIST")) continue;
      if (f.q) return 1;
      die(`${strerror(error)}`);
    }
  }
  die("Too many attempts");
});
