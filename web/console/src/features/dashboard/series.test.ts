import { describe, expect, it } from "vitest";
import { niceMax, seriesByResult, total, type Day } from "./series";

const days: Day[] = [
  { date: "2027-01-01", activations: { CREATED: 2 }, validations: { VALID: 5, EXPIRED: 1 } },
  { date: "2027-01-02", activations: {}, validations: { VALID: 3, ODD_NEW_CODE: 1 } },
];

describe("daily counts as series", () => {
  it("makes one series per result, known results first, zeros where a day had none", () => {
    const { dates, series } = seriesByResult(days, "validations");
    expect(dates).toEqual(["2027-01-01", "2027-01-02"]);
    expect(series.map((s) => s.result)).toEqual(["VALID", "EXPIRED", "ODD_NEW_CODE"]);
    expect(series[1]!.counts).toEqual([1, 0]);
    expect(series[0]!.color).toBe("#2f9e44");
  });
  it("sums a kind over the range", () => {
    expect(total(days, "validations")).toBe(10);
    expect(total(days, "activations")).toBe(2);
  });
});

describe("the chart's scale", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(101)).toBe(200);
    expect(niceMax(100)).toBe(100);
    expect(niceMax(5001)).toBe(10000);
  });
});
