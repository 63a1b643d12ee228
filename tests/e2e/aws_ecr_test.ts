/**
 * The AWS simulator's ECR as a real registry, driven by unmodified clients: skopeo pushes a
 * busybox-static image and a two-platform index (as OCI, and converted to Docker schema 2 and a
 * Docker manifest list) with ECR credentials from `aws ecr
 * get-login-password`; `aws ecr describe-images` and `@aws-sdk/client-ecr` report what was pushed;
 * the Sockerless daemon logs in, pulls, runs and pushes (mounting the layer from the other
 * repository) through the docker CLI; and everything is still there after the simulator restarts.
 */
import assert from "node:assert/strict";
import { ECRClient, ListImagesCommand, PutAccountSettingCommand } from "@aws-sdk/client-ecr";
import { busyboxConfig, busyboxLayer } from "../registry/busybox_image.ts";
import { OciLayout, skopeo } from "../registry/oci_layout.ts";
import { registryTest } from "../registry/registry_server.ts";
import { aws, requireCli, sdk, startSim } from "./aws_sim_harness.ts";
import { docker, startTestDaemon } from "./harness.ts";

Deno.test(
  registryTest(
    "ECR in the AWS simulator: skopeo, the AWS CLI, the SDK and docker push and pull",
    ecrThroughRealClients,
  ),
);

