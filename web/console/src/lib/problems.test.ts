import { describe, expect, it } from "vitest";
import { fieldOf, formErrors } from "./problems";

describe("problems on forms", () => {
  it("finds the field a detail names", () => {
    expect(fieldOf("field 'email' must be an email address of at most 254 bytes")).toBe("email");
    expect(fieldOf("the email or the password is not right")).toBeUndefined();
  });
  it("puts a detail beside its field, or on the form", () => {
    expect(formErrors("field 'role' must be admin", ["email", "role"])).toEqual({
      field: "role",
      message: "field 'role' must be admin",
    });
    expect(formErrors("field 'other' is wrong", ["email"]).field).toBe("form");
    expect(formErrors("a user with this email exists", ["email"]).field).toBe("form");
  });
});
