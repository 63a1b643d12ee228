/**
 * ECR repositories (CreateRepository, DescribeRepositories, DeleteRepository) and the lookup every
 * other ECR operation starts from. Repositories are regional: keyed `region/name`.
 *
 * @module
 */
import { type AwsContext, epochSeconds } from "../context.ts";
import type { Repository } from "../state/model.ts";
import { AwsError, invalidParameter } from "../wire/errors.ts";
import {
  optionalObjects,
  optionalString,
  optionalStrings,
  page,
  requiredString,
} from "../wire/input.ts";
import { BlobStore } from "./blob_store.ts";
import { REPOSITORY_NAME } from "./registry_request.ts";

/** The registry host ECR names repositories by (`<account>.dkr.ecr.<region>.amazonaws.com`). */
export function registryHost(ctx: AwsContext): string {
  return `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com`;
}

/** The repository `name` in the caller's region, or RepositoryNotFoundException. */
export function requireRepository(ctx: AwsContext, name: string): Repository {
  const repo = ctx.world.state.repositories[`${ctx.region}/${name}`];
  if (!repo) {
    throw new AwsError(
      "RepositoryNotFoundException",
      `The repository with name '${name}' does not exist in the registry with id '${ctx.accountId}'`,
    );
  }
  return repo;
}

export function createRepository(input: Record<string, unknown>, ctx: AwsContext) {
  const name = requiredString(input, "repositoryName");
  if (!REPOSITORY_NAME.test(name) || name.length > 256) {
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
    repositoryUri: `${registryHost(ctx)}/${name}`,
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

export function describeRepositories(input: Record<string, unknown>, ctx: AwsContext) {
  const names = optionalStrings(input, "repositoryNames");
  const repos = names
    ? names.map((n) => requireRepository(ctx, n))
    : Object.entries(ctx.world.state.repositories).filter(([k]) => k.startsWith(`${ctx.region}/`))
      .map(([, r]) => r);
  const { items, nextToken } = page(
    repos,
    optionalString(input, "nextToken"),
    input.maxResults as number | undefined,
  );
  return { repositories: items.map(_render), nextToken };
}

/** Deletes a repository; one that still holds images only with `force`, as ECR. */
export async function deleteRepository(input: Record<string, unknown>, ctx: AwsContext) {
  const repo = requireRepository(ctx, requiredString(input, "repositoryName"));
  const key = `${ctx.region}/${repo.repositoryName}`;
  const state = ctx.world.state;
  const images = Object.keys(state.repositoryContents[key]?.images ?? {}).length;
  if (images > 0 && input.force !== true) {
    throw new AwsError(
      "RepositoryNotEmptyException",
      `The repository with name '${repo.repositoryName}' in registry with id '${ctx.accountId}' cannot be deleted because it still contains images`,
    );
  }
  delete state.repositories[key];
  delete state.repositoryContents[key];
  ctx.world.store.changed();
  // Blobs no remaining repository links are garbage now.
  await BlobStore.of(ctx.world).prune((digest) =>
    Object.values(state.repositoryContents).some((c) => c.layers[digest] !== undefined)
  );
  return { repository: _render(repo) };
}
