/**
 * Assignment words (`x=v`, `x+=v`, `a[i]=v`, `a=(x y)`): expanded once, then applied, so
 * tracing (`set -x`) and temporary assignments never run a command substitution twice.
 *
 * @module
 */
import type { Assign } from "./ast.ts";
import { expandFields, expandString } from "./expand.ts";
import type { Shell } from "./shell.ts";

/** An assignment with its value expanded. */
export interface ExpandedAssign {
  name: string;
  append: boolean;
  /** `local x`, `export x`: a name without a value. */
  naked: boolean;
  value: string;
  /** `a[i]=v` */
  index?: number;
  /** `a=(x [3]=y)`: plain elements, then explicitly indexed ones. */
  array?: { values: string[]; indexed: [number, string][] };
}

export async function expandAssign(sh: Shell, assign: Assign): Promise<ExpandedAssign> {
  const name = assign.Name!.Value;
  const base = { name, append: assign.Append, naked: assign.Naked, value: "" };
  if (assign.Array) {
    const values: string[] = [];
    const indexed: [number, string][] = [];
    for (const elem of assign.Array.Elems) {
      if (elem.Index) {
        indexed.push([await sh.index(elem.Index), await expandString(sh, elem.Value)]);
      } else if (elem.Value) values.push(...await expandFields(sh, [elem.Value]));
    }
    return { ...base, array: { values, indexed } };
  }
  const value = await expandString(sh, assign.Value);
  if (assign.Index) return { ...base, value, index: await sh.index(assign.Index) };
  return { ...base, value };
}

export function applyExpanded(sh: Shell, a: ExpandedAssign): void {
  if (a.array) {
    const old = sh.vars.get(a.name)?.value;
    const base = a.append ? (Array.isArray(old) ? [...old] : old === undefined ? [] : [old]) : [];
    base.push(...a.array.values);
    for (const [i, v] of a.array.indexed) base[i] = v;
    sh.vars.set(a.name, base, { export: sh.options.has("a") });
    return;
  }
  if (a.index !== undefined) {
    const old = sh.vars.get(a.name)?.value;
    const current = Array.isArray(old) ? old[a.index] : a.index === 0 ? old : undefined;
    sh.vars.setIndex(a.name, a.index, a.append ? (current ?? "") + a.value : a.value);
    return;
  }
  if (a.naked) return;
  sh.assign(a.name, a.append ? (sh.vars.value(a.name) ?? "") + a.value : a.value);
}

/** Performs one assignment word. */
export async function applyAssign(sh: Shell, assign: Assign): Promise<void> {
  applyExpanded(sh, await expandAssign(sh, assign));
}
