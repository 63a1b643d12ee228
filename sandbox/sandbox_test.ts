import assert from "node:assert/strict";
import {
  bytesInput,
  collectOutput,
  createFileSystem,
  createProcessTable,
  createSandbox,
  rootfsLayer,
} from "./mod.ts";
import type { Output } from "./types.ts";
import { TEST_SYSTEM } from "./shell/test_utils.ts";

/** A sandbox over the built-in Alpine-like root filesystem, as the memory backend makes it. */
async function sandbox() {
  const processes = createProcessTable();
  const fs = await createFileSystem({ image: rootfsLayer(), system: TEST_SYSTEM, processes });
  return createSandbox({ fs, system: TEST_SYSTEM, processes });
}

Deno.test("sandbox: a Worker without permissions runs scripts but cannot reach the host", async () => {
  const hostFile = await Deno.makeTempFile();
  await Deno.writeTextFile(hostFile, "host secret");
  Deno.env.set("SOCKERLESS_PROBE_SECRET", "host-env-value");
  const worker = new Worker(new URL("./process/isolation_worker.ts", import.meta.url), {
    type: "module",
    deno: { permissions: "none" },
  });
  try {
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({
        script: `echo hi | cat; cat ${hostFile}; echo "env=[$SOCKERLESS_PROBE_SECRET]"`,
        hostFile,
      });
    });
    assert.equal(result.stdout, "hi\nenv=[]\n");
    assert.match(String(result.stderr), /No such file or directory/);
    assert.equal(result.readHostFile, "NotCapable");
    assert.equal(result.readEnv, "NotCapable");
    assert.equal(result.connect, "NotCapable");
  } finally {
    worker.terminate();
    Deno.env.delete("SOCKERLESS_PROBE_SECRET");
    await Deno.remove(hostFile);
  }
});

Deno.test("sandbox: the main process is pid 1 and later spawns get the next pids", async () => {
  const box = await sandbox();
  const out = collectOutput();
  const first = await box.spawn({
    argv: ["sh", "-c", "echo $$; read x; echo $x"],
    stdin: bytesInput("from-stdin\n"),
    stdout: out,
    stderr: out,
  });
  assert.equal(first.pid, 1);
  const second = await box.spawn({
    argv: ["echo", "exec"],
    stdin: bytesInput(""),
    stdout: out,
    stderr: out,
  });
  assert.equal(second.pid, 2);
  assert.equal(await first.exited, 0);
  assert.equal(await second.exited, 0);
  assert.match(out.text(), /^(1\nfrom-stdin\nexec\n|exec\n1\nfrom-stdin\n|1\nexec\nfrom-stdin\n)$/);
});

Deno.test("sandbox: [ -t 1 ] is true only with a tty", async () => {
  const box = await sandbox();
  for (const tty of [true, false]) {
    const out = collectOutput();
    const p = await box.spawn({
      argv: ["sh", "-c", "[ -t 0 ] && echo in; [ -t 1 ] && echo out; true"],
      stdin: bytesInput(""),
      stdout: out,
      stderr: out,
      tty,
    });
    assert.equal(await p.exited, 0);
    assert.equal(out.text(), tty ? "in\nout\n" : "");
  }
});

/** An Output that resolves `first` when the first bytes arrive. */
function watchedOutput(): Output & { first: Promise<string>; text(): string } {
  let seen = "";
  let resolve!: (s: string) => void;
  const first = new Promise<string>((r) => resolve = r);
  return {
    first,
    text: () => seen,
    write(data) {
      seen += typeof data === "string" ? data : new TextDecoder().decode(data);
      resolve(seen);
      return Promise.resolve();
    },
  };
}

Deno.test("sandbox: output streams while the script runs; SIGKILL ends pid 1 with 137", async () => {
  const box = await sandbox();
  const out = watchedOutput();
  const p = await box.spawn({
    argv: ["sh", "-c", "while true; do echo x; sleep 1; done"],
    stdin: bytesInput(""),
    stdout: out,
    stderr: out,
  });
  assert.equal(await out.first, "x\n");
  assert.equal(p.kill("SIGKILL"), true);
  assert.equal(await p.exited, 137);
});

Deno.test("sandbox: pid 1 ignores SIGTERM unless trapped (docker stop then needs SIGKILL)", async () => {
  const box = await sandbox();
  const out = watchedOutput();
  const p = await box.spawn({
    argv: ["sh", "-c", "echo up; sleep 100"],
    stdin: bytesInput(""),
    stdout: out,
    stderr: out,
  });
  await out.first;
  assert.equal(p.kill("SIGTERM"), true);
  // Let the signal be processed; pid 1 must still be listed as running.
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(box.processes.list().some((info) => info.pid === 1));
  p.kill("SIGKILL");
  assert.equal(await p.exited, 137);
});

