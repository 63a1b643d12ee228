/**
 * The ecs backend's public face: containers as ECS Fargate tasks, found through tags.
 *
 * @module
 */
export { createEcsBackend, type EcsBackendOptions } from "./backend.ts";
