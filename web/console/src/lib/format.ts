// How the console shows times and counts.

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

// "1 Jan 2027, 00:00 UTC", or the placeholder for no time at all.
export function formatTime(iso: string | null | undefined, none = "—"): string {
  if (!iso) return none;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return none;
  return `${dateTime.format(t)} UTC`;
}

// The same for Unix seconds, as the files a machine writes give times (a fingerprint request,
// a deactivation proof).
export function formatUnixTime(seconds: number): string {
  return formatTime(new Date(seconds * 1000).toISOString());
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

// "14 Jun 2027": the day of `iso`, in UTC.
export function formatDay(iso: string): string {
  return day.format(new Date(iso));
}

// "in 3 days", "2 hours ago": how far `iso` is from `now`.
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, "second");
}

// "Customer admin" for "customer_admin".
export function humanize(name: string): string {
  const spaced = name.replaceAll("_", " ").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
