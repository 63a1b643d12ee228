/**
 * `docker update` on the memory backend. The sandbox enforces no resource limits (no cgroups),
 * so any resource the request really sets is refused with a 501 naming the field; the restart
 * policy is validated with moby's rules and replaces the container's, so its next exit follows
 * the new policy.
 *
 * @module
 */
import type { RestartPolicy } from "../core/container_types.ts";
import { InvalidParameter, NotImplemented } from "../core/errors.ts";
import { checkRestartPolicy } from "./restart_policy.ts";
import type { ContainerUpdateBody } from "../core/protocol_container_fs.ts";
import type { MemoryBackendState } from "./state.ts";

/** True when a field of the update body asks for something (the CLI sends zeros for the rest). */
function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === 0 || value === "" || value === false) {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.values(value as object).some(isSet);
  return true;
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
  if (policy?.Name) {
    const RestartPolicy = {
      Name: policy.Name as RestartPolicy["Name"],
      MaximumRetryCount: policy.MaximumRetryCount ?? 0,
    };
    checkRestartPolicy({ RestartPolicy, AutoRemove: false });
    if (policy.Name !== "no" && c.hostConfig.AutoRemove) {
      throw new InvalidParameter(
        `Cannot update container ${c.id}: Restart policy cannot be updated because AutoRemove ` +
          "is enabled for the container",
      );
    }
    // Read at the container's next exit by the restart manager, as moby's UpdateMonitor does.
    c.hostConfig.RestartPolicy = RestartPolicy;
  }
  state.events.publish("container", "update", { ID: c.id, Attributes: c.eventAttributes() });
  return { Warnings: [] };
}
