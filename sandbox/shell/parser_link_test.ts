import assert from "node:assert/strict";
import { parseHere, ShellSyntaxError } from "./parse.ts";
import { serveShellParser } from "./parser_link.ts";

Deno.test("a Worker parses through another thread's parser: trees, syntax errors, large replies", async () => {
  const big = Array.from({ length: 200 }, (_, i) => `echo "line ${i}" | tr a-z A-Z`).join("\n");
  const sources = ["echo hi; x=$((1 + 2))", "if true; then", "echo )", big];
  const channel = new MessageChannel();
  let served = 0;
  serveShellParser(channel.port1, (source, braces) => {
    served++;
    return parseHere(source, braces);
  });
  const worker = new Worker(new URL("./testdata/remote_parse_worker.ts", import.meta.url), {
    type: "module",
    deno: { permissions: "none" },
  } as WorkerOptions);
  try {
    const reply = new Promise<{ file?: unknown; error?: unknown }[]>((resolve) =>
      worker.onmessage = (event) => resolve(event.data)
    );
    worker.postMessage({ port: channel.port2, sources }, [channel.port2]);
    const [ok, incomplete, bad, large] = await reply;
    assert.deepEqual(ok.file, await parseHere(sources[0], false));
    const expectError = async (source: string) => {
      const error = await parseHere(source, false).catch((e) => e) as ShellSyntaxError;
      return [error.line, error.text, error.incomplete];
    };
    assert.deepEqual(incomplete.error, await expectError(sources[1]));
    assert.equal((incomplete.error as unknown[])[2], true);
    assert.deepEqual(bad.error, await expectError(sources[2]));
    // The large tree does not fit the first shared buffer: the client grows it and asks again.
    assert.deepEqual(large.file, await parseHere(big, false));
    assert.equal(served, 5);
  } finally {
    worker.terminate();
    channel.port1.close();
  }
});
