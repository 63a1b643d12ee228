/**
 * Images through the API with the real docker CLI 28 against the daemon and a real registry
 * (Debian's docker-registry, seeded with a busybox-static image by skopeo): pull and run with
 * the image's files and config, tag, push (checked by skopeo), delete, pull by digest, save and
 * load, import, commit, prune, login (htpasswd), search (501), and what an ELF binary does.
 */
import assert from "node:assert/strict";
import { bcrypt } from "../registry/htpasswd.ts";
import { skopeo } from "../registry/oci_layout.ts";
import { registryTest, startRegistry } from "../registry/registry_server.ts";
import { seedBusybox } from "../registry/seed.ts";
import { docker, rawRequest, startTestDaemon } from "./harness.ts";

Deno.test(registryTest("images through the docker CLI and a real registry", async (t) => {
  const registry = await startRegistry();
  const daemon = await startTestDaemon();
  const busybox = `${registry.host}/busybox:latest`;
  const run = async (args: string[], stdin?: string) => {
    const out = await docker(daemon, args, { stdin, timeoutMs: 120_000 });
    assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}`);
    return out.stdout;
  };
  try {
    await seedBusybox(registry, "busybox:latest");

    await t.step("pull, then run with the image's files, Env, WorkingDir and Cmd", async () => {
      assert.match(await run(["pull", busybox]), /Downloaded newer image/);
      const out = await run(["run", "--rm", busybox, "sh", "-c", 'pwd; echo "$GREETING"; ls /bin']);
      const [cwd, greeting, ...bin] = out.trim().split("\n");
      assert.equal(cwd, "/home");
      assert.equal(greeting, "hello");
      assert.ok(bin.includes("busybox") && bin.includes("sh"), out);
      // The image's own Cmd (["sh"]) with stdin as its script.
      assert.equal(await run(["run", "--rm", "-i", busybox], "echo from-cmd\n"), "from-cmd\n");
      // The image has no `head` link: busybox dispatches on the name, as the real one would.
      const missing = await docker(daemon, ["run", "--rm", busybox, "head", "/etc/passwd"]);
      assert.equal(missing.code, 127, missing.stderr);
    });

    let pushed = "";
    await t.step("tag and push; skopeo sees what was pushed", async () => {
      const target = `${registry.host}/copy/busybox:v1`;
      await run(["tag", busybox, target]);
      const out = await run(["push", target]);
      const digest = /digest: (sha256:[a-f0-9]{64})/.exec(out)?.[1];
      assert.ok(digest, out);
      pushed = `${registry.host}/copy/busybox@${digest}`;
      const inspect = JSON.parse(
        await skopeo("inspect", "--tls-verify=false", `docker://${target}`),
      );
      assert.equal(inspect.Digest, digest);
      assert.equal(inspect.Labels["org.sockerless.test"], "busybox");
      assert.equal(inspect.Layers.length, 1);
      // --all-tags sends no tag: every tag of the repository goes.
      await run(["tag", busybox, `${registry.host}/copy/busybox:v2`]);
      const all = await run(["push", "--all-tags", `${registry.host}/copy/busybox`]);
      assert.match(all, /v1: digest: sha256:/);
      assert.match(all, /v2: digest: sha256:/);
      const tags = JSON.parse(
        await skopeo("list-tags", "--tls-verify=false", `docker://${registry.host}/copy/busybox`),
      );
      assert.deepEqual(tags.Tags.sort(), ["v1", "v2"]);
    });

    await t.step("delete, then pull again by digest and run", async () => {
      await run(["rmi", `${registry.host}/copy/busybox:v1`]);
      await run(["pull", pushed]);
      assert.equal(await run(["run", "--rm", pushed, "echo", "by-digest"]), "by-digest\n");
    });

    await t.step("save and load round trip (one archive, two names)", async () => {
      await run(["tag", busybox, "second:tag"]);
      const archive = `${daemon.dir}/images.tar`;
      await run(["save", "-o", archive, busybox, "second:tag"]);
      const listing = new TextDecoder().decode(
        (await new Deno.Command("tar", { args: ["tf", archive], stdout: "piped" }).output())
          .stdout,
      );
      assert.match(listing, /manifest\.json/);
      assert.match(listing, /index\.json/);
      await run(["rmi", "second:tag"]);
      const loaded = await run(["load", "-i", archive]);
      assert.match(loaded, /Loaded image: second:tag/);
      assert.equal(await run(["run", "--rm", "second:tag", "echo", "loaded"]), "loaded\n");
      // GET /images/{name}/get, the single-image form other clients use.
      const single = await rawRequest(
        daemon.socket,
        `GET /images/second:tag/get HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n`,
      );
      assert.match(single, /^HTTP\/1\.1 200[^]*Content-Type: application\/x-tar/i);
    });

    await t.step("load an OCI layout archive written by skopeo", async () => {
      const archive = `${daemon.dir}/oci.tar`;
      await skopeo(
        "copy",
        "--quiet",
        "--src-tls-verify=false",
        `docker://${busybox}`,
        `oci-archive:${archive}:oci/busybox:from-skopeo`,
      );
      const loaded = await run(["load", "-i", archive]);
      assert.match(loaded, /Loaded image/);
      const id = /sha256:[a-f0-9]{64}|oci\/busybox:from-skopeo/.exec(loaded)?.[0];
      assert.ok(id, loaded);
      assert.equal(await run(["run", "--rm", id, "echo", "oci"]), "oci\n");
    });

    await t.step("commit a container's changes with --change and a message", async () => {
      await run([
        "run",
        "--name",
        "tocommit",
        busybox,
        "sh",
        "-c",
        "mkdir /data; echo c > /data/f",
      ]);
      const id = (await run([
        "commit",
        "-c",
        'CMD ["cat", "/data/f"]',
        "-c",
        "ENV COMMITTED=yes",
        "-m",
        "a message",
        "tocommit",
        "committed:1",
      ])).trim();
      assert.match(id, /^sha256:[a-f0-9]{64}$/);
      assert.equal(await run(["run", "--rm", "committed:1"]), "c\n");
      assert.match(await run(["run", "--rm", "committed:1", "env"]), /COMMITTED=yes/);
      const history = await run([
        "history",
        "--format",
        "{{.Comment}}|{{.CreatedBy}}",
        "committed:1",
      ]);
      assert.match(history.split("\n")[0], /^a message\|sh -c mkdir \/data/);
      const bad = await docker(daemon, ["commit", "-c", "RUN echo", "tocommit", "bad:1"]);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /run is not a valid change command/);
    });

    await t.step("import a container export as a one-layer image", async () => {
      const exported = `${daemon.dir}/export.tar`;
      await run(["export", "-o", exported, "tocommit"]);
      const id = (await run(["import", "-c", 'CMD ["cat", "/data/f"]', exported, "imported:1"]))
        .trim();
      assert.match(id, /^sha256:[a-f0-9]{64}$/);
      assert.equal(await run(["run", "--rm", "imported:1"]), "c\n");
      const layers = await run(["image", "inspect", "--format", "{{len .RootFS.Layers}}", id]);
      assert.equal(layers.trim(), "1");
      // fromSrc=<URL>: the daemon fetches the tarball itself.
      const bytes = await Deno.readFile(exported);
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, onListen() {} },
        () => new Response(bytes),
      );
      try {
        const url = `http://127.0.0.1:${server.addr.port}/rootfs.tar`;
        await run(["import", "-c", 'CMD ["cat", "/data/f"]', url, "from-url:1"]);
        assert.equal(await run(["run", "--rm", "from-url:1"]), "c\n");
      } finally {
        await server.shutdown();
      }
    });

    await t.step("an ELF binary exits 126 with the sandbox's message", async () => {
      const elf = await Deno.readFile("/bin/busybox");
      await Deno.writeFile(`${daemon.dir}/native`, elf, { mode: 0o755 });
      await run(["cp", `${daemon.dir}/native`, "tocommit:/native"]);
      await run(["commit", "tocommit", "native:1"]);
      const out = await docker(daemon, ["run", "--rm", "native:1", "/native"]);
      assert.equal(out.code, 126, out.stderr);
      assert.match(out.stderr, /ELF binaries cannot run in the sandbox/);
    });

    await t.step("image prune removes dangling images only", async () => {
      await run(["rm", "tocommit"]);
      await run(["tag", "committed:1", "keep:1"]);
      await run(["rmi", "native:1"]);
      const pruned = await run(["image", "prune", "-f"]);
      assert.match(pruned, /Total reclaimed space/);
      assert.match(await run(["images", "--format", "{{.Repository}}"]), /keep/);
    });

    await t.step("search is a 501 naming why, since the registry has none", async () => {
      const out = await docker(daemon, ["search", `${registry.host}/busybox`]);
      assert.notEqual(out.code, 0);
      assert.match(out.stderr, /has no search endpoint/);
    });
  } finally {
    await daemon.stop();
    await registry.stop();
  }
}));

