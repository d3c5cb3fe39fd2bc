// The daily counts as chart series: one per result, in a fixed order and colour, so that the
// same result looks the same on every chart.
export interface Day {
  date: string;
  activations: Record<string, number>;
  validations: Record<string, number>;
}

const palette: Record<string, string> = {
  VALID: "#2f9e44",
  CREATED: "#2f9e44",
  IN_GRACE_PERIOD: "#94d82d",
  REUSED: "#74c0fc",
  EXPIRED: "#f08c00",
  SUSPENDED: "#e8590c",
  REVOKED: "#c92a2a",
  NOT_FOUND: "#868e96",
  LICENSE_NOT_FOUND: "#868e96",
  NOT_ACTIVATED: "#7048e8",
  FINGERPRINT_MISMATCH: "#ae3ec9",
  HEARTBEAT_DEAD: "#495057",
  FEATURE_MISSING: "#1098ad",
  ACTIVATION_LIMIT_REACHED: "#e03131",
};
const fallback = ["#3b5bdb", "#0ca678", "#f76707", "#d6336c", "#5c940d"];

export function seriesByResult(days: Day[], kind: "activations" | "validations") {
  const results = [...new Set(days.flatMap((d) => Object.keys(d[kind])))].sort((a, b) => {
    const order = Object.keys(palette);
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  return {
    dates: days.map((d) => d.date),
    series: results.map((result, i) => ({
      result,
      color: palette[result] ?? fallback[i % fallback.length]!,
      counts: days.map((d) => d[kind][result] ?? 0),
    })),
  };
}

export function total(days: Day[], kind: "activations" | "validations"): number {
  return days.reduce((sum, d) => sum + Object.values(d[kind]).reduce((a, b) => a + b, 0), 0);
}

// The top of a chart's scale: the smallest of 1, 2 or 5 times a power of ten at or above `value`.
export function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}
