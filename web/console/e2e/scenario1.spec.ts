// Seed 003, scenario 1, in the console: a 7-day trial for 100 machines, issued in the console,
// activated by 100 machines, full at 100/100, expired after 7 days, renewed in the console.
import { test, expect } from "./support/fixtures";
import { password, setUpFirstAdmin } from "./support/console";

test("a trial for 100 machines: issued, filled, expired and renewed in the console", async ({
  page,
  server,
  look,
  allowConsoleErrors,
}) => {
  await server.api("POST", "/v1/products", { name: "Widget Server" });
  await server.api("POST", "/v1/customers", { name: "Acme", email: "it@acme.example" });
  await setUpFirstAdmin(page, server);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // 1. The policy, with every field the form has, and the license.
  await page.getByRole("link", { name: "Policies" }).click();
  await page.getByRole("button", { name: "New policy" }).click();
  const form = page.getByRole("dialog", { name: "New policy" });
  await form.getByRole("combobox", { name: "Product" }).click();
  await page.getByRole("option", { name: "Widget Server" }).click();
  await form.getByRole("textbox", { name: "Name" }).fill("7-day trial");
  await form
    .getByRole("textbox", { name: "Description" })
    .fill("Seven days to try the server on a hundred machines");
  await form.getByRole("textbox", { name: "SKU" }).fill("WS-TRIAL-7D");
  await form.getByRole("textbox", { name: "Validity (days)" }).fill("7");
  await form.getByRole("textbox", { name: "Machines at most" }).fill("100");
  await form.getByRole("checkbox", { name: /Trial/ }).check();
  await look(page, "policy-form");
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("cell", { name: "7-day trial Trial" })).toBeVisible();
  const [created] = (await server.api("GET", "/v1/policies")).data;
  expect(created.description).toBe("Seven days to try the server on a hundred machines");
  expect(created.sku).toBe("WS-TRIAL-7D");
  await expect(page.getByRole("cell", { name: "WS-TRIAL-7D" })).toBeVisible();
  await look(page, "policies");

  await page.getByRole("link", { name: "Licenses" }).click();
  await page.getByRole("link", { name: "Issue a license" }).click();
  await page.getByRole("combobox", { name: "Policy" }).click();
  await page.getByRole("option", { name: "7-day trial" }).click();
  await page.getByRole("combobox", { name: "Customer" }).click();
  await page.getByRole("option", { name: "Acme" }).click();
  await page.getByRole("button", { name: "Issue license" }).click();
  const code = (await page.getByTestId("copy-license code").textContent())!;
  expect(code).toMatch(/^LIC-/);
  await look(page, "license-issued");

  // 2. A hundred machines activate; 3. the page shows them all; 4. the 101st is refused.
  for (let i = 0; i < 100; ++i) {
    const res = await server.client("/v1/client/activate", {
      code,
      fingerprint: `machine-${String(i).padStart(3, "0")}`,
      hostname: `host-${i}`,
      platform: "linux-x86_64",
    });
    expect(res.status).toBe(201);
  }
  const refused = await server.client("/v1/client/activate", { code, fingerprint: "machine-101" });
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe("ACTIVATION_LIMIT_REACHED");

  await page.getByRole("link", { name: "Open the license" }).click();
  await expect(page.getByTestId("activation-progress")).toHaveText("100 / 100");
  const machines = page.getByRole("table", { name: "Activated machines" });
  await expect(machines.getByText("machine-000", { exact: true })).toBeVisible();
  await expect(machines.getByRole("cell", { name: "1 Jan 2027, 00:00 UTC" }).first()).toBeVisible();
  await expect(machines.getByRole("row")).toHaveCount(51); // a page of 50 and the header
  await page.getByRole("button", { name: "Next" }).click();
  await expect(machines.getByText("machine-099", { exact: true })).toBeVisible();
  await look(page, "license-full");

  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("link", { name: "Active: 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Within 7 days: 1" })).toBeVisible();
  await look(page, "dashboard");
  await page.getByRole("link", { name: "Within 7 days: 1" }).click();
  await expect(page.getByRole("link", { name: code })).toBeVisible();
  await look(page, "licenses-expiring");

  // 5. Seven days later the license has expired. The session has long been idle: the
  // console asks to sign in again.
  server.advanceDays(7);
  await server.api("POST", "/v1/jobs/maintenance/run", {});
  allowConsoleErrors(/status of 401/);
  await page.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("EXPIRED", { exact: true })).toBeVisible();
  const expired = await server.client("/v1/client/validate", { code, fingerprint: "machine-000" });
  expect(expired.body.code).toBe("EXPIRED");

  // 6. Renewed in the console, it validates again.
  await page.getByRole("button", { name: "Renew" }).click();
  const renew = page.getByRole("dialog", { name: "Renew this license?" });
  await renew.getByRole("button", { name: "Renew" }).click();
  await expect(renew).toBeHidden();
  await expect(page.getByText("ACTIVE", { exact: true })).toBeVisible();
  const valid = await server.client("/v1/client/validate", { code, fingerprint: "machine-000" });
  expect(valid.body.code).toBe("VALID");
  await look(page, "license-renewed");
});
