// A time as the value of a datetime-local field read as UTC ("2027-01-31T00:00"), and back to
// the API's RFC 3339 ("2027-01-31T00:00:00Z"). The console shows every time in UTC, so the
// field means the same to everyone whatever the browser's zone.
export function toUtcField(iso: string | null): string {
  return iso ? iso.slice(0, 16) : "";
}

export function fromUtcField(value: string): string | null {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}:00Z` : null;
}

// A date field's day ("2027-01-31") as the RFC 3339 time that starts it or, with `end`, its
// last second, in UTC; null for anything but a whole date (the field cleared or half typed).
export function utcDayBound(day: string, end: boolean): string | null {
  return /^\d{4}-\d\d-\d\d$/.test(day) ? `${day}T${end ? "23:59:59" : "00:00:00"}Z` : null;
}
