import assert from "node:assert/strict";
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from "@aws-sdk/client-ecr";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { withSimulator } from "../test_utils.ts";

Deno.test("ECR repositories and authorization tokens", async () => {
  await withSimulator(async ({ client }) => {
    const ecr = new ECRClient(client);
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({ repositoryName: "app/web" }),
    );
    assert.equal(repository?.repositoryUri, "000000000000.dkr.ecr.us-east-1.amazonaws.com/app/web");
    await assert.rejects(
      ecr.send(new CreateRepositoryCommand({ repositoryName: "app/web" })),
      { name: "RepositoryAlreadyExistsException" },
    );
    await assert.rejects(
      ecr.send(new CreateRepositoryCommand({ repositoryName: "Bad_Name" })),
      { name: "InvalidParameterException" },
    );
    const described = await ecr.send(new DescribeRepositoriesCommand({}));
    assert.deepEqual(described.repositories?.map((r) => r.repositoryName), ["app/web"]);
    assert.deepEqual(
      (await ecr.send(new DescribeImagesCommand({ repositoryName: "app/web" }))).imageDetails,
      [],
    );
    await assert.rejects(
      ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ["nope"] })),
      { name: "RepositoryNotFoundException" },
    );
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const decoded = atob(token.authorizationData![0].authorizationToken!);
    assert.match(decoded, /^AWS:.{20,}/);
  });
});

Deno.test("STS GetCallerIdentity answers for the signing key; a wrong secret is refused", async () => {
  await withSimulator(async ({ client }) => {
    const id = await new STSClient(client).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, "000000000000");
    assert.equal(id.Arn, "arn:aws:iam::000000000000:user/test");
    const wrong = new STSClient({
      ...client,
      credentials: { accessKeyId: "test", secretAccessKey: "x" },
    });
    await assert.rejects(wrong.send(new GetCallerIdentityCommand({})), {
      name: "SignatureDoesNotMatch",
    });
  });
});
