/**
 * ECR account settings (GetAccountSetting, PutAccountSetting), per region. The simulator acts on
 * one: BLOB_MOUNTING (default DISABLED), which lets the registry mount a blob from another
 * repository instead of receiving it again.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import { AwsError } from "../wire/errors.ts";
import { requiredString } from "../wire/input.ts";

const SETTINGS: Record<string, { default: string; values: string[] }> = {
  BLOB_MOUNTING: { default: "DISABLED", values: ["ENABLED", "DISABLED"] },
};

function _setting(input: Record<string, unknown>) {
  const name = requiredString(input, "name");
  const setting = SETTINGS[name];
  if (!Object.hasOwn(SETTINGS, name)) {
    throw new AwsError(
      "ValidationException",
      `The simulator's ECR knows only the account setting ${
        Object.keys(SETTINGS).join(", ")
      }, not ${name}`,
    );
  }
  return { name, setting };
}

export function getAccountSetting(input: Record<string, unknown>, ctx: AwsContext) {
  const { name, setting } = _setting(input);
  return {
    name,
    value: ctx.world.state.ecrAccountSettings[`${ctx.region}/${name}`] ?? setting.default,
  };
}

export function putAccountSetting(input: Record<string, unknown>, ctx: AwsContext) {
  const { name, setting } = _setting(input);
  const value = requiredString(input, "value");
  if (!setting.values.includes(value)) {
    throw new AwsError(
      "ValidationException",
      `Valid values for ${name} are ${setting.values.join(", ")}, not ${value}`,
    );
  }
  ctx.world.state.ecrAccountSettings[`${ctx.region}/${name}`] = value;
  ctx.world.store.changed();
  return { name, value };
}
