/**
 * `echo`, `printf` and `test`/`[` as an ash shell runs them as builtins: the same code as the
 * applets, but their error messages name the shell ("sh: invalid number 'x'"), as busybox ash
 * reports errors from its builtins.
 *
 * @module
 */
import type { Applet, Output, ProcessContext } from "../../types.ts";
import { toBytes } from "../../io.ts";
import { appletName } from "../common/errors.ts";
import { echo } from "./echo.ts";
import { printf } from "./printf.ts";
import { test } from "./test_command.ts";

/** An Output that rewrites a leading "NAME: " of each write to "sh: ". */
function shellStderr(target: Output, name: string): Output {
  const prefix = `${name}: `;
  const decoder = new TextDecoder();
  return {
    write(data) {
      const text = typeof data === "string" ? data : decoder.decode(data);
      if (!text.startsWith(prefix)) return target.write(data);
      return target.write(toBytes("sh: " + text.slice(prefix.length)));
    },
  };
}

function asBuiltin(applet: Applet): Applet {
  return (ctx: ProcessContext) => {
    const view = Object.create(ctx) as ProcessContext;
    Object.defineProperty(view, "stderr", { value: shellStderr(ctx.stderr, appletName(ctx)) });
    return applet(view);
  };
}

/** The builtins a shell takes from the applets, with ash's error prefix. */
export const shellBuiltins: Record<string, Applet> = {
  echo: asBuiltin(echo),
  printf: asBuiltin(printf),
  test: asBuiltin(test),
  "[": asBuiltin(test),
};
