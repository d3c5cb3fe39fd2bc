// Seed 003, scenario 3, in the console: the validity goes from 7 days to a year; the license
// shows "pending sync" until the machine's heartbeat has fetched the change.
import { test, expect } from "./support/fixtures";
import { setUpFirstAdmin } from "./support/console";

const day = 86_400_000;
// A time as the console writes every time: "1 Jan 2028, 00:00 UTC".
const utcTime = (ms: number) =>
  `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(ms)} UTC`;

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
  const history = page.getByRole("table", { name: "History" });
  await expect(history.getByRole("cell", { name: "license.updated" })).toHaveCount(0);
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit the license" });
  // "Update validity from 7 days to 1 year": a duration counted from the license's start, its
  // new end shown before it is saved, in the console's one date format.
  await dialog.getByText("Valid for", { exact: true }).click();
  await dialog.getByRole("textbox", { name: "Valid for" }).fill("1");
  const endText = utcTime(Date.parse(license.created_at) + 365 * day);
  await expect(dialog.getByRole("status", { name: "The new expiry" })).toHaveText(
    new RegExp(`^Expires ${endText}; now `),
  );
  await look(page, "license-edit");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  expect((await server.api("GET", `/v1/licenses/${license.id}`)).duration_days).toBe(365);
  // The license, and the machine that has not fetched the change, say so; the history shows
  // the edit without a reload.
  await expect(page.getByText("Pending sync")).toHaveCount(2);
  const machines = page.getByRole("table", { name: "Activated machines" });
  await expect(machines.getByRole("row", { name: /m1/ })).toContainText("Pending sync");
  await expect(page.getByText(endText)).toBeVisible();
  await expect(history.getByRole("cell", { name: "license.updated" })).toBeVisible();
  await expect(history.getByRole("row", { name: /license.updated/ })).toContainText(
    "Ada Admin (you)",
  );
  await look(page, "license-pending-sync");

  const beat = await server.client("/v1/client/heartbeat", {
    code: license.code,
    fingerprint: "m1",
  });
  expect(beat.status).toBe(200);
  expect(beat.body.update_available).toBe(true); // the SDK then fetches the new file
  expect(await server.fetchLicenseFile(license.code, "m1")).toBe(200);
  await page.reload();
  await expect(page.getByText(endText)).toBeVisible();
  await expect(page.getByText("Pending sync")).toHaveCount(0);
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
  // What the license becomes shows before it is saved: the paid policy's year, counted from
  // the license's start, its cap and its features.
  const after = dialog.getByRole("status", { name: "The license after the move" });
  await expect(after).toContainText(
    `Expires${utcTime(Date.parse(license.created_at) + 365 * day)}`,
  );
  await expect(after).toContainText("Machines at most3");
  await expect(after).toContainText("Featurescore, reports");
  await look(page, "license-convert-trial");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Pending sync")).toHaveCount(2); // the license's and m1's
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
