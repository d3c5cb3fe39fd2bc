import { describe, expect, it } from "vitest";
import { manageAccess } from "./cardScope";

const customer = (id: string, allow: boolean) => ({
  id,
  name: id.toUpperCase(),
  email: "",
  parent_id: "a",
  allow_superior_manage_licenses: allow,
  created_at: "",
  updated_at: "",
});

describe("manageAccess", () => {
  it("lets a customer's user operate its own cards", () => {
    expect(manageAccess("a", undefined, true)).toEqual({ allowed: true });
    expect(manageAccess("a", customer("a", false), true)).toEqual({ allowed: true });
  });
  it("lets a superior operate a sub-customer's cards only when it allows it", () => {
    expect(manageAccess("a", customer("a1", true), true)).toEqual({ allowed: true });
    expect(manageAccess("a", customer("a1", false), true)).toEqual({
      allowed: false,
      reason: "A1 does not allow its superior to manage its cards: you can view them only.",
    });
  });
  it("leaves the vendor's staff and viewers to view", () => {
    expect(manageAccess(null, customer("a1", true), true).allowed).toBe(false);
    expect(manageAccess("a", undefined, false).allowed).toBe(false);
  });
});
