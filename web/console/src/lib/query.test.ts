import { describe, expect, it } from "vitest";
import { fromSearch, toQuery, toSearch } from "./query";

describe("filters to query strings", () => {
  it("keeps only the fields set, in a stable order", () => {
    expect(toQuery({ status: "ACTIVE", customer_id: "", policy_id: undefined, limit: 50 })).toEqual(
      {
        limit: "50",
        status: "ACTIVE",
      },
    );
    expect(toSearch({ b: "2", a: "1" })).toBe("?a=1&b=2");
    expect(toSearch({ a: null })).toBe("");
  });
  it("encodes what needs it", () => {
    expect(toSearch({ code: "LIC-1 2&3" })).toBe("?code=LIC-1+2%263");
  });
  it("reads back only the filters a page knows", () => {
    expect(fromSearch("?status=ACTIVE&evil=1&product_id=", ["status", "product_id"])).toEqual({
      status: "ACTIVE",
    });
  });
});
