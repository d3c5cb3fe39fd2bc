import { describe, expect, it } from "vitest";
import { fromUtcField, toUtcField, utcDayBound } from "./utcField";

describe("UTC time fields", () => {
  it("show an API time to the minute", () => {
    expect(toUtcField("2027-01-31T08:15:42Z")).toBe("2027-01-31 08:15");
    expect(toUtcField(null)).toBe("");
  });
  it("read a day, or a day and a time, as the API's RFC 3339 time", () => {
    expect(fromUtcField("2027-01-31 08:15")).toBe("2027-01-31T08:15:00Z");
    expect(fromUtcField("2027-01-31T08:15")).toBe("2027-01-31T08:15:00Z");
    expect(fromUtcField(" 2027-01-31 ")).toBe("2027-01-31T00:00:00Z");
  });
  it("give nothing for an empty, partial or impossible time", () => {
    expect(fromUtcField("")).toBeNull();
    expect(fromUtcField("2027-01")).toBeNull();
    expect(fromUtcField("01/31/2027")).toBeNull();
    expect(fromUtcField("2027-13-01")).toBeNull();
  });
  it("give a date filter the first or last second of its day, or nothing", () => {
    expect(utcDayBound("2027-01-31", false)).toBe("2027-01-31T00:00:00Z");
    expect(utcDayBound("2027-01-31", true)).toBe("2027-01-31T23:59:59Z");
    expect(utcDayBound("", false)).toBeNull();
    expect(utcDayBound("2027-01", true)).toBeNull();
  });
});
