/**
 * The volume calls on the memory backend: create, list (filters dangling, driver, label, name),
 * inspect, remove (409 while in use) and prune (anonymous volumes unless `all=true`).
 *
 * @module
 */
import { NotFound } from "../core/errors.ts";
import {
  checkFilterKeys,
  exactMatch,
  type Filters,
  fuzzyMatch,
  labelsMatch,
} from "../core/filters.ts";
import { InvalidParameter } from "../core/errors.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import { ANONYMOUS_VOLUME_LABEL, type Volume } from "../core/protocol_volumes.ts";
import { containersUsing } from "./mounts.ts";
import type { MemoryBackendState } from "./state.ts";
import { volumeInUse, volumesOf } from "./volume_store.ts";

const LIST_FILTERS = ["dangling", "driver", "label", "name"];
const PRUNE_FILTERS = ["label", "label!", "all"];

function boolFilter(filters: Filters, key: string): boolean | undefined {
  const values = filters[key];
  if (!values?.length) return undefined;
  const value = values[values.length - 1].toLowerCase();
  if (["1", "true"].includes(value)) return true;
  if (["0", "false"].includes(value)) return false;
  throw new InvalidParameter(`invalid filter '${key}=${values[values.length - 1]}'`);
}

function publish(state: MemoryBackendState, action: string, v: Volume, extra = {}) {
  state.events.publish("volume", action, {
    ID: v.Name,
    Attributes: { driver: v.Driver, ...extra },
  });
}

type VolumeCallNames =
  | "volume.create"
  | "volume.list"
  | "volume.inspect"
  | "volume.remove"
  | "volume.prune";

export function volumeHandlers(
  state: MemoryBackendState,
): Pick<BackendHandlers, VolumeCallNames> {
  return {
    async "volume.create"({ body }) {
      const { volume, created } = await (await volumesOf(state)).create(body ?? {});
      if (created) publish(state, "create", volume);
      return volume;
    },
    async "volume.list"({ filters }) {
      checkFilterKeys(filters, LIST_FILTERS);
      const dangling = boolFilter(filters, "dangling");
      const volumes = (await volumesOf(state)).all().filter((v) =>
        fuzzyMatch(filters, "name", v.Name) && exactMatch(filters, "driver", v.Driver) &&
        labelsMatch(filters, "label", v.Labels) &&
        (dangling === undefined || dangling === (containersUsing(state, v.Name).length === 0))
      );
      return { Volumes: volumes, Warnings: [] };
    },
    async "volume.inspect"({ name }) {
      return (await volumesOf(state)).get(name);
    },
    async "volume.remove"({ name, force }) {
      const volumes = await volumesOf(state);
      if (!volumes.has(name)) {
        if (force) return;
        throw new NotFound(`get ${name}: no such volume`);
      }
      const users = containersUsing(state, name);
      if (users.length) throw volumeInUse(name, users);
      const volume = volumes.get(name);
      await volumes.remove(name);
      publish(state, "destroy", volume);
    },
    async "volume.prune"({ filters }) {
      checkFilterKeys(filters, PRUNE_FILTERS);
      const all = boolFilter(filters, "all") ?? false;
      const volumes = await volumesOf(state);
      const deleted: string[] = [];
      let reclaimed = 0;
      for (const v of volumes.all()) {
        if (!all && !(ANONYMOUS_VOLUME_LABEL in v.Labels)) continue;
        if (!labelsMatch(filters, "label", v.Labels)) continue;
        if (filters["label!"]?.length && labelsMatch({ l: filters["label!"] }, "l", v.Labels)) {
          continue;
        }
        if (containersUsing(state, v.Name).length) continue;
        reclaimed += await volumes.size(v.Name);
        await volumes.remove(v.Name);
        publish(state, "destroy", v);
        deleted.push(v.Name);
      }
      state.events.publish("volume", "prune", {
        ID: "",
        Attributes: { reclaimed: String(reclaimed) },
      });
      return { VolumesDeleted: deleted, SpaceReclaimed: reclaimed };
    },
  };
}