async function ecrThroughRealClients(t: Deno.TestContext): Promise<void> {
  await requireCli();
  const dir = await Deno.makeTempDir({ prefix: "aws-ecr-e2e-" });
  let sim = await startSim(dir);
  const host = sim.endpoint.replace("http://", "");
  const layout = new OciLayout(`${dir}/layout`);
  let daemon: Awaited<ReturnType<typeof startTestDaemon>> | undefined;
  try {
    for (const name of ["e2e/busybox", "e2e/copy"]) {
      const created = await aws(sim, ["ecr", "create-repository", "--repository-name", name]);
      assert.equal(created.code, 0, created.stderr);
    }
    const login = await new Deno.Command("/usr/bin/aws", {
      args: ["--endpoint-url", sim.endpoint, "ecr", "get-login-password"],
      env: {
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_CONFIG_FILE: `${dir}/cli-config`,
        AWS_SHARED_CREDENTIALS_FILE: `${dir}/cli-credentials`,
        AWS_EC2_METADATA_DISABLED: "true",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(login.success, new TextDecoder().decode(login.stderr));
    const password = new TextDecoder().decode(login.stdout).trim();
    const creds = `AWS:${password}`;

    const layer = await busyboxLayer();
    const image = await layout.image({ layers: [layer], config: busyboxConfig });
    await layout.tag("single", image);
    const arm = await layout.image({
      layers: [layer],
      config: busyboxConfig,
      platform: { os: "linux", architecture: "arm64" },
    });
    const index = await layout.index([image, arm]);
    await layout.tag("multi", index);

    await t.step("skopeo pushes an image and an index with ECR credentials", async () => {
      const push = (name: string, tag: string, ...extra: string[]) =>
        skopeo(
          "copy",
          "--quiet",
          ...extra,
          "--dest-tls-verify=false",
          "--dest-creds",
          creds,
          `oci:${layout.dir}:${name}`,
          `docker://${host}/e2e/busybox:${tag}`,
        );
      await push("single", "1.0");
      await push("multi", "multi", "--all");
      // Converted on the way: Docker schema 2, and a Docker manifest list.
      await push("single", "v2s2", "--format", "v2s2");
      await push("multi", "list", "--all", "--format", "v2s2");
      const inspected = JSON.parse(
        await skopeo(
          "inspect",
          "--tls-verify=false",
          "--creds",
          creds,
          `docker://${host}/e2e/busybox:1.0`,
        ),
      );
      assert.equal(inspected.Digest, image.digest);
      assert.equal(inspected.Labels["org.sockerless.test"], "busybox");
      const raw = JSON.parse(
        await skopeo(
          "inspect",
          "--raw",
          "--tls-verify=false",
          "--creds",
          creds,
          `docker://${host}/e2e/busybox:multi`,
        ),
      );
      assert.deepEqual(raw.manifests.map((m: { digest: string }) => m.digest), [
        image.digest,
        arm.digest,
      ]);
    });

    await t.step("wrong credentials and unknown repositories fail as ECR's do", async () => {
      await assert.rejects(
        skopeo(
          "inspect",
          "--tls-verify=false",
          "--creds",
          "AWS:not-a-token",
          `docker://${host}/e2e/busybox:1.0`,
        ),
        /unauthorized: Not Authorized/,
      );
      await assert.rejects(
        skopeo(
          "copy",
          "--quiet",
          "--dest-tls-verify=false",
          "--dest-creds",
          creds,
          `oci:${layout.dir}:single`,
          `docker://${host}/e2e/missing:1`,
        ),
        /name unknown: The repository with name 'e2e\/missing' does not exist/,
      );
    });

    await t.step("aws ecr describe-images and the SDK report what was pushed", async () => {
      const described = await aws(sim, [
        "ecr",
        "describe-images",
        "--repository-name",
        "e2e/busybox",
      ]);
      assert.equal(described.code, 0, described.stderr);
      const details = described.json().imageDetails as Record<string, unknown>[];
      const byDigest = Object.fromEntries(details.map((d) => [d.imageDigest, d]));
      assert.deepEqual(byDigest[image.digest].imageTags, ["1.0"]);
      assert.equal(
        byDigest[image.digest].imageManifestMediaType,
        "application/vnd.oci.image.manifest.v1+json",
      );
      assert.ok((byDigest[image.digest].imageSizeInBytes as number) > 500_000);
      assert.deepEqual(byDigest[index.digest].imageTags, ["multi"]);
      assert.equal(byDigest[arm.digest].imageTags, undefined, "the arm64 image is untagged");
      assert.equal(typeof byDigest[index.digest].imagePushedAt, "string");
      const byTag = (tag: string) => details.find((d) => (d.imageTags as string[])?.includes(tag));
      assert.equal(
        byTag("v2s2")?.imageManifestMediaType,
        "application/vnd.docker.distribution.manifest.v2+json",
      );
      assert.equal(
        byTag("v2s2")?.artifactMediaType,
        "application/vnd.docker.container.image.v1+json",
      );
      assert.equal(
        byTag("list")?.imageManifestMediaType,
        "application/vnd.docker.distribution.manifest.list.v2+json",
      );
      const ecr = new ECRClient(sdk(sim));
      const listed = await ecr.send(
        new ListImagesCommand({
          repositoryName: "e2e/busybox",
          filter: { tagStatus: "TAGGED" },
        }),
      );
      assert.deepEqual(
        listed.imageIds?.map((id) => id.imageTag).sort(),
        ["1.0", "list", "multi", "v2s2"],
      );
    });

    await t.step(
      "the daemon logs in, pulls, runs and pushes with a mounted layer",
      async () => {
        await new ECRClient(sdk(sim)).send(
          new PutAccountSettingCommand({ name: "BLOB_MOUNTING", value: "ENABLED" }),
        );
        daemon = await startTestDaemon(["--insecure-registry", host]);
        const run = async (args: string[], stdin?: string) => {
          const out = await docker(daemon!, args, { stdin, timeoutMs: 120_000 });
          assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}${daemon!.logs()}`);
          return out.stdout;
        };
        const refused = await docker(daemon, ["login", "-u", "AWS", "--password-stdin", host], {
          stdin: "wrong\n",
        });
        assert.notEqual(refused.code, 0);
        assert.match(
          await run(["login", "-u", "AWS", "--password-stdin", host], `${password}\n`),
          /Login Succeeded/,
        );
        const source = `${host}/e2e/busybox:1.0`;
        assert.match(await run(["pull", source]), new RegExp(`Digest: ${image.digest}`));
        assert.equal(
          await run(["run", "--rm", source, "cat", "/etc/motd"]),
          "built from busybox-st\n",
        );
        await run(["tag", source, `${host}/e2e/copy:2`]);
        const pushed = await run(["push", `${host}/e2e/copy:2`]);
        assert.match(pushed, /Mounted from e2e\/busybox/);
        assert.match(pushed, /2: digest: sha256:[a-f0-9]{64}/);
      },
    );

    await t.step("everything is still there after the simulator restarts", async () => {
      await sim.stop();
      sim = await startSim(dir);
      const moved = sim.endpoint.replace("http://", "");
      const inspected = JSON.parse(
        await skopeo(
          "inspect",
          "--tls-verify=false",
          "--creds",
          creds,
          `docker://${moved}/e2e/copy:2`,
        ),
      );
      assert.equal(inspected.Labels["org.sockerless.test"], "busybox");
      await skopeo(
        "copy",
        "--quiet",
        "--src-tls-verify=false",
        "--src-creds",
        creds,
        `docker://${moved}/e2e/busybox:1.0`,
        `dir:${dir}/pulled`,
      );
      const described = await aws(sim, [
        "ecr",
        "describe-images",
        "--repository-name",
        "e2e/copy",
      ]);
      assert.deepEqual(described.json().imageDetails[0].imageTags, ["2"]);
    });
  } finally {
    await daemon?.stop();
    await sim.stop();
    await Deno.remove(dir, { recursive: true });
  }
}
