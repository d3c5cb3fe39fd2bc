import { describe, expect, it } from "vitest";
import { fieldOf, formErrors } from "./problems";

describe("problems on forms", () => {
  it("finds the field a detail names", () => {
    expect(fieldOf("field 'email' must be an email address of at most 254 bytes")).toBe("email");
    expect(fieldOf("url must start with http:// or https://")).toBe("url");
    expect(fieldOf("max_activations must be 1 to 1000000")).toBe("max_activations");
    expect(fieldOf("features holds at most 200 codes")).toBe("features");
    expect(fieldOf("'created_at' must be an integer")).toBe("created_at");
    expect(fieldOf("the email or the password is not right")).toBeUndefined();
  });
  it("puts a detail beside its field, or on the form", () => {
    expect(formErrors("field 'role' must be admin", ["email", "role"])).toEqual({
      field: "role",
      message: "field 'role' must be admin",
    });
    expect(formErrors("url must name a host", ["url"]).field).toBe("url");
    expect(formErrors("field 'other' is wrong", ["email"]).field).toBe("form");
    // A sentence that only starts like a field name stays on the form.
    expect(formErrors("the URL has no host", ["url"]).field).toBe("form");
    expect(formErrors("a user with this email exists", ["email"]).field).toBe("form");
  });
});