Deno.test("sandbox: a trapped SIGTERM runs the trap in pid 1", async () => {
  const box = await sandbox();
  const out = watchedOutput();
  const p = await box.spawn({
    argv: [
      "sh",
      "-c",
      "trap 'echo got TERM; exit 3' TERM; echo ready; while :; do sleep 0.05; done",
    ],
    stdin: bytesInput(""),
    stdout: out,
    stderr: out,
  });
  await out.first;
  p.kill("SIGTERM");
  assert.equal(await p.exited, 3);
  assert.equal(out.text(), "ready\ngot TERM\n");
});

Deno.test("sandbox: SIGTERM stops sleep, cat on a pipe and read promptly in other processes", async () => {
  const box = await sandbox();
  await box.spawn({
    argv: ["sleep", "1000"],
    stdin: bytesInput(""),
    stdout: collectOutput(),
    stderr: collectOutput(),
  });
  const { streamInput } = await import("./io.ts");
  for (
    const argv of [["sleep", "1000"], ["cat"], ["sh", "-c", "read x"], ["sh", "-c", "cat | cat"]]
  ) {
    const p = await box.spawn({
      argv,
      stdin: streamInput(new ReadableStream()),
      stdout: collectOutput(),
      stderr: collectOutput(),
    });
    assert.notEqual(p.pid, 1);
    await new Promise((r) => setTimeout(r, 10));
    p.kill("SIGTERM");
    assert.equal(await p.exited, 143, argv.join(" "));
  }
  box.killAll();
});

Deno.test("sandbox: the built-in rootfs runs busybox links, /bin/sh scripts and ps", async () => {
  const box = await sandbox();
  const out = collectOutput();
  const p = await box.spawn({
    argv: [
      "/bin/sh",
      "-c",
      "ls /bin/sh; busybox echo multi; /usr/bin/env sh -c 'echo $0'; ps -o pid,args | head -2",
    ],
    stdin: bytesInput(""),
    stdout: out,
    stderr: out,
  });
  assert.equal(await p.exited, 0);
  assert.match(out.text(), /^\/bin\/sh\nmulti\nsh\n +PID COMMAND\n +1 \/bin\/sh -c ls/);
});

Deno.test("sandbox: a script fed one byte at a time runs as its lines arrive", async () => {
  const box = await sandbox();
  const script = 'echo first\nread x\ndata line\necho "got $x"\n';
  let sent = 0;
  const out = watchedOutput();
  const stdin = {
    pending: [] as Uint8Array[],
    read(signal?: AbortSignal) {
      signal?.throwIfAborted();
      const back = this.pending.shift();
      if (back) return Promise.resolve(back);
      if (sent >= script.length) return Promise.resolve(null);
      return Promise.resolve(new TextEncoder().encode(script[sent++]));
    },
    unread(bytes: Uint8Array) {
      if (bytes.length > 0) this.pending.unshift(bytes);
    },
  };
  const p = await box.spawn({ argv: ["sh"], stdin, stdout: out, stderr: out });
  // "first" is printed when only its own line has been read, long before the end of stdin.
  assert.equal(await out.first, "first\n");
  assert.ok(sent < script.length);
  assert.equal(await p.exited, 0);
  assert.equal(out.text(), "first\ngot data line\n");
});

Deno.test("sandbox: GitLab Runner's shell detection hands the rest of stdin to the exec'd bash", async () => {
  const box = await sandbox();
  // The preamble gitlab-runner pipes into `sh` before the job script (shells/bash.go).
  const detect = "if [ -x /usr/local/bin/bash ]; then\n\texec /usr/local/bin/bash \n" +
    "elif [ -x /usr/bin/bash ]; then\n\texec /usr/bin/bash \n" +
    "elif [ -x /bin/bash ]; then\n\texec /bin/bash \n" +
    "elif [ -x /bin/sh ]; then\n\texec /bin/sh \nelse\n\techo shell not found\n\texit 1\nfi\n";
  const job = "set -eo pipefail\nset +o noclobber\n" +
    ': | eval $\'export CI_JOB_ID=42\\necho "job $CI_JOB_ID in $0"\\n' +
    "mkdir -p /builds/p && cd /builds/p && pwd\\n'\nexit 0\n";
  const out = collectOutput();
  const p = await box.spawn({
    argv: ["sh"],
    stdin: bytesInput(detect + job),
    stdout: out,
    stderr: out,
  });
  assert.equal(await p.exited, 0);
  assert.equal(out.text(), "job 42 in /bin/bash\n/builds/p\n");
});

Deno.test("sandbox: trap TERM + wait in pid 1 (the usual entrypoint idiom); init's exit kills the rest", async () => {
  const box = await sandbox();
  const out = watchedOutput();
  const p = await box.spawn({
    argv: ["sh", "-c", "trap 'echo stopping; exit 0' TERM; sleep 1000 & echo ready; wait"],
    stdin: bytesInput(""),
    stdout: out,
    stderr: out,
  });
  await out.first;
  assert.equal(box.processes.list().length, 2);
  p.kill("SIGTERM");
  assert.equal(await p.exited, 0);
  assert.equal(out.text(), "ready\nstopping\n");
  // The background sleep died with init, as in a pid namespace.
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(box.processes.list(), []);
});