Deno.test(registryTest("docker login against a registry with htpasswd", async (t) => {
  const hash = await bcrypt("s3cret");
  if (!hash) {
    console.warn("SKIPPED login: needs python3 (Debian package python3) for a bcrypt hash");
    await t.step({ name: "login (SKIPPED: apt-get install -y python3)", ignore: true, fn() {} });
    return;
  }
  const dir = await Deno.makeTempDir({ prefix: "htpasswd-" });
  await Deno.writeTextFile(`${dir}/htpasswd`, `bob:${hash}\n`);
  const registry = await startRegistry(
    `auth:\n  htpasswd:\n    realm: test\n    path: ${dir}/htpasswd\n`,
  );
  const daemon = await startTestDaemon();
  try {
    const bad = await docker(daemon, ["login", "-u", "bob", "--password-stdin", registry.host], {
      stdin: "wrong",
    });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /401 Unauthorized/);
    const body = JSON.stringify({
      username: "bob",
      password: "nope",
      serveraddress: registry.host,
    });
    const raw = await rawRequest(
      daemon.socket,
      `POST /v1.44/auth HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    assert.match(raw, /^HTTP\/1\.1 401 /);
    const good = await docker(daemon, ["login", "-u", "bob", "--password-stdin", registry.host], {
      stdin: "s3cret",
    });
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /Login Succeeded/);

    // The stored credentials go out as X-Registry-Auth (push) and X-Registry-Config (build).
    const context = `${daemon.dir}/context`;
    await Deno.mkdir(context);
    await Deno.writeTextFile(`${context}/f`, "private\n");
    await Deno.writeTextFile(`${context}/Dockerfile`, "FROM scratch\nCOPY f /f\n");
    const classic = { ...daemon, env: { ...daemon.env, DOCKER_BUILDKIT: "0" } };
    const image = `${registry.host}/private/base:1`;
    assert.equal((await docker(classic, ["build", "-t", image, context])).code, 0);
    const pushed = await docker(daemon, ["push", image]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.equal((await docker(daemon, ["rmi", image])).code, 0);
    await Deno.writeTextFile(`${context}/Dockerfile`, `FROM ${image}\nCOPY f /g\n`);
    const built = await docker(classic, ["build", "-t", "from-private", context]);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, /Successfully tagged from-private:latest/);
    await docker(daemon, ["logout", registry.host]);
    const anonymous = await docker(daemon, ["pull", image]);
    assert.notEqual(anonymous.code, 0);
  } finally {
    await daemon.stop();
    await registry.stop();
    await Deno.remove(dir, { recursive: true });
  }
}));
