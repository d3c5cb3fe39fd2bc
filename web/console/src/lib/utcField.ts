// Times typed into the console's fields, in UTC like every time it shows: "2027-01-31" or
// "2027-01-31 08:15" (a "T" instead of the space too). Fields show what they read in the
// console's one format ("31 Jan 2027, 08:15 UTC"), so that nobody has to guess whether
// 01/02 is January or February, as a browser's own date picker would make them.

const typed = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d))?$/;

// An API time as a field shows it: "2027-01-31 08:15".
export function toUtcField(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : "";
}

// What a field holds as the API's RFC 3339 time ("2027-01-31T08:15:00Z"; a day alone is its
// first minute), or null for an empty field or anything that is not such a time.
export function fromUtcField(value: string): string | null {
  const m = typed.exec(value.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2] ?? "00:00"}:00Z`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

// A date field's day ("2027-01-31") as the RFC 3339 time that starts it or, with `end`, its
// last second, in UTC; null for anything but a whole date (the field cleared or half typed).
export function utcDayBound(day: string, end: boolean): string | null {
  const start = /^\d{4}-\d\d-\d\d$/.test(day.trim()) ? fromUtcField(day) : null;
  return start && end ? `${day.trim()}T23:59:59Z` : start;
}
