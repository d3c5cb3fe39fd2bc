// Each status's one colour, by what it is the status of: badges and charts take it from here,
// so a status reads the same on every page (IN_USE is green in the card list and in the pie).
// The names are Mantine's colours; `swatch` gives the colour a filled badge shows (styles.css
// darkens some for contrast), for charts.
import type { Schemas } from "../api/client";

export const statusColors = {
  license: { ACTIVE: "teal", SUSPENDED: "orange", REVOKED: "red", EXPIRED: "gray" },
  card: {
    UNUSED: "gray",
    INACTIVE: "yellow",
    IN_USE: "teal",
    DEACTIVATED: "orange",
    EXPIRED: "red",
  },
  certificate: { UNUSED: "gray", ACTIVATED: "teal", EXPIRED: "red" },
  platform: { ACTIVE: "teal", EXPIRED: "red" },
  machine: { ALIVE: "teal", DEAD: "gray" },
  delivery: { PENDING: "yellow", DELIVERED: "teal", FAILED: "red" },
} as const satisfies {
  license: Record<Schemas["License"]["status"], string>;
  card: Record<Schemas["Card"]["status"], string>;
  certificate: Record<Schemas["RegistryCertificate"]["status"], string>;
  platform: Record<Schemas["RegistryPlatform"]["state"], string>;
  machine: Record<Schemas["Activation"]["state"], string>;
  delivery: Record<Schemas["WebhookDelivery"]["state"], string>;
};

export type StatusKind = keyof typeof statusColors;

export function colorOf(kind: StatusKind, status: string): string {
  return (statusColors[kind] as Record<string, string>)[status] ?? "gray";
}

export function swatch(color: string): string {
  return `var(--mantine-color-${color}-filled)`;
}
