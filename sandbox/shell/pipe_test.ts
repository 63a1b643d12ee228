import assert from "node:assert/strict";
import { BrokenPipeError, createPipe } from "./pipe.ts";

Deno.test("pipe: a full pipe holds the writer until the reader drains it", async () => {
  const { reader, writer } = createPipe(4);
  await writer.write("abcd");
  let second = false;
  const pending = writer.write("ef").then(() => second = true);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(second, false);
  assert.equal(new TextDecoder().decode((await reader.read())!), "abcd");
  await pending;
  assert.equal(second, true);
  writer.close();
  assert.equal(new TextDecoder().decode((await reader.read())!), "ef");
  assert.equal(await reader.read(), null);
});

Deno.test("pipe: bytes arrive one at a time in order, then end of input", async () => {
  const { reader, writer } = createPipe();
  const text = "hello, pipe";
  const writing = (async () => {
    for (const c of text) await writer.write(c);
    writer.close();
  })();
  let got = "";
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    got += new TextDecoder().decode(chunk);
  }
  await writing;
  assert.equal(got, text);
});

Deno.test("pipe: writing after the reader closed is EPIPE, even for a blocked writer", async () => {
  const { reader, writer } = createPipe(2);
  await writer.write("xx");
  const blocked = writer.write("yy");
  reader.close();
  await assert.rejects(blocked, BrokenPipeError);
  await assert.rejects(writer.write("z"), BrokenPipeError);
});

Deno.test("pipe: unread bytes come back first", async () => {
  const { reader, writer } = createPipe();
  await writer.write("rest");
  reader.unread(new TextEncoder().encode("pushed-"));
  assert.equal(new TextDecoder().decode((await reader.read())!), "pushed-");
  assert.equal(new TextDecoder().decode((await reader.read())!), "rest");
});

Deno.test("pipe: a read stops when its signal aborts", async () => {
  const { reader } = createPipe();
  const controller = new AbortController();
  const read = reader.read(controller.signal);
  controller.abort("SIGTERM");
  await assert.rejects(read, (e) => e === "SIGTERM");
});
