/**
 * Shell variables with dynamic scoping: `local` saves the caller's binding in the current
 * function frame and the frame restores it on return, as ash and bash do.
 *
 * @module
 */

export interface Variable {
  /** A scalar, or an indexed array (holes are unset elements). */
  value: string | (string | undefined)[];
  exported?: boolean;
  readonly?: boolean;
}

/** Assigning a readonly variable: the shell reports it and the command fails. */
export class ReadonlyError extends Error {
  constructor(readonly variable: string) {
    super(`${variable}: is read only`);
  }
}

export class Variables {
  readonly map: Map<string, Variable>;
  readonly frames: Map<string, Variable | undefined>[] = [];
  /** Names exported before they were set (`export X; X=1`): the first assignment exports. */
  readonly exportedUnset: Set<string>;

  constructor(map = new Map<string, Variable>(), exportedUnset = new Set<string>()) {
    this.map = map;
    this.exportedUnset = exportedUnset;
  }

  /** A copy for a subshell: later changes on either side stay on that side. */
  clone(): Variables {
    const copy = new Map<string, Variable>();
    for (const [k, v] of this.map) {
      copy.set(k, { ...v, value: Array.isArray(v.value) ? [...v.value] : v.value });
    }
    return new Variables(copy, new Set(this.exportedUnset));
  }

  get(name: string): Variable | undefined {
    return this.map.get(name);
  }

  /** The scalar value (element 0 of an array), or undefined when unset. */
  value(name: string): string | undefined {
    const v = this.map.get(name);
    if (!v) return undefined;
    return Array.isArray(v.value) ? v.value[0] : v.value;
  }

  set(name: string, value: string | (string | undefined)[], options: { export?: boolean } = {}) {
    const v = this.map.get(name);
    if (v?.readonly) throw new ReadonlyError(name);
    if (v) {
      v.value = value;
      if (options.export) v.exported = true;
    } else {
      const exported = options.export || this.exportedUnset.delete(name);
      this.map.set(name, { value, exported });
    }
  }

  setIndex(name: string, index: number, value: string) {
    const v = this.map.get(name);
    if (v?.readonly) throw new ReadonlyError(name);
    const array = v ? (Array.isArray(v.value) ? v.value : [v.value]) : [];
    array[index] = value;
    if (v) v.value = array;
    else this.map.set(name, { value: array });
  }

  unset(name: string) {
    const v = this.map.get(name);
    if (v?.readonly) throw new ReadonlyError(name);
    this.map.delete(name);
    this.exportedUnset.delete(name);
  }

  /** Makes `name` local to the innermost function call. */
  local(name: string) {
    const frame = this.frames.at(-1);
    if (!frame) throw new Error("local: not in a function");
    if (!frame.has(name)) {
      const v = this.map.get(name);
      frame.set(name, v ? { ...v } : undefined);
    }
  }

  pushFrame() {
    this.frames.push(new Map());
  }

  popFrame() {
    const frame = this.frames.pop();
    if (!frame) return;
    for (const [name, saved] of frame) {
      if (saved) this.map.set(name, saved);
      else this.map.delete(name);
    }
  }

  /** The environment exported to commands. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.map) {
      if (!v.exported) continue;
      const value = Array.isArray(v.value) ? v.value[0] : v.value;
      if (value !== undefined) env[k] = value;
    }
    return env;
  }
}
