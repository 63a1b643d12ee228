/**
 * Runs bleephub as its own process (`deno run -A bleephub/main.ts ...`, the documented
 * contract) and gives the real clients (gh, git) an isolated environment that trusts its CA.
 */

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const decoder = new TextDecoder();

/** Fails loudly, naming the Debian package, when a client the suite drives is missing. */
export async function requireTool(command: string, debianPackage: string): Promise<void> {
  try {
    await new Deno.Command(command, { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(`\`${command}\` is not installed: apt-get install -y ${debianPackage}`);
    }
    throw e;
  }
}

export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

export class BleephubProcess {
  #child?: Deno.ChildProcess;
  constructor(readonly port: number, readonly dataDir: string, readonly adminToken: string) {}

  get origin() {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const main = new URL("../../../bleephub/main.ts", import.meta.url).pathname;
    this.#child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        main,
        "--port",
        String(this.port),
        "--data-dir",
        this.dataDir,
        "--admin-token",
        this.adminToken,
      ],
      stdout: "null",
      stderr: "inherit",
    }).spawn();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const conn = await Deno.connect({ hostname: "127.0.0.1", port: this.port });
        conn.close();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`bleephub did not listen on ${this.port} within 60 s`);
  }

  /** SIGKILL, like `kill -9`: nothing gets a chance to flush. */
  async kill(): Promise<void> {
    if (!this.#child) return;
    this.#child.kill("SIGKILL");
    await this.#child.status;
    this.#child = undefined;
  }

  async stop(): Promise<void> {
    if (!this.#child) return;
    this.#child.kill("SIGTERM");
    await this.#child.status;
    this.#child = undefined;
  }
}

/** Environment for gh and git: private config dirs and a CA bundle with the system roots. */
export async function clientEnv(hub: BleephubProcess, token: string, home: string) {
  const bundle = `${home}/ca-bundle.pem`;
  const system = await Deno.readTextFile("/etc/ssl/certs/ca-certificates.crt").catch(() => "");
  const ca = await Deno.readTextFile(`${hub.dataDir}/tls/ca.pem`);
  await Deno.writeTextFile(bundle, system + "\n" + ca);
  const gitconfig = `${home}/gitconfig`;
  await Deno.writeTextFile(
    gitconfig,
    "[user]\n\tname = E2E\n\temail = e2e@example.com\n[init]\n\tdefaultBranch = main\n" +
      "[credential]\n\thelper = !gh auth git-credential\n",
  );
  await Deno.mkdir(`${home}/gh`, { recursive: true });
  return {
    HOME: home,
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    GH_CONFIG_DIR: `${home}/gh`,
    GH_HOST: `127.0.0.1:${hub.port}`,
    GH_ENTERPRISE_TOKEN: token,
    GH_NO_UPDATE_NOTIFIER: "1",
    GH_PROMPT_DISABLED: "1",
    NO_COLOR: "1",
    SSL_CERT_FILE: bundle,
    GIT_SSL_CAINFO: bundle,
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
  };
}

export async function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<RunResult> {
  // A client that hangs (say, waiting for a prompt) fails the step instead of stalling CI.
  const out = await new Deno.Command(cmd, {
    signal: AbortSignal.timeout(120_000),
    args,
    env,
    cwd,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** Runs a command that must succeed, failing with its output otherwise. */
export async function ok(cmd: string, args: string[], env: Record<string, string>, cwd?: string) {
  const r = await run(cmd, args, env, cwd);
  if (r.code !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`,
    );
  }
  return r.stdout;
}
