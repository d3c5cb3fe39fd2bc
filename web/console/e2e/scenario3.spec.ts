// Seed 003, scenario 3, in the console: the validity goes from 7 days to a year; the license
// shows "pending sync" until the machine's heartbeat has fetched the change.
import { test, expect } from "./support/fixtures";
import { setUpFirstAdmin } from "./support/console";

test("a change of validity is pending until the machine's heartbeat fetches it", async ({
  page,
  server,
  look,
}) => {
  const product = await server.api("POST", "/v1/products", { name: "Widget Server" });
  const customer = await server.api("POST", "/v1/customers", { name: "Acme" });
  const policy = await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: "7 days, heartbeat hourly",
    duration_days: 7,
    max_activations: 5,
    heartbeat_interval_s: 3600,
  });
  const license = await server.api("POST", "/v1/licenses", {
    policy_id: policy.id,
    customer_id: customer.id,
  });
  expect(
    (await server.client("/v1/client/activate", { code: license.code, fingerprint: "m1" })).status,
  ).toBe(201);

  await setUpFirstAdmin(page, server);
  await page.goto(`${server.url}/licenses/${license.id}`);
  await expect(page.getByText("Pending sync")).toHaveCount(0);
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit the license" });
  await dialog.getByLabel("Expires (UTC)").fill("2028-01-01T00:00");
  await look(page, "license-edit");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Pending sync")).toBeVisible();
  await expect(page.getByText("1 Jan 2028, 00:00 UTC")).toBeVisible();
  await look(page, "license-pending-sync");

  const beat = await server.client("/v1/client/heartbeat", {
    code: license.code,
    fingerprint: "m1",
  });
  expect(beat.status).toBe(200);
  expect(beat.body.update_available).toBe(true); // the SDK then fetches the new file
  expect(await server.fetchLicenseFile(license.code, "m1")).toBe(200);
  await page.reload();
  await expect(page.getByText("1 Jan 2028, 00:00 UTC")).toBeVisible();
  await expect(page.getByText("Pending sync")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "license.updated" })).toBeVisible();
});

test("a trial is moved to the paid policy, and the machine's next file is no longer a trial", async ({
  page,
  server,
  look,
}) => {
  const product = await server.api("POST", "/v1/products", { name: "Widget Server" });
  const customer = await server.api("POST", "/v1/customers", { name: "Acme" });
  const trial = await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: "14-day trial",
    duration_days: 14,
    trial: true,
    features: ["core"],
    heartbeat_interval_s: 3600,
  });
  await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: "Annual",
    duration_days: 365,
    max_activations: 3,
    features: ["core", "reports"],
    heartbeat_interval_s: 3600,
  });
  const other = await server.api("POST", "/v1/products", { name: "Other Product" });
  await server.api("POST", "/v1/policies", { product_id: other.id, name: "Not this one" });
  const license = await server.api("POST", "/v1/licenses", {
    policy_id: trial.id,
    customer_id: customer.id,
  });
  expect(
    (await server.client("/v1/client/activate", { code: license.code, fingerprint: "m1" })).status,
  ).toBe(201);

  await setUpFirstAdmin(page, server);
  await page.goto(`${server.url}/licenses/${license.id}`);
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit the license" });
  await dialog.getByRole("combobox", { name: "Policy" }).click();
  await expect(page.getByRole("option", { name: "Not this one" })).toHaveCount(0);
  await expect(page.getByRole("option", { name: "14-day trial (trial)" })).toBeVisible();
  await page.getByRole("option", { name: "Annual", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("takes this policy's validity");
  await look(page, "license-convert-trial");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Pending sync")).toBeVisible();
  await expect(page.getByText("Annual", { exact: true })).toBeVisible();

  // The machine's next heartbeat learns of it; the file it fetches is a paid one.
  const beat = await server.client("/v1/client/heartbeat", {
    code: license.code,
    fingerprint: "m1",
  });
  expect(beat.body.update_available).toBe(true);
  const moved = await server.api("GET", `/v1/licenses/${license.id}`);
  expect(moved.features).toEqual(["core", "reports"]);
  expect(moved.max_activations).toBe(3);
  expect(await server.fetchLicenseFile(license.code, "m1")).toBe(200);
  await page.reload();
  await expect(page.getByText("Pending sync")).toHaveCount(0);
});
