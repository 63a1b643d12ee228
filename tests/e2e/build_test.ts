/**
 * `docker build` with the classic builder, driven by the real docker CLI 28 (`DOCKER_BUILDKIT=0`,
 * no buildx plugin) against the daemon, with the base image pulled from a real registry:
 * multi-stage builds, the instruction set, the layer cache, and the errors a user sees.
 */
import assert from "node:assert/strict";
import { registryTest, startRegistry } from "../registry/registry_server.ts";
import { seedBusybox } from "../registry/seed.ts";
import { tarEntries } from "../registry/busybox_image.ts";
import { docker, type RunningTestDaemon, startTestDaemon } from "./harness.ts";

async function writeContext(dir: string, files: Record<string, string | Uint8Array>) {
  for (const [name, content] of Object.entries(files)) {
    const path = `${dir}/${name}`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
  }
}

function multiStage(base: string): string {
  return `# a comment before everything
ARG BASE=${base}
FROM $BASE AS builder
ARG GREETING_ARG=default
ENV APP=/app \\
    MODE=release
WORKDIR $APP
COPY src/ ./src/
COPY *.txt ./
ADD bundle.tar /app/unpacked/
RUN echo "built $MODE with $GREETING_ARG" > out.txt && cat src/main.sh
RUN ["sh", "-c", "echo exec form > exec.txt"]

FROM ${base} AS final
LABEL org.example.stage=final
COPY --from=builder --chown=10:20 --chmod=750 /app/out.txt /app/exec.txt /srv/
COPY --from=builder /app/unpacked/ /srv/unpacked/
USER 10
WORKDIR /srv
EXPOSE 8080 53/udp
VOLUME ["/data"]
STOPSIGNAL SIGINT
HEALTHCHECK --interval=5s --retries=2 CMD cat /srv/out.txt
SHELL ["/bin/sh", "-c"]
ENTRYPOINT ["cat"]
CMD ["/srv/out.txt"]

FROM final AS unused
RUN echo never > /never
`;
}

