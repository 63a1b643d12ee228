/**
 * The lambda backend's public face: containers as image-package Lambda functions, found through
 * tags, with exec through the agent each function dials back.
 *
 * @module
 */
export { createLambdaBackend, type LambdaBackendOptions } from "./backend.ts";
export { type LambdaAccess, lambdaAccessFromEnv } from "./cloud.ts";
