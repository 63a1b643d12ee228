import assert from "node:assert/strict";
import { LineDiscipline, onlcr } from "./line_discipline.ts";
import { StdinPipe } from "./stdin_pipe.ts";
import { typedInput } from "./test_utils.ts";

const text = (bytes: Uint8Array | null) => bytes === null ? null : new TextDecoder().decode(bytes);

function terminal() {
  const pipe = new StdinPipe();
  const input = typedInput();
  pipe.feed(input.stream, true);
  const echoed: string[] = [];
  const signals: string[] = [];
  const stop = new AbortController();
  const tty = new LineDiscipline({
    raw: pipe,
    echo: (bytes) => {
      echoed.push(new TextDecoder().decode(bytes));
      return Promise.resolve();
    },
    signal: (name) => signals.push(name),
    stop: stop.signal,
  });
  return { tty, input, echo: () => echoed.join(""), signals, stop };
}

Deno.test("onlcr: every newline becomes CR LF, other bytes are untouched", () => {
  assert.equal(text(onlcr(new TextEncoder().encode("a\nb\r\n\n"))), "a\r\nb\r\r\n\r\n");
  const plain = new TextEncoder().encode("no newline");
  assert.equal(onlcr(plain), plain);
});

Deno.test("line discipline: lines arrive whole, edited, with ICRNL and echo", async () => {
  const t = terminal();
  t.input.type("hel");
  t.input.type("lo\x7f\x7fp\r");
  assert.equal(text(await t.tty.read()), "help\n");
  assert.equal(t.echo(), "hello\b \b\b \bp\r\n");
  t.input.type("gone\x15kept\n");
  assert.equal(text(await t.tty.read()), "kept\n");
  assert.equal(t.echo(), "hello\b \b\b \bp\r\ngone" + "\b \b".repeat(4) + "kept\r\n");
  t.stop.abort();
});

Deno.test("line discipline: ^D flushes or ends input; ^C signals and drops the line", async () => {
  const t = terminal();
  t.input.type("abc\x04");
  assert.equal(text(await t.tty.read()), "abc");
  t.input.type("\x04");
  assert.equal(await t.tty.read(), null);
  t.input.type("half\x03\x1c");
  t.input.type("é\x7fe\n");
  assert.equal(text(await t.tty.read()), "e\n");
  assert.deepEqual(t.signals, ["SIGINT", "SIGQUIT"]);
  assert.equal(t.echo(), "abchalf^C^\\é\b \be\r\n");
  t.input.end();
  assert.equal(await t.tty.read(), null, "the pipe's EOF is the terminal's hangup");
});
