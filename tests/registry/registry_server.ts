/**
 * Starts Debian's `docker-registry` (the CNCF distribution registry) on a free loopback port
 * with a temp storage dir, for tests and benchmarks. Tests that need it skip loudly, naming the
 * Debian package, when the tools are missing.
 *
 * @module
 */

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:<port>`, usable as an image reference's domain. */
  host: string;
  /** The registry's filesystem storage root. */
  storage: string;
  /** The file the registry serves a blob from (tests corrupt it on purpose). */
  blobPath(digest: string): string;
  stop(): Promise<void>;
  /** Kills the registry and removes its storage synchronously (for `unload` handlers). */
  kill(): void;
}

/** The Debian packages the registry tests need: binary → package. */
const tools: Record<string, string> = {
  "docker-registry": "docker-registry",
  skopeo: "skopeo",
  busybox: "busybox-static",
};

/** Debian packages whose binaries are missing (empty when all are installed). */
export function missingPackages(): string[] {
  const path = (Deno.env.get("PATH") ?? "/usr/bin:/bin").split(":");
  return Object.entries(tools)
    .filter(([binary]) => !path.some((dir) => exists(`${dir}/${binary}`)))
    .map(([, pkg]) => pkg);
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * `Deno.test` options that skip loudly when the registry tools are missing: the test name says
 * which Debian packages to install.
 */
export function registryTest(
  name: string,
  fn: (t: Deno.TestContext) => Promise<void>,
): Deno.TestDefinition {
  const missing = missingPackages();
  if (missing.length > 0) {
    console.warn(`SKIPPED "${name}": apt-get install -y ${missing.join(" ")}`);
  }
  return {
    name: missing.length > 0 ? `${name} (SKIPPED: apt-get install -y ${missing.join(" ")})` : name,
    ignore: missing.length > 0,
    fn,
    sanitizeResources: false,
  };
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Starts a registry; `extraConfig` is YAML appended to the config (e.g. an `auth:` section). */
export async function startRegistry(extraConfig = ""): Promise<TestRegistry> {
  const dir = await Deno.makeTempDir({ prefix: "registry-" });
  const storage = `${dir}/storage`;
  for (let attempt = 0;; attempt++) {
    const port = freePort();
    const host = `127.0.0.1:${port}`;
    // No blob descriptor cache: a blob corrupted on disk is served as it is on disk.
    await Deno.writeTextFile(
      `${dir}/config.yml`,
      [
        "version: 0.1",
        "log:",
        "  level: error",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        `    rootdirectory: ${storage}`,
        "  delete:",
        "    enabled: true",
        "http:",
        `  addr: ${host}`,
        extraConfig,
      ].join("\n") + "\n",
    );
    const child = new Deno.Command("docker-registry", {
      args: ["serve", `${dir}/config.yml`],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    if (await waitUntilServing(host, child)) {
      return {
        host,
        storage,
        blobPath: (digest) =>
          `${storage}/docker/registry/v2/blobs/sha256/${digest.slice(7, 9)}/${
            digest.slice(7)
          }/data`,
        async stop() {
          try {
            child.kill("SIGTERM");
          } catch { /* already gone */ }
          await child.status;
          await stderr;
          await Deno.remove(dir, { recursive: true });
        },
        kill() {
          try {
            child.kill("SIGKILL");
          } catch { /* already gone */ }
          Deno.removeSync(dir, { recursive: true });
        },
      };
    }
    try {
      child.kill("SIGKILL");
    } catch { /* exited */ }
    await child.status;
    const log = await stderr;
    if (attempt >= 2) {
      await Deno.remove(dir, { recursive: true });
      throw new Error(`docker-registry did not start on ${host}: ${log}`);
    }
  }
}

async function waitUntilServing(host: string, child: Deno.ChildProcess): Promise<boolean> {
  let exited = false;
  child.status.then(() => exited = true);
  for (let i = 0; i < 100 && !exited; i++) {
    try {
      const response = await fetch(`http://${host}/v2/`);
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) return true;
    } catch { /* not yet listening */ }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
