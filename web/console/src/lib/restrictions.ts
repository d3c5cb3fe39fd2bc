// A module's usage restrictions as an operator types them, one per line:
//   regions: eu-west, us-east
//   editions: enterprise
// and back. Each restriction names the values the module may be used with.
export type Restrictions = Record<string, string[]>;

export function parseRestrictions(
  text: string,
): { restrictions: Restrictions } | { error: string } {
  const restrictions: Restrictions = {};
  for (const [n, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon < 0 ? "" : line.slice(0, colon).trim();
    if (!name) return { error: `line ${n + 1}: write it as "name: value, value"` };
    if (name in restrictions) return { error: `line ${n + 1}: "${name}" is already given` };
    restrictions[name] = line
      .slice(colon + 1)
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
  }
  return { restrictions };
}

export function formatRestrictions(restrictions: Restrictions): string {
  return Object.entries(restrictions)
    .map(([name, values]) => `${name}: ${values.join(", ")}`)
    .join("\n");
}
