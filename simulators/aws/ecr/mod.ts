/**
 * The ECR service of the AWS simulator: the control API (awsJson1_1, target prefix
 * `AmazonEC2ContainerRegistry_V20150921`) and the registry itself, the OCI distribution API on
 * the simulator's port under `/v2/`, where images are really pushed and pulled.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { JsonService } from "../wire/json_protocol.ts";
import { getAccountSetting, putAccountSetting } from "./account_settings.ts";
import { issuePassword, TOKEN_LIFETIME_MS } from "./auth_token.ts";
import { batchDeleteImage, batchGetImage, describeImages, listImages } from "./image_operations.ts";
import {
  createRepository,
  deleteRepository,
  describeRepositories,
  registryHost,
} from "./repositories.ts";

export { isRegistryPath, serveRegistry } from "./registry_routes.ts";

/**
 * A token for the registry of the caller's region. `proxyEndpoint` names ECR's host, as repository
 * URIs do; the simulator serves that registry on its own endpoint.
 */
async function getAuthorizationToken(_input: Record<string, unknown>, ctx: AwsContext) {
  const expiresAt = Date.now() + TOKEN_LIFETIME_MS;
  const password = await issuePassword(ctx.world, ctx.region, expiresAt);
  return {
    authorizationData: [{
      authorizationToken: btoa(`AWS:${password}`),
      expiresAt: expiresAt / 1000,
      proxyEndpoint: `https://${registryHost(ctx)}`,
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
    ListImages: listImages,
    BatchGetImage: batchGetImage,
    BatchDeleteImage: batchDeleteImage,
    GetAuthorizationToken: getAuthorizationToken,
    GetAccountSetting: getAccountSetting,
    PutAccountSetting: putAccountSetting,
  },
};
