import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { validityChange } from "./validityChange";

const license = {
  validity_basis: "FROM_CREATION",
  created_at: "2027-01-01T00:00:00Z",
  first_activated_at: null,
  expires_at: "2027-01-08T00:00:00Z",
  duration_days: 7,
} as Schemas["License"];

describe("a license's new validity", () => {
  it("counts a duration from the license's start, as seed 003's 7 days to a year", () => {
    expect(validityChange(license, { kind: "for", count: 1, unit: "years" })).toEqual({
      changes: { duration_days: 365 },
      expires: "2028-01-01T00:00:00Z",
    });
  });
  it("extends the current end", () => {
    expect(validityChange(license, { kind: "extend", count: 30, unit: "days" })).toEqual({
      changes: { expires_at: "2027-02-07T00:00:00Z" },
      expires: "2027-02-07T00:00:00Z",
    });
  });
  it("sets an end, or none", () => {
    expect(validityChange(license, { kind: "until", time: "2027-06-30 12:00" })).toEqual({
      changes: { expires_at: "2027-06-30T12:00:00Z" },
      expires: "2027-06-30T12:00:00Z",
    });
    expect(validityChange(license, { kind: "never" })).toEqual({
      changes: { duration_days: null, expires_at: null },
      expires: null,
    });
  });
  it("waits for a first activation that has not come", () => {
    const later = { ...license, validity_basis: "FROM_FIRST_ACTIVATION" } as Schemas["License"];
    expect(validityChange(later, { kind: "for", count: 10, unit: "days" })).toEqual({
      changes: { duration_days: 10 },
      expires: "at-first-activation",
    });
  });
  it("says what is wrong instead of sending it", () => {
    expect(validityChange(license, { kind: "until", time: "31/01/2027" })).toHaveProperty("error");
    expect(validityChange(license, { kind: "for", count: 0, unit: "days" })).toHaveProperty(
      "error",
    );
    const perpetual = { ...license, expires_at: null } as Schemas["License"];
    expect(validityChange(perpetual, { kind: "extend", count: 1, unit: "days" })).toEqual({
      error: "The license never expires: nothing to extend",
    });
  });
});
