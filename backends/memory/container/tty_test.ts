import assert from "node:assert/strict";
import { ask, run, startContainer, typedInput, within } from "./test_utils.ts";

Deno.test("container actor: a TTY merges stderr, maps output \\n to \\r\\n and is a terminal", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, [
      "sh",
      "-c",
      'echo a; echo b >&2; [ -t 0 ] && echo "stdin is a tty"; echo "TERM=$TERM"',
    ], { tty: true });
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.ok(p.chunks.every((c) => c.stream === 1));
    assert.equal(p.text(), "a\r\nb\r\nstdin is a tty\r\nTERM=xterm\r\n");
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: TTY input is echoed, \\r read as \\n, DEL erases, ^D is EOF", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh", "-c", 'read line; echo "got:$line"; cat; echo end'], {
      tty: true,
      openStdin: true,
    });
    const input = typedInput();
    await ask(ref, { type: "stdin", pid: p.pid, stream: input.stream, closeAtEnd: true });
    input.type("ab\x7fc\r");
    await p.waitFor("got:ac\r\n");
    // ^D hands "x" over without a newline; a second ^D on the now empty line is EOF.
    input.type("x\x04\x04");
    await p.waitFor("end\r\n");
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.ok(input.cancelled, "the attach's stdin is let go when the process exits");
    assert.equal(p.text(), "ab\b \bc\r\ngot:ac\r\nxxend\r\n");
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: ^C on a TTY interrupts the foreground command", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh", "-c", "echo ready; sleep 1000; echo after $?"], {
      tty: true,
      openStdin: true,
    });
    const input = typedInput();
    await ask(ref, { type: "stdin", pid: p.pid, stream: input.stream, closeAtEnd: true });
    await p.waitFor("ready");
    input.type("\x03");
    await p.waitFor("after 130");
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.equal(p.text(), "ready\r\n^Cafter 130\r\n");
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: docker run -it sh: prompt, echoed commands, ^C, exit status", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh"], { tty: true, openStdin: true });
    const input = typedInput();
    await ask(ref, { type: "stdin", pid: p.pid, stream: input.stream, closeAtEnd: true });
    await p.waitFor("/ # ");
    input.type("echo hi\r");
    await p.waitFor("hi\r\n/ # ");
    input.type("sleep 100\r");
    // ^C must reach the sleep, not the shell (which, being interactive, ignores it).
    await within(
      (async () => {
        while (!(await ask(ref, { type: "processes" })).some((x) => x.args[0] === "sleep")) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })(),
      "sleep to start",
    );
    input.type("\x03");
    await p.waitFor("^C");
    input.type("exit 3\r");
    assert.equal(await p.status, 3);
    await p.outputDone;
    assert.match(p.text(), /^\/ # echo hi\r\nhi\r\n\/ # sleep 100\r\n\^C(\r\n)?\/ # exit 3\r\n$/);
  } finally {
    await ref.stop();
  }
});
