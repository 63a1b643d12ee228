/**
 * The network applets checked differentially against Debian's busybox-static (the oracle) over
 * real loopback TCP: the applets get a NetworkStack made of the host's own sockets here (in a
 * container they get the virtual network's), and busybox's own httpd, wget and nc stand on the
 * other side.
 */
import assert from "node:assert/strict";
import { bytesInput, collectOutput } from "../../io.ts";
import {
  type Applet,
  NetError,
  type NetSocket,
  type NetworkStack,
  type ProcessContext,
} from "../../types.ts";
import { testFileSystem } from "../testing.ts";
import { httpd } from "./httpd.ts";
import { nc } from "./nc.ts";
import { wget } from "./wget.ts";

const BUSYBOX = "/usr/bin/busybox";

function socketOf(conn: Deno.TcpConn): NetSocket {
  const local = conn.localAddr as Deno.NetAddr;
  const remote = conn.remoteAddr as Deno.NetAddr;
  return {
    readable: conn.readable,
    // Closing the writable half-closes, as a socket's shutdown(SHUT_WR) does.
    writable: new WritableStream({
      async write(chunk) {
        const w = conn.writable.getWriter();
        await w.write(chunk);
        w.releaseLock();
      },
      close: () => conn.closeWrite(),
    }),
    local: `${local.hostname}:${local.port}`,
    remote: `${remote.hostname}:${remote.port}`,
    reset: () => conn.close(),
  };
}

/** The host's loopback as a NetworkStack: real TCP, so busybox can be the peer. */
const loopback: NetworkStack = {
  nameserver: "127.0.0.1",
  resolve(name) {
    if (name === "localhost" || name === "127.0.0.1") return Promise.resolve(["127.0.0.1"]);
    return Promise.reject(new NetError("ENOTFOUND", `can't resolve '${name}'`));
  },
  async connect(host, port) {
    try {
      return socketOf(await Deno.connect({ hostname: host, port }));
    } catch (error) {
      if (error instanceof Deno.errors.ConnectionRefused) {
        throw new NetError("ECONNREFUSED", "Connection refused");
      }
      throw error;
    }
  },
  listen(port) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port });
    return Promise.resolve({
      port,
      async accept(signal) {
        const onAbort = () => listener.close();
        signal?.addEventListener("abort", onAbort, { once: true });
        try {
          return socketOf(await listener.accept());
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw error;
        } finally {
          signal?.removeEventListener("abort", onAbort);
        }
      },
      close: () => {
        try {
          listener.close();
        } catch {
          // Closed by an aborted accept.
        }
      },
    });
  },
  reachable: (address) => Promise.resolve(address.startsWith("127.")),
};

async function runApplet(
  applet: Applet,
  argv: string[],
  options: { files?: Record<string, string>; stdin?: string; signal?: AbortSignal } = {},
) {
  const fs = await testFileSystem(options.files);
  const stdout = collectOutput();
  const stderr = collectOutput();
  const ctx: ProcessContext = {
    argv,
    env: { PATH: "/bin:/usr/bin" },
    cwd: "/",
    pid: 7,
    uid: 0,
    gid: 0,
    umask: 0o022,
    stdin: bytesInput(options.stdin ?? ""),
    stdout,
    stderr,
    fs,
    signal: options.signal ?? new AbortController().signal,
    processes: { list: () => [], kill: () => false },
    system: {
      hostname: "net-test",
      kernel: { sysname: "Linux", release: "test", version: "#1", machine: "x86_64" },
      ncpu: 1,
      memTotalBytes: 1 << 30,
      memFreeBytes: () => 1 << 29,
      bootTimeMs: Date.now(),
      net: loopback,
    },
    spawn: () => Promise.reject(new Error("no spawn in this test")),
  };
  const status = await applet(ctx).catch((e) => {
    if (ctx.signal.aborted) return 143;
    throw e;
  });
  return { status, stdout: stdout.text(), stderr: stderr.text(), fs };
}

