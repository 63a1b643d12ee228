/** What every resolver receives: the hub and the authenticated viewer. */
import type { Hub } from "../hub.ts";
import type { UserRow } from "../store/users.ts";
import type { RateState } from "../rate_limit.ts";

export interface GqlContext {
  hub: Hub;
  viewer: UserRow;
  scopes: string[];
  /** The caller's GraphQL budget after this request was counted. */
  rate: RateState;
}

/** GraphQL enum spelling of a lower-case REST value: "not_planned" → "NOT_PLANNED". */
export const enumOf = (v: string | null | undefined) => v ? v.toUpperCase() : null;
