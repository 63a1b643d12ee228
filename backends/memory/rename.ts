/**
 * `docker rename` on the memory backend.
 *
 * @module
 */
import { Conflict, InvalidParameter } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import type { MemoryBackendState } from "./state.ts";

export function renameContainer(state: MemoryBackendState, id: string, raw: string): void {
  if (!raw) throw new InvalidParameter("Neither old nor new names may be empty");
  const name = checkName(raw);
  const c = state.containers.get(id);
  if (c.name === name) {
    throw new Conflict(`Renaming a container with the same name as its current name`);
  }
  const holder = state.containers.byName(name);
  if (holder) {
    throw new Conflict(
      `Conflict. The container name "/${name}" is already in use by container "${holder.id}". ` +
        "You have to remove (or rename) that container to be able to reuse that name.",
    );
  }
  const oldName = c.name;
  c.name = name;
  state.events.publish("container", "rename", {
    ID: c.id,
    Attributes: c.eventAttributes({ oldName: `/${oldName}` }),
  });
}
