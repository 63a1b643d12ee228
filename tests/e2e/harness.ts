/**
 * The end-to-end harness: starts the daemon exactly as outside scripts do
 * (`deno run -A main.ts --host unix:///dir/x.sock --data-root /dir/data`), waits until it answers
 * `/_ping`, and drives it with real clients (the docker CLI) or raw bytes on its socket.
 *
 * @module
 */

const root = new URL("../../", import.meta.url);

export interface RunningTestDaemon {
  dir: string;
  socket: string;
  /** Environment for a docker CLI pointed at this daemon, with its own config dir. */
  env: Record<string, string>;
  /** Everything the daemon wrote to stderr so far. */
  logs(): string;
  /** True while the daemon process is alive. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts a daemon on a temp socket; `extraArgs` are appended to the contract's arguments. */
export async function startTestDaemon(extraArgs: string[] = []): Promise<RunningTestDaemon> {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-e2e-" });
  const socket = `${dir}/docker.sock`;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "main.ts",
      "--host",
      `unix://${socket}`,
      "--data-root",
      `${dir}/data`,
      ...extraArgs,
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const drain = async (stream: ReadableStream<Uint8Array>, sink: (s: string) => void) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) sink(chunk);
  };
  const draining = Promise.all([
    drain(child.stderr, (s) => stderr += s),
    drain(child.stdout, () => {}),
  ]);
  const deadline = Date.now() + 30_000;
  while (true) {
    if (exited) throw new Error(`daemon exited during start: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`daemon did not answer within 30 s: ${stderr}`);
    try {
      const reply = await rawRequest(
        socket,
        "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n",
      );
      if (reply.startsWith("HTTP/1.1 200")) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const config = `${dir}/docker-config`;
  await Deno.mkdir(config);
  return {
    dir,
    socket,
    env: { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: config, DOCKER_CLI_HINTS: "false" },
    logs: () => stderr,
    alive: () => !exited,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await status;
      await draining;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/** Sends raw bytes on the socket and reads until the daemon closes (or `timeoutMs`). */
export async function rawRequest(
  socket: string,
  request: string | Uint8Array,
  options: { timeoutMs?: number; halfClose?: boolean } = {},
): Promise<string> {
  const conn = await Deno.connect({ transport: "unix", path: socket });
  const timer = setTimeout(() => conn.close(), options.timeoutMs ?? 5_000);
  try {
    const bytes = typeof request === "string" ? new TextEncoder().encode(request) : request;
    try {
      let offset = 0;
      while (offset < bytes.length) offset += await conn.write(bytes.subarray(offset));
      if (options.halfClose) await conn.closeWrite();
    } catch (error) {
      // The daemon may refuse and close before reading everything (an oversized head).
      if (
        !(error instanceof Deno.errors.BrokenPipe || error instanceof Deno.errors.ConnectionReset)
      ) {
        throw error;
      }
    }
    let text = "";
    const decoder = new TextDecoder();
    const buffer = new Uint8Array(65536);
    while (true) {
      let n: number | null;
      try {
        n = await conn.read(buffer);
      } catch {
        break;
      }
      if (n === null) break;
      text += decoder.decode(buffer.subarray(0, n), { stream: true });
    }
    return text;
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // Closed by the timer.
    }
  }
}

/** Runs the docker CLI against the daemon; resolves with its output and status. */
export async function docker(
  daemon: RunningTestDaemon,
  args: string[],
  options: { stdin?: string; timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command("docker", {
    args,
    env: daemon.env,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const out = await child.output();
  clearTimeout(timer);
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