async function busybox(args: string[], stdin?: string) {
  await Deno.stat(BUSYBOX).catch(() => {
    throw new Error(`${BUSYBOX} is missing: install Debian's busybox-static (the oracle)`);
  });
  const child = new Deno.Command(BUSYBOX, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  const text = new TextDecoder();
  return { status: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function untilListening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

const SITE = { "index.html": "<h1>home</h1>\n", "a.txt": "alpha\n", "sub/index.html": "sub\n" };

async function busyboxHttpd(): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = await Deno.makeTempDir();
  for (const [path, text] of Object.entries(SITE)) {
    await Deno.mkdir(`${dir}/${path}`.replace(/\/[^/]*$/, ""), { recursive: true });
    await Deno.writeTextFile(`${dir}/${path}`, text);
  }
  await busybox(["true"]);
  const port = freePort();
  const child = new Deno.Command(BUSYBOX, {
    args: ["httpd", "-f", "-p", `127.0.0.1:${port}`, "-h", dir],
    stdout: "null",
    stderr: "null",
  }).spawn();
  await untilListening(port);
  return {
    port,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("wget fetches like busybox wget from busybox httpd, errors included", async () => {
  const server = await busyboxHttpd();
  try {
    for (const path of ["/", "/a.txt", "/sub/", "/missing"]) {
      const url = `http://127.0.0.1:${server.port}${path}`;
      const ours = await runApplet(wget, ["wget", "-q", "-O", "-", url]);
      const theirs = await busybox(["wget", "-q", "-O", "-", url]);
      assert.equal(ours.status, theirs.status, `${path}: ${ours.stderr}`);
      assert.equal(ours.stdout, theirs.stdout, path);
      assert.equal(ours.stderr, theirs.stderr, path);
    }
    const saved = await runApplet(wget, ["wget", `http://localhost:${server.port}/a.txt`]);
    assert.equal(saved.status, 0);
    // busybox also draws a progress bar, which the sandbox's wget leaves out.
    assert.deepEqual(saved.stderr.split("\n").slice(0, 2), [
      `Connecting to localhost:${server.port} (127.0.0.1:${server.port})`,
      "saving to 'a.txt'",
    ]);
    assert.equal(new TextDecoder().decode(await saved.fs.readFile("/a.txt")), "alpha\n");
    const refused = await runApplet(wget, [
      "wget",
      "-q",
      "-O",
      "-",
      `http://127.0.0.1:${freePort()}/`,
    ]);
    assert.equal(refused.status, 1);
    assert.match(
      refused.stderr,
      /^wget: can't connect to remote host \(127\.0\.0\.1\): Connection refused\n$/,
    );
  } finally {
    await server.stop();
  }
});

Deno.test("httpd serves what busybox httpd serves, as busybox wget sees it", async () => {
  const reference = await busyboxHttpd();
  const port = freePort();
  const stop = new AbortController();
  const files = Object.fromEntries(Object.entries(SITE).map(([p, t]) => [`/www/${p}`, t]));
  const serving = runApplet(httpd, ["httpd", "-f", "-p", String(port), "-h", "/www"], {
    files,
    signal: stop.signal,
  });
  try {
    await untilListening(port);
    for (const path of ["/", "/a.txt", "/sub/", "/sub", "/missing", "/../../etc/passwd"]) {
      const ours = await busybox(["wget", "-q", "-O", "-", `http://127.0.0.1:${port}${path}`]);
      const theirs = await busybox([
        "wget",
        "-q",
        "-O",
        "-",
        `http://127.0.0.1:${reference.port}${path}`,
      ]);
      assert.equal(ours.status, theirs.status, `${path}: ${ours.stderr} vs ${theirs.stderr}`);
      assert.equal(ours.stdout, theirs.stdout, path);
      assert.equal(
        ours.stderr.replaceAll(String(port), "PORT"),
        theirs.stderr.replaceAll(String(reference.port), "PORT"),
        path,
      );
    }
  } finally {
    stop.abort("SIGTERM");
    await serving;
    await reference.stop();
  }
});

Deno.test("nc talks to busybox nc both ways", async () => {
  const port2 = freePort();
  const server2 = busybox(["nc", "-l", "-p", String(port2)], "from-busybox\n");
  await new Promise((r) => setTimeout(r, 200));
  const client = await runApplet(nc, ["nc", "127.0.0.1", String(port2)], {
    stdin: "from-sandbox\n",
  });
  const theirs = await server2;
  assert.equal(client.status, 0, client.stderr);
  assert.equal(client.stdout, "from-busybox\n");
  assert.equal(theirs.stdout, "from-sandbox\n");

  const port3 = freePort();
  const listening = runApplet(nc, ["nc", "-l", "-p", String(port3)], { stdin: "reply\n" });
  await new Promise((r) => setTimeout(r, 100));
  const sent = await busybox(["nc", "127.0.0.1", String(port3)], "hello\n");
  const ours = await listening;
  assert.equal(ours.stdout, "hello\n");
  assert.equal(sent.stdout, "reply\n");
});
