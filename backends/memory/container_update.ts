/**
 * `docker update` on the memory backend. The sandbox enforces no resource limits (no cgroups),
 * so any resource the request really sets is refused with a 501 naming the field; the restart
 * policy is validated with moby's rules and stored (inspect shows it), and the reply warns that
 * this backend does not act on it yet.
 *
 * @module
 */
import type { RestartPolicy } from "../core/container_types.ts";
import { InvalidParameter, NotImplemented } from "../core/errors.ts";
import type { ContainerUpdateBody } from "../core/protocol_container_fs.ts";
import type { MemoryBackendState } from "./state.ts";

const POLICIES = ["", "no", "always", "unless-stopped", "on-failure"];

export const RESTART_POLICY_WARNING =
  "memory backend: the restart policy is stored but not applied: containers are not restarted " +
  "when they exit";

/** True when a field of the update body asks for something (the CLI sends zeros for the rest). */
function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === 0 || value === "" || value === false) {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.values(value as object).some(isSet);
  return true;
}

/** moby's `validateRestartPolicy`. */
export function checkRestartPolicy(policy: { Name?: string; MaximumRetryCount?: number }): void {
  const name = policy.Name ?? "";
  const count = policy.MaximumRetryCount ?? 0;
  if (!POLICIES.includes(name)) {
    throw new InvalidParameter(
      `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', ` +
        "'on-failure', or 'unless-stopped'",
    );
  }
  if (name === "on-failure" && count < 0) {
    throw new InvalidParameter("invalid restart policy: maximum retry count cannot be negative");
  }
  if (name !== "on-failure" && count !== 0) {
    throw new InvalidParameter(
      "invalid restart policy: maximum retry count can only be used with 'on-failure'",
    );
  }
}

/** `POST /containers/{id}/update`. */
export function updateContainer(
  state: MemoryBackendState,
  id: string,
  body: ContainerUpdateBody,
): { Warnings: string[] } {
  const c = state.containers.get(id);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidParameter("update config must be a JSON object");
  }
  const { RestartPolicy: policy, ...resources } = body;
  for (const [field, value] of Object.entries(resources)) {
    if (isSet(value)) {
      throw new NotImplemented(
        `memory backend: ${field} cannot be updated: the sandbox enforces no resource limits`,
      );
    }
  }
  const warnings: string[] = [];
  if (policy?.Name) {
    checkRestartPolicy(policy);
    if (policy.Name !== "no" && c.hostConfig.AutoRemove) {
      throw new InvalidParameter(
        `Cannot update container ${c.id}: Restart policy cannot be updated because AutoRemove ` +
          "is enabled for the container",
      );
    }
    c.hostConfig.RestartPolicy = {
      Name: policy.Name as RestartPolicy["Name"],
      MaximumRetryCount: policy.MaximumRetryCount ?? 0,
    };
    if (policy.Name !== "no") warnings.push(RESTART_POLICY_WARNING);
  }
  state.events.publish("container", "update", { ID: c.id, Attributes: c.eventAttributes() });
  return { Warnings: warnings };
}
