// Filters as they appear in a page's address and in API queries: only the fields set, in a
// stable order, so that the same filters always make the same address.

export type Filters = Record<string, string | number | boolean | null | undefined>;

export function toQuery(filters: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(filters).sort()) {
    const value = filters[key];
    if (value === undefined || value === null || value === "") continue;
    out[key] = String(value);
  }
  return out;
}

export function toSearch(filters: Filters): string {
  const query = new URLSearchParams(toQuery(filters)).toString();
  return query ? `?${query}` : "";
}

export function fromSearch(search: string, keys: readonly string[]): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}
