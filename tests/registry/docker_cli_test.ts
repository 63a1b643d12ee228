import assert from "node:assert/strict";
import { ImageStore } from "../../backends/core/images/mod.ts";
import { addTestImage } from "../../backends/core/images/test_utils.ts";
import { serveForCli } from "./cli_daemon.ts";
import { bcrypt } from "./htpasswd.ts";
import { registryTest, startRegistry } from "./registry_server.ts";
import { seedBusybox } from "./seed.ts";

async function docker(env: Record<string, string>, ...args: string[]) {
  const output = await new Deno.Command("docker", { args, env, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}

const haveDocker = (() => {
  try {
    return new Deno.Command("docker", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
})();

const definition = registryTest(
  "the docker CLI reads our pull/push progress, save and load",
  async (t) => {
    const registry = await startRegistry();
    const dir = await Deno.makeTempDir({ prefix: "cli-" });
    const store = await ImageStore.open(`${dir}/store`);
    const server = serveForCli(store, `${dir}/docker.sock`);
    const env = {
      DOCKER_HOST: `unix://${dir}/docker.sock`,
      DOCKER_CONFIG: `${dir}/config`,
      PATH: Deno.env.get("PATH")!,
    };
    try {
      const seeded = await seedBusybox(registry, "cli/busybox:1.0");

      await t.step("docker pull", async () => {
        const pulled = await docker(env, "pull", seeded.reference);
        assert.equal(pulled.code, 0, pulled.stderr);
        const lines = pulled.stdout.trim().split("\n");
        assert.equal(lines[0], "1.0: Pulling from cli/busybox");
        assert.match(pulled.stdout, /[0-9a-f]{12}: Pull complete/);
        assert.ok(lines.includes(`Digest: ${seeded.digest}`), pulled.stdout);
        assert.ok(
          lines.includes(`Status: Downloaded newer image for ${seeded.reference}`),
          pulled.stdout,
        );
        assert.equal(lines.at(-1), seeded.reference);
      });

      await t.step("docker pull of a missing tag fails with the registry's reason", async () => {
        const missing = await docker(env, "pull", `${registry.host}/cli/busybox:nope`);
        assert.equal(missing.code, 1);
        assert.match(
          missing.stderr,
          /Error response from daemon: manifest for .*cli\/busybox:nope not found: manifest unknown/,
        );
      });

      await t.step("docker images and docker image inspect", async () => {
        const images = await docker(env, "images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        assert.equal(images.code, 0, images.stderr);
        const id = store.resolve(seeded.reference).image.id;
        assert.equal(images.stdout.trim(), `${registry.host}/cli/busybox:1.0 ${id.slice(7, 19)}`);
        const inspected = await docker(
          env,
          "image",
          "inspect",
          "--format",
          "{{json .Config.Cmd}} {{.Config.WorkingDir}}",
          seeded.reference,
        );
        assert.equal(inspected.stdout.trim(), '["sh"] /home', inspected.stderr);
      });

      await t.step("docker push (layers already there, via mount)", async () => {
        const image = store.resolve(seeded.reference).image;
        await store.tag(image.id, `${registry.host}/cli/copy:2`);
        const pushed = await docker(env, "push", `${registry.host}/cli/copy:2`);
        assert.equal(pushed.code, 0, pushed.stderr);
        assert.match(
          pushed.stdout,
          new RegExp(`The push refers to repository \\[${registry.host}/cli/copy\\]`),
        );
        assert.match(pushed.stdout, /Mounted from cli\/busybox/);
        assert.match(pushed.stdout, new RegExp(`2: digest: ${image.manifestDigest} size: \\d+`));
      });

      await t.step("docker history, docker tag, docker rmi", async () => {
        const history = await docker(
          env,
          "history",
          "--no-trunc",
          "--format",
          "{{.ID}}|{{.CreatedBy}}|{{.Size}}",
          seeded.reference,
        );
        assert.equal(history.code, 0, history.stderr);
        const id = store.resolve(seeded.reference).image.id;
        assert.match(
          history.stdout.trim(),
          new RegExp(`^${id}\\|/bin/sh -c #\\(nop\\) layer 0\\|\\d`),
        );
        const tagged = await docker(env, "tag", seeded.reference, "cli/extra:3");
        assert.equal(tagged.code, 0, tagged.stderr);
        assert.equal(store.resolve("cli/extra:3").image.id, id);
        const untagged = await docker(env, "rmi", "cli/extra:3");
        assert.equal(untagged.stdout.trim(), "Untagged: cli/extra:3", untagged.stderr);
        const refused = await docker(env, "rmi", id.slice(7, 19));
        assert.equal(refused.code, 1);
        assert.match(
          refused.stderr,
          /conflict: unable to delete .* \(must be forced\) - image is referenced in multiple repositories/,
        );
      });

      await t.step("docker save | docker load", async () => {
        const saved = await docker(env, "save", "-o", `${dir}/saved.tar`, seeded.reference);
        assert.equal(saved.code, 0, saved.stderr);
        const id = store.resolve(seeded.reference).image.id;
        await store.deleteImage(id);
        const loaded = await docker(env, "load", "-i", `${dir}/saved.tar`);
        assert.equal(loaded.code, 0, loaded.stderr);
        assert.equal(loaded.stdout.trim(), `Loaded image: ${seeded.reference}`);
        assert.equal(store.resolve(seeded.reference).image.id, id);
        const removed = await docker(env, "rmi", "--force", id);
        assert.equal(removed.code, 0, removed.stderr);
        assert.match(removed.stdout, new RegExp(`Untagged: ${seeded.reference}\n`));
        assert.match(removed.stdout, new RegExp(`Deleted: ${id}\n`));
        assert.deepEqual(store.list(), []);
      });
    } finally {
      await server.shutdown();
      await registry.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
if (!haveDocker) console.warn("SKIPPED docker CLI test: the docker CLI (28) is not on PATH");
Deno.test({ ...definition, ignore: definition.ignore || !haveDocker });

const loginDefinition = registryTest(
  "docker login stores credentials the CLI then sends as X-Registry-Auth",
  async (t) => {
    const hash = await bcrypt("s3cret");
    if (!hash) {
      console.warn(
        "SKIPPED docker login test: needs python3 (Debian package python3) for a bcrypt hash",
      );
      await t.step({
        name: "docker login (SKIPPED: apt-get install -y python3)",
        ignore: true,
        fn() {},
      });
      return;
    }
    const dir = await Deno.makeTempDir({ prefix: "cli-login-" });
    await Deno.writeTextFile(`${dir}/htpasswd`, `bob:${hash}\n`);
    const registry = await startRegistry(
      `auth:\n  htpasswd:\n    realm: test\n    path: ${dir}/htpasswd\n`,
    );
    const store = await ImageStore.open(`${dir}/store`);
    const server = serveForCli(store, `${dir}/docker.sock`);
    const env = {
      DOCKER_HOST: `unix://${dir}/docker.sock`,
      DOCKER_CONFIG: `${dir}/config`,
      PATH: Deno.env.get("PATH")!,
    };
    try {
      const image = await addTestImage(store, { tags: [`${registry.host}/private/app:1`] });
      const anonymous = await docker(env, "push", `${registry.host}/private/app:1`);
      assert.equal(anonymous.code, 1);
      assert.match(anonymous.stderr + anonymous.stdout, /unauthorized: authentication required/);

      const wrong = await dockerWithInput(
        env,
        "nope\n",
        "login",
        "-u",
        "bob",
        "--password-stdin",
        registry.host,
      );
      assert.equal(wrong.code, 1);
      assert.match(
        wrong.stderr,
        /login attempt to http:\/\/.* failed with status: 401 Unauthorized/,
      );

      const login = await dockerWithInput(
        env,
        "s3cret\n",
        "login",
        "-u",
        "bob",
        "--password-stdin",
        registry.host,
      );
      assert.equal(login.code, 0, login.stderr);
      assert.match(login.stdout, /Login Succeeded/);
      const pushed = await docker(env, "push", `${registry.host}/private/app:1`);
      assert.equal(pushed.code, 0, pushed.stderr + pushed.stdout);
      assert.match(pushed.stdout, new RegExp(`1: digest: ${image.manifestDigest}`));
    } finally {
      await server.shutdown();
      await registry.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
Deno.test({ ...loginDefinition, ignore: loginDefinition.ignore || !haveDocker });

async function dockerWithInput(env: Record<string, string>, input: string, ...args: string[]) {
  const child = new Deno.Command("docker", {
    args,
    env,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  })
    .spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const output = await child.output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}
