import { describe, expect, it } from "vitest";
import { formatDay, formatTime, formatUnixTime, humanize, relativeTime } from "./format";

describe("formatDay", () => {
  it("gives the day in UTC, whatever the time", () => {
    expect(formatDay("2027-06-14T23:30:00Z")).toBe("14 Jun 2027");
  });
});

describe("formatUnixTime", () => {
  it("shows Unix seconds as formatTime shows the same moment", () => {
    expect(formatUnixTime(1798761600)).toBe("1 Jan 2027, 00:00 UTC");
  });
});

describe("formatTime", () => {
  it("shows a time in UTC", () => {
    expect(formatTime("2027-01-01T00:00:00Z")).toBe("1 Jan 2027, 00:00 UTC");
  });
  it("shows the placeholder for no time or a bad one", () => {
    expect(formatTime(null)).toBe("—");
    expect(formatTime(undefined, "never")).toBe("never");
    expect(formatTime("not a time")).toBe("—");
  });
});

describe("relativeTime", () => {
  const now = new Date("2027-01-10T12:00:00Z");
  it("counts days, hours and minutes either way", () => {
    expect(relativeTime("2027-01-13T12:00:00Z", now)).toBe("in 3 days");
    expect(relativeTime("2027-01-10T10:00:00Z", now)).toBe("2 hours ago");
    expect(relativeTime("2027-01-10T12:05:00Z", now)).toBe("in 5 minutes");
    expect(relativeTime("2027-01-10T12:00:00Z", now)).toBe("now");
  });
});

describe("humanize", () => {
  it("turns API names into words", () => {
    expect(humanize("customer_admin")).toBe("Customer admin");
    expect(humanize("ACTIVATION_LIMIT_REACHED")).toBe("Activation limit reached");
  });
});
