// One customer's page across every model: its activation-code licenses with their machines,
// its installation and its day-cards together; releasing a machine that stopped sending
// heartbeats frees its slot for another.
import { test, expect } from "./support/fixtures";
import { password, setUpFirstAdmin, signIn, signOut } from "./support/console";

test("a customer's page shows its licenses, installation and cards, and frees a slot", async ({
  page,
  server,
  look,
}) => {
  await setUpFirstAdmin(page, server); // while the setup link is fresh
  const product = await server.api("POST", "/v1/products", { name: "Widget Server" });
  const acme = await server.api("POST", "/v1/customers", { name: "Acme" });
  await server.api("POST", "/v1/customers", { name: "Acme Europe", parent_id: acme.id });
  const policy = await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: "Two machines, hourly heartbeat",
    duration_days: 365,
    max_activations: 2,
    heartbeat_interval_s: 3600,
    heartbeat_grace_s: 600,
  });
  const license = await server.api("POST", "/v1/licenses", {
    policy_id: policy.id,
    customer_id: acme.id,
  });
  for (const fingerprint of ["fp-build-1", "fp-build-2"]) {
    const activated = await server.client("/v1/client/activate", {
      code: license.code,
      fingerprint,
      hostname: fingerprint.replace("fp-", "") + ".acme.example",
    });
    expect(activated.status).toBe(201);
  }
  await server.api("POST", "/v1/installations", {
    customer_id: acme.id,
    tenant_id: "acme",
    environment: "PROD",
    name: "Acme production",
  });
  await server.api("POST", "/v1/device-models", { name: "CAM-1" });
  await server.api("POST", "/v1/card-types", {
    code: "CAM-365",
    name: "Camera, a year",
    models: ["CAM-1"],
    max_days: 365,
  });
  await server.api("POST", "/v1/cards", {
    type_code: "CAM-365",
    customer_id: acme.id,
    quantity: 5,
    days: 365,
  });
  // Two hours on, only the first machine has kept sending heartbeats: the second is dead.
  server.advanceDays(2 / 24);
  await server.client("/v1/client/heartbeat", { code: license.code, fingerprint: "fp-build-1" });
  const third = { code: license.code, fingerprint: "fp-build-3" };
  expect((await server.client("/v1/client/activate", third)).status).toBe(409);

  await signIn(page, server, "admin@example.com"); // the idle session ended meanwhile
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: "Acme", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Acme", level: 1 })).toBeVisible();
  await expect(page.getByTestId(`slots-${license.code}`)).toHaveText("2 / 2 machines");
  await expect(page.getByRole("cell", { name: "Acme production" })).toBeVisible();
  const cards = page.getByRole("table", { name: "Day-cards by type" });
  await expect(cards.getByRole("row", { name: /Camera, a year/ })).toContainText("5");
  await expect(page.getByRole("link", { name: "Acme Europe" })).toBeVisible();

  await page.getByRole("button", { name: `License ${license.code}` }).click();
  const machines = page.getByRole("table", { name: `Machines of ${license.code}` });
  await expect(machines.getByRole("row", { name: /fp-build-2/ })).toContainText("DEAD");
  await expect(machines.getByRole("row", { name: /fp-build-1/ })).toContainText("ALIVE");
  await look(page, "customer");
  await page.getByRole("button", { name: "Release fp-build-2" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId(`slots-${license.code}`)).toHaveText("1 / 2 machines");
  await expect(machines.getByRole("row", { name: /fp-build-2/ })).toHaveCount(0);
  expect((await server.client("/v1/client/activate", third)).status).toBe(201);

  // The customer's own history names what was done to it; its sub-customer has its own page.
  await expect(page.getByRole("table", { name: "History" })).toBeVisible();
  await page.getByRole("link", { name: "Acme Europe" }).click();
  await expect(page.getByRole("heading", { name: "Acme Europe", level: 1 })).toBeVisible();
  await expect(page.getByText("No activation-code licenses.")).toBeVisible();
  await page.getByRole("link", { name: "Open the superior customer" }).click();
  await expect(page.getByRole("heading", { name: "Acme", level: 1 })).toBeVisible();

  // Acme's own user sees the same holdings on its company's page, read-only.
  await server.api("POST", "/v1/users", {
    email: "viewer@acme.example",
    display_name: "Acme Viewer",
    role: "customer_viewer",
    customer_id: acme.id,
    password,
  });
  await signOut(page);
  await signIn(page, server, "viewer@acme.example");
  await page.getByRole("link", { name: "My company" }).click();
  await expect(page.getByRole("heading", { name: "Acme", level: 1 })).toBeVisible();
  // A viewer manages nothing, so the license's code and its machines' fingerprints, which are
  // credentials, are masked to their last four characters.
  const masked = `****${license.code.slice(-4)}`;
  await page.getByRole("button", { name: `License ${masked}` }).click();
  const own = page.getByRole("table", { name: `Machines of ${masked}` });
  await expect(own.getByRole("row", { name: /\*\*\*\*ld-3/ })).toContainText("ALIVE");
  await expect(own.getByRole("row", { name: /\*\*\*\*ld-1/ })).toBeVisible();
  await expect(page.getByText(license.code)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Release / })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "Acme production" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Day-cards by type" }).getByRole("row", { name: /Camera/ }),
  ).toContainText("5");
  await look(page, "customer-own-page");
  await page.getByRole("link", { name: "Acme Europe" }).click();
  await expect(page.getByRole("heading", { name: "Acme Europe", level: 1 })).toBeVisible();
  await expect(page.getByText("No activation-code license.")).toBeVisible();
  await page.getByRole("link", { name: "Back to your company" }).click();
  await expect(page.getByRole("heading", { name: "Acme", level: 1 })).toBeVisible();
});
