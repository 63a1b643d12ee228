/**
 * Broken-down time and strftime in a time zone taken from $TZ: "UTC"/"UTC0"/unset is UTC, a
 * POSIX fixed offset ("EST5", "CET-1") is honoured, and an IANA name is resolved through Intl.
 * `date`, `ls -l`, `stat` and `tar -tv` share it.
 *
 * @module
 */

export interface Zone {
  name: string;
  /** Seconds east of UTC at the given instant. */
  offsetAt(ms: number): number;
}

export const UTC: Zone = { name: "UTC", offsetAt: () => 0 };

/** Interprets a $TZ value; undefined or "" is UTC (the sandbox has no /etc/localtime). */
export function zoneFromTZ(tz: string | undefined): Zone {
  if (!tz || /^:?(UTC|GMT|UCT|Zulu)0?$/i.test(tz)) return UTC;
  const posix = /^([A-Za-z]{3,})([-+]?)(\d{1,2})(?::(\d{2}))?$/.exec(tz);
  if (posix) {
    // POSIX offsets are west-positive: "EST5" is UTC-5.
    const seconds = Number(posix[3]) * 3600 + Number(posix[4] ?? 0) * 60;
    const east = posix[2] === "-" ? seconds : -seconds;
    return { name: posix[1], offsetAt: () => east };
  }
  try {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: tz.replace(/^:/, ""),
      timeZoneName: "short",
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    const zone: Zone = {
      name: tz,
      offsetAt(ms) {
        const parts = Object.fromEntries(
          format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
        );
        const local = Date.UTC(
          Number(parts.year),
          Number(parts.month) - 1,
          Number(parts.day),
          Number(parts.hour),
          Number(parts.minute),
          Number(parts.second),
        );
        return Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
      },
    };
    const label = format.formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value;
    if (label) zone.name = label;
    return zone;
  } catch {
    // An unknown zone behaves like glibc: UTC, with the given name as the abbreviation.
    return { name: tz.replace(/^:/, "").slice(0, 3) || "UTC", offsetAt: () => 0 };
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAYS_LONG = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const p2 = (n: number) => String(n).padStart(2, "0");
const s2 = (n: number) => String(n).padStart(2, " ");

function offsetText(seconds: number, colon: boolean): string {
  const sign = seconds < 0 ? "-" : "+";
  const abs = Math.abs(seconds);
  return `${sign}${p2(Math.floor(abs / 3600))}${colon ? ":" : ""}${p2(Math.floor(abs / 60) % 60)}`;
}

/** C strftime for the conversions busybox date supports; unknown ones are copied literally. */
export function strftime(ms: number, format: string, zone: Zone): string {
  const offset = zone.offsetAt(ms);
  const d = new Date(Math.floor(ms / 1000) * 1000 + offset * 1000);
  const Y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
  const H = d.getUTCHours(), M = d.getUTCMinutes(), S = d.getUTCSeconds(), w = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  const conv = (c: string): string | undefined => {
    switch (c) {
      case "a":
        return DAYS[w];
      case "A":
        return DAYS_LONG[w];
      case "b":
      case "h":
        return MONTHS[m];
      case "B":
        return MONTHS_LONG[m];
      case "c":
        return `${DAYS[w]} ${MONTHS[m]} ${s2(day)} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`;
      case "C":
        return p2(Math.floor(Y / 100));
      case "d":
        return p2(day);
      case "D":
        return `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
      case "e":
        return s2(day);
      case "F":
        return `${Y}-${p2(m + 1)}-${p2(day)}`;
      case "H":
        return p2(H);
      case "I":
        return p2(H % 12 === 0 ? 12 : H % 12);
      case "j":
        return String(yday).padStart(3, "0");
      case "k":
        return s2(H);
      case "l":
        return s2(H % 12 === 0 ? 12 : H % 12);
      case "m":
        return p2(m + 1);
      case "M":
        return p2(M);
      case "n":
        return "\n";
      case "p":
        return H < 12 ? "AM" : "PM";
      case "P":
        return H < 12 ? "am" : "pm";
      case "r":
        return `${p2(H % 12 === 0 ? 12 : H % 12)}:${p2(M)}:${p2(S)} ${H < 12 ? "AM" : "PM"}`;
      case "R":
        return `${p2(H)}:${p2(M)}`;
      case "s":
        return String(Math.floor(ms / 1000));
      case "S":
        return p2(S);
      case "t":
        return "\t";
      case "T":
        return `${p2(H)}:${p2(M)}:${p2(S)}`;
      case "u":
        return String(w === 0 ? 7 : w);
      case "w":
        return String(w);
      case "x":
        return `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
      case "X":
        return `${p2(H)}:${p2(M)}:${p2(S)}`;
      case "y":
        return p2(Y % 100);
      case "Y":
        return String(Y);
      case "z":
        return offsetText(offset, false);
      case "Z":
        return zone.name;
      case "%":
        return "%";
    }
    return undefined;
  };
  let out = "";
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%" || i + 1 >= format.length) {
      out += format[i];
      continue;
    }
    const value = conv(format[i + 1]);
    if (value === undefined) out += format[i] + format[i + 1];
    else out += value;
    i++;
  }
  return out;
}

/** "+00:00"-style offset for `date -Iseconds`. */
export function isoOffset(ms: number, zone: Zone): string {
  return offsetText(zone.offsetAt(ms), true);
}

/** `ls -l` style: "Nov 23 17:42" within six months of now, else "Nov 23  2025". */
export function lsTime(ms: number, nowMs: number, zone: Zone): string {
  const recent = nowMs - ms < 182.5 * 86400000 && ms - nowMs < 3600000;
  return strftime(ms, recent ? "%b %e %H:%M" : "%b %e  %Y", zone);
}
