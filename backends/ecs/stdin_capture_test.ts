import assert from "node:assert/strict";
import { base64Of, STDIN_ENTRYPOINT, StdinCapture } from "./stdin_capture.ts";

Deno.test("captured stdin reaches the command through Debian's sh and base64", async () => {
  const capture = new StdinCapture();
  const writer = capture.writable.getWriter();
  await writer.write(new TextEncoder().encode("echo one\n"));
  await writer.write(new TextEncoder().encode("echo 'two three'\n"));
  await writer.close();
  const [shell, flag, script, zero] = STDIN_ENTRYPOINT;
  const out = await new Deno.Command(shell, {
    args: [flag, script, zero, "sh"],
    env: { SOCKERLESS_STDIN: base64Of(await capture.bytes) },
    stdout: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(out.stdout), "one\ntwo three\n");
});

Deno.test("stdin beyond what a task definition can hold is refused, naming the limit", async () => {
  const capture = new StdinCapture(4);
  const writer = capture.writable.getWriter();
  await assert.rejects(writer.write(new Uint8Array(5)), /at most 4 bytes/);
  await assert.rejects(capture.bytes, /5 were sent/);
});
