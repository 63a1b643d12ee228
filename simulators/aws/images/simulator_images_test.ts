import assert from "node:assert/strict";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateRepositoryCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from "@aws-sdk/client-ecr";
import { registryTest, startRegistry } from "../../../tests/registry/registry_server.ts";
import { seedBusybox } from "../../../tests/registry/seed.ts";
import { busyboxConfig, busyboxLayer } from "../../../tests/registry/busybox_image.ts";
import { OciLayout, skopeo } from "../../../tests/registry/oci_layout.ts";
import { sandboxWorkloadRuntime } from "../runtime/sandbox_runtime.ts";
import { withSimulator } from "../test_utils.ts";
import { imagePullingRuntime } from "./image_runtime.ts";
import { ImagePullError } from "./pull_error.ts";
import { SimulatorImages } from "./simulator_images.ts";

const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();

function openImages(): Promise<SimulatorImages> {
  return SimulatorImages.open({
    accountId: "000000000000",
    endpointHost: () => "127.0.0.1:1",
    ecrPassword: () => Promise.reject(new Error("no ECR here")),
    attempts: 1,
  });
}

Deno.test(
  registryTest("a workload runs its pulled image's layers, Env and WorkingDir", async () => {
    const registry = await startRegistry();
    const images = await openImages();
    const runtime = imagePullingRuntime(sandboxWorkloadRuntime(), images);
    try {
      await seedBusybox(registry, "busybox:latest");
      const run = async (spec: { argv: string[]; workdir?: string; user?: string }) => {
        const w = await runtime.start({ image: `${registry.host}/busybox`, env: {}, ...spec });
        await w.stdin.close();
        const [out, err, code] = await Promise.all([text(w.stdout), text(w.stderr), w.exited]);
        return { note: w.imageNote, out, err, code };
      };
      // The image's files (its /etc/motd), Env and WorkingDir; no built-in tree behind them.
      assert.deepEqual(
        await run({ argv: ["sh", "-c", 'echo "$GREETING"; pwd; cat /etc/motd; ls /bin | wc -l'] }),
        {
          note: "",
          out: "hello\n/home\nbuilt from busybox-st\n",
          err: "sh: wc: not found\n",
          code: 127,
        },
      );
      // Overrides win; a missing working directory is created; a numeric user needs no passwd.
      assert.deepEqual(
        await run({ argv: ["sh", "-c", "pwd; id -u"], workdir: "/srv/app", user: "1000" }),
        { note: "", out: "/srv/app\n", err: "sh: id: not found\n", code: 127 },
      );
      // No argv: the image's Cmd (sh) runs, reading a closed stdin.
      assert.equal((await run({ argv: [] })).code, 0);
    } finally {
      runtime.close?.();
      await images.close();
      await registry.stop();
    }
  }),
);

Deno.test(registryTest("images that cannot be pulled fail in ECS's words", async () => {
  const registry = await startRegistry();
  const images = await openImages();
  try {
    await assert.rejects(
      images.resolve(`${registry.host}/nosuch:1`, "us-east-1"),
      (e: Error) => {
        assert.ok(e instanceof ImagePullError && e.missing);
        assert.equal(
          e.message,
          "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to " +
            `resolve ref ${registry.host}/nosuch:1: ${registry.host}/nosuch:1: not found`,
        );
        return true;
      },
    );
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (closed.addr as Deno.NetAddr).port;
    closed.close();
    await assert.rejects(
      images.resolve(`127.0.0.1:${port}/busybox`, "us-east-1"),
      (e: Error) => {
        assert.ok(e instanceof ImagePullError && e.unreachable);
        assert.match(
          e.message,
          new RegExp(
            `^CannotPullContainerError: pull image manifest has been retried 1 time\\(s\\): ` +
              `failed to resolve ref 127\\.0\\.0\\.1:${port}/busybox:latest: failed to do request: `,
          ),
        );
        return true;
      },
    );
    // A Docker Hub name runs the built-in tree only when Docker Hub cannot be reached, saying so.
    const hub = await images.resolve("alpine:3", "us-east-1");
    if (hub.kind === "builtin") {
      assert.match(
        hub.note,
        /docker\.io\/library\/alpine:3 was not pulled: no registry is reachable/,
      );
      assert.match(hub.note, /built-in root filesystem/);
    }
  } finally {
    await images.close();
    await registry.stop();
  }
}));

Deno.test(registryTest("Lambda pulls from the simulator's own ECR at CreateFunction", async () => {
  await withSimulator(async ({ sim, client }) => {
    const ecr = new ECRClient(client);
    const lambda = new LambdaClient(client);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: "fn/busybox" }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const creds = atob(token.authorizationData![0].authorizationToken!);
    const dir = await Deno.makeTempDir({ prefix: "aws-sim-images-" });
    try {
      const layout = new OciLayout(dir);
      const image = await layout.image({ layers: [await busyboxLayer()], config: busyboxConfig });
      await layout.tag("seed", image);
      const host = sim.endpoint.replace("http://", "");
      await skopeo(
        "copy",
        "--quiet",
        "--dest-tls-verify=false",
        "--dest-creds",
        creds,
        `oci:${dir}:seed`,
        `docker://${host}/fn/busybox:1`,
      );
      const create = (uri: string, name: string) =>
        lambda.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Role: "arn:aws:iam::000000000000:role/fn",
            PackageType: "Image",
            Code: { ImageUri: uri },
          }),
        );
      const created = await create(
        "000000000000.dkr.ecr.us-east-1.amazonaws.com/fn/busybox:1",
        "a",
      );
      assert.equal(`sha256:${created.CodeSha256}`, image.digest);
      assert.equal(created.StateReason, undefined);
      await assert.rejects(
        create("000000000000.dkr.ecr.us-east-1.amazonaws.com/fn/busybox:2", "b"),
        {
          name: "InvalidParameterValueException",
          message: "Source image 000000000000.dkr.ecr.us-east-1.amazonaws.com/fn/busybox:2 " +
            "does not exist. Provide a valid source image.",
        },
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }, { runtime: sandboxWorkloadRuntime() });
}));
