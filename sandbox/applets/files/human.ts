/**
 * Human-readable sizes as busybox's make_human_readable_str prints them: one decimal below 10,
 * none above, with K/M/G/T suffixes in powers of 1024.
 *
 * @module
 */

export function humanSize(bytes: number, unit = 1): string {
  let value = bytes * unit;
  const suffixes = ["", "K", "M", "G", "T", "P"];
  let i = 0;
  while (value >= 1024 && i < suffixes.length - 1) {
    value /= 1024;
    i++;
  }
  if (i === 0) return String(Math.round(value));
  const text = value < 10 ? (Math.round(value * 10) / 10).toFixed(1) : String(Math.round(value));
  return text + suffixes[i];
}
