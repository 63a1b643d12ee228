/**
 * The ECR service of the AWS simulator (awsJson1_1, target prefix
 * `AmazonEC2ContainerRegistry_V20150921`): repositories and authorization tokens. The simulator
 * serves no OCI registry yet (`/v2` lands with the images work), so nothing can be pushed and
 * DescribeImages reports the images that really exist: none.
 *
 * @module
 */
import { type AwsContext, epochSeconds } from "../context.ts";
import type { Repository } from "../state/model.ts";
import { AwsError, invalidParameter } from "../wire/errors.ts";
import type { JsonService } from "../wire/json_protocol.ts";
import {
  optionalObjects,
  optionalString,
  optionalStrings,
  page,
  requiredString,
} from "../wire/input.ts";
import { encodeBytes } from "../../../agent/protocol.ts";

function _registryHost(ctx: AwsContext): string {
  return `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com`;
}

function _repositoryNotFound(ctx: AwsContext, name: string): AwsError {
  return new AwsError(
    "RepositoryNotFoundException",
    `The repository with name '${name}' does not exist in the registry with id '${ctx.accountId}'`,
  );
}

function _require(ctx: AwsContext, name: string): Repository {
  const repo = ctx.world.state.repositories[`${ctx.region}/${name}`];
  if (!repo) throw _repositoryNotFound(ctx, name);
  return repo;
}

function createRepository(input: Record<string, unknown>, ctx: AwsContext) {
  const name = requiredString(input, "repositoryName");
  if (
    !/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name) ||
    name.length > 256
  ) {
    throw invalidParameter(
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''`,
    );
  }
  const key = `${ctx.region}/${name}`;
  if (ctx.world.state.repositories[key]) {
    throw new AwsError(
      "RepositoryAlreadyExistsException",
      `The repository with name '${name}' already exists in the registry with id '${ctx.accountId}'`,
    );
  }
  const repo: Repository = {
    repositoryArn: `arn:aws:ecr:${ctx.region}:${ctx.accountId}:repository/${name}`,
    registryId: ctx.accountId,
    repositoryName: name,
    repositoryUri: `${_registryHost(ctx)}/${name}`,
    createdAt: epochSeconds(),
    imageTagMutability: optionalString(input, "imageTagMutability") ?? "MUTABLE",
    imageScanningConfiguration: {
      scanOnPush: (input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined)
        ?.scanOnPush === true,
    },
    encryptionConfiguration: { encryptionType: "AES256" },
    tags: (optionalObjects(input, "tags") ?? []) as { key: string; value: string }[],
  };
  ctx.world.state.repositories[key] = repo;
  ctx.world.store.changed();
  return { repository: _render(repo) };
}

function _render(repo: Repository) {
  const { tags: _tags, ...rest } = repo;
  return rest;
}

function describeRepositories(input: Record<string, unknown>, ctx: AwsContext) {
  const names = optionalStrings(input, "repositoryNames");
  const repos = names
    ? names.map((n) => _require(ctx, n))
    : Object.entries(ctx.world.state.repositories).filter(([k]) => k.startsWith(`${ctx.region}/`))
      .map(([, r]) => r);
  const { items, nextToken } = page(
    repos,
    optionalString(input, "nextToken"),
    input.maxResults as number | undefined,
  );
  return { repositories: items.map(_render), nextToken };
}

function deleteRepository(input: Record<string, unknown>, ctx: AwsContext) {
  const repo = _require(ctx, requiredString(input, "repositoryName"));
  delete ctx.world.state.repositories[`${ctx.region}/${repo.repositoryName}`];
  ctx.world.store.changed();
  return { repository: _render(repo) };
}

function describeImages(input: Record<string, unknown>, ctx: AwsContext) {
  const repo = _require(ctx, requiredString(input, "repositoryName"));
  const wanted = optionalObjects(input, "imageIds") ?? [];
  if (wanted.length > 0) {
    const id = wanted[0];
    throw new AwsError(
      "ImageNotFoundException",
      `The image with imageId {imageDigest:'${id.imageDigest ?? "null"}', imageTag:'${
        id.imageTag ?? "null"
      }'} does not exist within the repository with name '${repo.repositoryName}' in the registry with id '${ctx.accountId}'`,
    );
  }
  return { imageDetails: [] };
}

function getAuthorizationToken(_input: Record<string, unknown>, ctx: AwsContext) {
  const password = encodeBytes(crypto.getRandomValues(new Uint8Array(32)));
  const token = encodeBytes(new TextEncoder().encode(`AWS:${password}`));
  return {
    authorizationData: [{
      authorizationToken: token,
      expiresAt: epochSeconds(Date.now() + 12 * 3600 * 1000),
      proxyEndpoint: `https://${_registryHost(ctx)}`,
    }],
  };
}

export const ecrService: JsonService<AwsContext> = {
  targetPrefix: "AmazonEC2ContainerRegistry_V20150921",
  namespace: "com.amazonaws.ecr",
  operations: {
    CreateRepository: createRepository,
    DescribeRepositories: describeRepositories,
    DeleteRepository: deleteRepository,
    DescribeImages: describeImages,
    GetAuthorizationToken: getAuthorizationToken,
  },
};
