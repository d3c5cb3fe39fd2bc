import { describe, expect, it } from "vitest";
import { formatRestrictions, parseRestrictions } from "./restrictions";

describe("parseRestrictions", () => {
  it("reads one restriction a line, values split by commas", () => {
    expect(parseRestrictions("regions: eu-west, us-east\n\n editions:enterprise \n")).toEqual({
      restrictions: { regions: ["eu-west", "us-east"], editions: ["enterprise"] },
    });
  });
  it("allows a restriction with no values and an empty text", () => {
    expect(parseRestrictions("regions:")).toEqual({ restrictions: { regions: [] } });
    expect(parseRestrictions("  \n")).toEqual({ restrictions: {} });
  });
  it("names the line that is not a restriction", () => {
    expect(parseRestrictions("regions: eu\nenterprise")).toEqual({
      error: 'line 2: write it as "name: value, value"',
    });
    expect(parseRestrictions(": eu")).toEqual({
      error: 'line 1: write it as "name: value, value"',
    });
    expect(parseRestrictions("a: 1\na: 2")).toEqual({ error: 'line 2: "a" is already given' });
  });
  it("formats what it reads back to the same text", () => {
    const text = "regions: eu-west, us-east\neditions: enterprise";
    const parsed = parseRestrictions(text);
    expect("restrictions" in parsed && formatRestrictions(parsed.restrictions)).toBe(text);
  });
});
