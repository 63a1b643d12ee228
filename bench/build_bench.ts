/**
 * `docker build` (classic builder, docker CLI 28 with DOCKER_BUILDKIT=0) of a 10-step
 * Dockerfile on a busybox image pulled from a local docker-registry: cold (`--no-cache`, the
 * baseline: every RUN and COPY runs in a fresh container actor) against a warm layer cache
 * (every step answered from data-root/build-cache). Run: `deno bench -A bench/build_bench.ts`.
 */
import { docker, startTestDaemon } from "../tests/e2e/harness.ts";
import { missingPackages, startRegistry } from "../tests/registry/registry_server.ts";
import { seedBusybox } from "../tests/registry/seed.ts";

const missing = missingPackages();
if (missing.length > 0) {
  console.warn(`build_bench SKIPPED: apt-get install -y ${missing.join(" ")}`);
} else {
  const registry = await startRegistry();
  await seedBusybox(registry, "busybox:latest");
  const daemon = await startTestDaemon();
  const context = `${daemon.dir}/context`;
  await Deno.mkdir(context);
  await Deno.writeTextFile(`${context}/app.sh`, "echo app\n".repeat(100));
  await Deno.writeTextFile(
    `${context}/Dockerfile`,
    [
      `FROM ${registry.host}/busybox:latest`,
      "ENV APP=/app",
      "WORKDIR /app",
      "COPY app.sh ./",
      "RUN mkdir -p /app/data && echo one > /app/data/1",
      "RUN echo two > /app/data/2",
      'RUN ["sh", "-c", "cat /app/data/1 /app/data/2 > /app/data/both"]',
      "LABEL bench=build",
      "EXPOSE 8080",
      'CMD ["sh", "/app/app.sh"]',
      "",
    ].join("\n"),
  );
  const env = { ...daemon.env, DOCKER_BUILDKIT: "0" };
  const build = async (args: string[]) => {
    const out = await docker({ ...daemon, env }, ["build", "-q", ...args, context], {
      timeoutMs: 120_000,
    });
    if (out.code !== 0) throw new Error(`docker build failed: ${out.stderr}`);
  };
  await build(["-t", "bench:warm"]); // pulls nothing new afterwards and fills the cache
  globalThis.addEventListener("unload", () => registry.kill());

  Deno.bench({
    name: "docker build, 10 steps, --no-cache (baseline)",
    group: "docker build",
    baseline: true,
    n: 5,
    warmup: 1,
    async fn() {
      await build(["--no-cache", "-t", "bench:cold"]);
    },
  });
  Deno.bench({
    name: "docker build, 10 steps, warm layer cache",
    group: "docker build",
    n: 10,
    warmup: 1,
    async fn() {
      await build(["-t", "bench:warm"]);
    },
  });
  globalThis.addEventListener("unload", () => {
    // The daemon is a child process; SIGTERM lets it shut down its Workers.
    daemon.stop();
  });
}