Deno.test(registryTest("docker build (classic builder) with the docker CLI", async (t) => {
  const registry = await startRegistry();
  const daemon = await startTestDaemon();
  const base = `${registry.host}/busybox:latest`;
  const context = `${daemon.dir}/context`;
  const build = (args: string[], d: RunningTestDaemon = daemon) =>
    docker({ ...d, env: { ...d.env, DOCKER_BUILDKIT: "0" } }, ["build", ...args], {
      timeoutMs: 120_000,
    });
  const run = async (args: string[]) => {
    const out = await docker(daemon, args, { timeoutMs: 60_000 });
    assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}`);
    return out.stdout;
  };
  try {
    await seedBusybox(registry, "busybox:latest");
    const bundle = await tarEntries([{
      header: { name: "inside.txt", size: 7, mode: 0o644 },
      body: new TextEncoder().encode("inside\n"),
    }]);
    await writeContext(context, {
      "Dockerfile": multiStage(base),
      "src/main.sh": "echo from main.sh\n",
      "notes.txt": "notes\n",
      "secret.txt": "do not send\n",
      "build.log": "ignored\n",
      "bundle.tar": bundle,
      ".dockerignore": "*.log\nsecret*\n",
    });

    let firstId = "";
    await t.step("a multi-stage build to a target, with build args and labels", async () => {
      const out = await build([
        "--build-arg",
        "GREETING_ARG=from-cli",
        "--target",
        "final",
        "--label",
        "org.example.cli=yes",
        "-t",
        "app:1",
        "-t",
        "app:latest",
        context,
      ]);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /Step 1\/22 : FROM \$BASE AS builder/);
      assert.match(out.stdout, /from main\.sh/);
      assert.doesNotMatch(out.stdout, /never/); // the stage after the target is not built
      assert.match(out.stdout, /Successfully tagged app:1\n/);
      assert.match(out.stdout, /Successfully tagged app:latest\n/);
      firstId = /Successfully built ([a-f0-9]{12})/.exec(out.stdout)?.[1] ?? "";
      assert.ok(firstId, out.stdout);
    });

    await t.step("the result runs with its config and files", async () => {
      assert.equal(await run(["run", "--rm", "app:1"]), "built release with from-cli\n");
      const listing = await run([
        "run",
        "--rm",
        "--user",
        "0",
        "--entrypoint",
        "sh",
        "app:1",
        "-c",
        "ls -ln /srv; cat /srv/unpacked/inside.txt /srv/exec.txt; pwd",
      ]);
      assert.match(listing, /-rwxr-x---\s+1 10\s+20\s.*exec\.txt/);
      assert.match(listing, /-rwxr-x---\s+1 10\s+20\s.*out\.txt/);
      assert.match(listing, /inside\nexec form\n\/srv\n$/);
      const config = JSON.parse(
        await run(["image", "inspect", "--format", "{{json .Config}}", "app:1"]),
      );
      assert.equal(config.User, "10");
      assert.equal(config.WorkingDir, "/srv");
      assert.deepEqual(config.Entrypoint, ["cat"]);
      assert.deepEqual(config.Cmd, ["/srv/out.txt"]);
      assert.deepEqual(Object.keys(config.ExposedPorts).sort(), ["53/udp", "8080/tcp"]);
      assert.deepEqual(Object.keys(config.Volumes), ["/data"]);
      assert.equal(config.StopSignal, "SIGINT");
      assert.deepEqual(config.Healthcheck.Test, ["CMD-SHELL", "cat /srv/out.txt"]);
      assert.equal(config.Healthcheck.Interval, 5e9);
      assert.equal(config.Labels["org.example.stage"], "final");
      assert.equal(config.Labels["org.example.cli"], "yes");
      assert.ok(config.Env.includes("GREETING=hello"), "the base image's Env is kept");
      assert.ok(!config.Env.some((e: string) => e.startsWith("APP=")), "builder ENV stays behind");
    });

    await t.step(".dockerignore kept files out of the context", async () => {
      await writeContext(context, {
        "Dockerfile.ignored": `FROM ${base}\nCOPY secret.txt /\n`,
      });
      const out = await build(["-f", `${context}/Dockerfile.ignored`, context]);
      assert.notEqual(out.code, 0);
      assert.match(
        out.stderr + out.stdout,
        /file not found in build context or excluded by \.dockerignore: stat secret\.txt/,
      );
    });

    await t.step("history lists the build's steps", async () => {
      const history = await run(["history", "--no-trunc", "--format", "{{.CreatedBy}}", "app:1"]);
      assert.match(history, /#\(nop\)\s+CMD \["\/srv\/out\.txt"\]/);
      assert.match(history, /#\(nop\) COPY dir:[a-f0-9]+ in \/srv\//);
      assert.match(history, /#\(nop\) COPY multi:[a-f0-9]+ in \/srv\/ /);
      assert.doesNotMatch(history, /echo "built/); // the builder stage is not in the result
    });

    await t.step("a rebuild comes from the cache and is the same image", async () => {
      const out = await build([
        "--build-arg",
        "GREETING_ARG=from-cli",
        "--target",
        "final",
        "--label",
        "org.example.cli=yes",
        "-t",
        "app:1",
        context,
      ]);
      assert.equal(out.code, 0, out.stderr);
      assert.doesNotMatch(out.stdout, /Running in/);
      assert.equal(out.stdout.match(/Using cache/g)?.length, 20);
      assert.match(out.stdout, new RegExp(`Successfully built ${firstId}`));
      const changed = await build([
        "--build-arg",
        "GREETING_ARG=other",
        "--target",
        "final",
        context,
      ]);
      assert.equal(changed.code, 0, changed.stderr);
      assert.match(changed.stdout, /Running in/); // the RUN that sees the argument runs again
      const nocache = await build(["--no-cache", "-q", "--target", "builder", context]);
      assert.equal(nocache.code, 0, nocache.stderr);
      assert.match(nocache.stdout.trim(), /^sha256:[a-f0-9]{64}$/);
    });

    await t.step("FROM scratch, ONBUILD triggers and a gzip context (--compress)", async () => {
      const dir = `${daemon.dir}/scratch`;
      await writeContext(dir, {
        "Dockerfile": "FROM scratch\nCOPY hello /\nONBUILD COPY hello /triggered\n",
        "hello": "hi\n",
        "Dockerfile.child":
          `FROM scratch-parent\nCOPY --from=${base} /bin/busybox /bin/busybox\nWORKDIR /made/deep\nCOPY --from=scratch-parent /hel* /copied/\n`,
      });
      assert.equal((await build(["--compress", "-t", "scratch-parent", dir])).code, 0);
      const child = await build(["-f", `${dir}/Dockerfile.child`, "-t", "child", dir]);
      assert.equal(child.code, 0, child.stderr);
      assert.match(child.stdout, /Executing 1 build trigger/);
      const out = await run([
        "run",
        "--rm",
        "child",
        "/bin/busybox",
        "cat",
        "/hello",
        "/triggered",
        "/copied/hello",
      ]);
      assert.equal(out, "hi\nhi\nhi\n"); // the last from COPY --from with a wildcard
      // WORKDIR created its directory in the image (root-owned 0755), as moby's does.
      const workdir = await run(["create", "child", "/bin/busybox", "true"]);
      const archive = await docker(daemon, ["cp", `${workdir.trim()}:/made/deep`, "-"]);
      assert.equal(archive.code, 0, archive.stderr);
      assert.match(archive.stdout, /^deep\/\0/);
    });

    await t.step("errors: syntax names the line, failures store nothing", async () => {
      const before = await run(["images", "-q", "--no-trunc"]);
      await writeContext(context, {
        "Dockerfile.bad": `FROM ${base}\n\nRUNN echo\n`,
        "Dockerfile.missing": `FROM ${base}\nRUN echo ok > /x\nCOPY nothere /\n`,
        "Dockerfile.fails": `FROM ${base}\nRUN echo partial > /p\nRUN exit 3\n`,
      });
      const bad = await build(["-f", `${context}/Dockerfile.bad`, "-t", "bad", context]);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /dockerfile parse error on line 3: unknown instruction: RUNN/);
      const missing = await build(["-f", `${context}/Dockerfile.missing`, "-t", "bad", context]);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr + missing.stdout, /stat nothere: file does not exist/);
      const fails = await build(["-f", `${context}/Dockerfile.fails`, "-t", "bad", context]);
      assert.notEqual(fails.code, 0);
      assert.match(
        fails.stderr + fails.stdout,
        /The command '\/bin\/sh -c exit 3' returned a non-zero code: 3/,
      );
      assert.equal(await run(["images", "-q", "--no-trunc"]), before);
    });

    await t.step("commit a container of the built image", async () => {
      await run([
        "run",
        "--name",
        "fromapp",
        "--user",
        "0",
        "--entrypoint",
        "sh",
        "app:1",
        "-c",
        "echo more > /srv/more",
      ]);
      // The container ran with --entrypoint sh, which commit keeps unless a change says otherwise.
      await run(["commit", "-c", 'ENTRYPOINT ["cat"]', "fromapp", "app:more"]);
      assert.equal(await run(["run", "--rm", "app:more", "/srv/more"]), "more\n");
    });
  } finally {
    await daemon.stop();
    await registry.stop();
  }
}));
