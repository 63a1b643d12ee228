/**
 * The Deno flags `deno task start` runs the daemon with (`-A` and the V8 tuning), read from
 * deno.json so the benchmarks measure the daemon as users start it and cannot drift from it.
 *
 * @module
 */
const config = JSON.parse(
  await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
) as { tasks: Record<string, string> };
const words = config.tasks.start.split(/\s+/);

/** What stands between `deno run` and `main.ts` in the start task. */
export const START_FLAGS: string[] = words.slice(
  words.indexOf("run") + 1,
  words.indexOf("main.ts"),
);
