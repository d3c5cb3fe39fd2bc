// What an edit of a license's validity sends, and the expiry it leads to, so the dialog can show
// the new end before it is saved (seed 003: "update validity from 7 days to 1 year").
import type { Schemas } from "../api/client";
import { fromUtcField } from "./utcField";

type License = Schemas["License"];
type Changes = Schemas["LicenseChanges"];

const kDay = 86_400_000;

export type Unit = "days" | "years";
export const daysIn: Record<Unit, number> = { days: 1, years: 365 };

export type ValidityChoice =
  | { kind: "keep" }
  // Valid for a duration counted from the license's start, as its policy would count it.
  | { kind: "for"; count: number; unit: Unit }
  // The current end pushed later by a duration.
  | { kind: "extend"; count: number; unit: Unit }
  | { kind: "until"; time: string }
  | { kind: "never" };

// The new expiry: an RFC 3339 time, null for never, or "at-first-activation" while the
// license's validity has not started (it counts from a first activation yet to come).
export type Outcome =
  | { changes: Pick<Changes, "duration_days" | "expires_at">; expires: string | null }
  | { changes: Pick<Changes, "duration_days">; expires: "at-first-activation" }
  | { error: string };

// When the license's validity counts from: its issue, or its first activation.
export function validityStart(license: License): string | null {
  return license.validity_basis === "FROM_FIRST_ACTIVATION"
    ? license.first_activated_at
    : license.created_at;
}

function plusDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * kDay).toISOString().replace(".000Z", "Z");
}

export function validityChange(license: License, choice: ValidityChoice): Outcome {
  switch (choice.kind) {
    case "keep":
      return { changes: {}, expires: license.expires_at };
    case "never":
      return { changes: { duration_days: null, expires_at: null }, expires: null };
    case "until": {
      const time = fromUtcField(choice.time);
      if (!time) return { error: "Write the end as 2027-01-31, or 2027-01-31 08:15 (UTC)" };
      return { changes: { expires_at: time }, expires: time };
    }
    case "for":
    case "extend": {
      const days = choice.count * daysIn[choice.unit];
      if (!Number.isInteger(choice.count) || choice.count < 1) {
        return { error: "Give a whole number of days or years, at least 1" };
      }
      if (choice.kind === "extend") {
        if (!license.expires_at) return { error: "The license never expires: nothing to extend" };
        return {
          changes: { expires_at: plusDays(license.expires_at, days) },
          expires: plusDays(license.expires_at, days),
        };
      }
      const start = validityStart(license);
      if (!start) return { changes: { duration_days: days }, expires: "at-first-activation" };
      return { changes: { duration_days: days }, expires: plusDays(start, days) };
    }
  }
}
