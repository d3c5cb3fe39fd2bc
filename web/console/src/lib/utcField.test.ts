import { describe, expect, it } from "vitest";
import { fromUtcField, toUtcField, utcDayBound } from "./utcField";

describe("UTC time fields", () => {
  it("show an API time to the minute", () => {
    expect(toUtcField("2027-01-31T08:15:42Z")).toBe("2027-01-31T08:15");
    expect(toUtcField(null)).toBe("");
  });
  it("give the API an RFC 3339 time, or nothing for an empty or partial field", () => {
    expect(fromUtcField("2027-01-31T08:15")).toBe("2027-01-31T08:15:00Z");
    expect(fromUtcField("")).toBeNull();
    expect(fromUtcField("2027-01-31")).toBeNull();
  });
  it("give a date filter the first or last second of its day, or nothing", () => {
    expect(utcDayBound("2027-01-31", false)).toBe("2027-01-31T00:00:00Z");
    expect(utcDayBound("2027-01-31", true)).toBe("2027-01-31T23:59:59Z");
    expect(utcDayBound("", false)).toBeNull();
    expect(utcDayBound("2027-01", true)).toBeNull();
  });
});
