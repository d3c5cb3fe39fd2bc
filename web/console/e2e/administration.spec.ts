// Administration in the console: signing keys rotated and retired, the audit log filtered, and
// a webhook whose deliveries show a failed attempt, its retry and its success.
import { createServer, type IncomingMessage } from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { test, expect } from "./support/fixtures";
import { setUpFirstAdmin } from "./support/console";
import { Licensord } from "./support/licensord";

test("keys are rotated and retired, and the audit log shows who did it", async ({
  page,
  server,
  look,
}) => {
  await setUpFirstAdmin(page, server);
  await page.getByRole("link", { name: "Signing keys" }).click();
  const keys = page.getByRole("table", { name: "Signing keys" });
  await expect(keys.getByRole("row")).toHaveCount(2); // the header and the first key
  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate" }).click();
  await expect(keys.getByRole("row")).toHaveCount(3);
  await expect(keys.getByText("Current")).toHaveCount(1);
  await expect(keys.getByText("Verifies older files")).toHaveCount(1);
  await look(page, "signing-keys");

  const older = (await server.api("GET", "/v1/keys")).data[0].key_id;
  await page.getByRole("button", { name: `Retire ${older}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Retire" }).click();
  await expect(keys.getByText("Retired")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Retire / })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download public keys" }).click();
  const saved = server.path("keys.json");
  await (await download).saveAs(saved);
  const file = JSON.parse(readFileSync(saved, "utf8"));
  expect(file.type).toBe("licensor-public-keys");
  expect(file.keys.map((k: { retired: boolean }) => k.retired)).toEqual([true, false]);

  // The audit log, filtered to rotations; the actor is the signed-in admin.
  await page.getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("cell", { name: "user.signed_in" }).first()).toBeVisible();
  await page.getByRole("combobox", { name: "Action" }).fill("key.rotated");
  await page.getByRole("combobox", { name: "Action" }).press("Enter");
  await expect(page).toHaveURL(/action=key.rotated/);
  await expect(log.getByRole("row")).toHaveCount(2);
  const me = (await page.evaluate(async () => (await fetch("/v1/auth/me")).json())).user;
  // The actor is named; its id is what the filter takes.
  await log.getByRole("button", { name: `${me.display_name} (you)` }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${me.id}`));
  await expect(page.getByLabel("Actor")).toHaveValue(me.id);
  await expect(log.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: /^Details of key.rotated/ }).click();
  const details = page.getByRole("dialog", { name: "Audit event" });
  await expect(details.getByText(/"key_id"/).first()).toBeVisible();
  await look(page, "audit-details");
  await page.keyboard.press("Escape");

  await page.getByRole("combobox", { name: "Action" }).fill("key.retired");
  await page.getByRole("combobox", { name: "Action" }).press("Enter");
  await expect(log.getByRole("cell", { name: older })).toBeVisible();
  await page.getByLabel("Since (UTC)").fill("2027-02-01T00:00");
  await page.getByLabel("Since (UTC)").blur();
  await expect(page.getByText("No event matches these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("combobox", { name: "Action" })).toHaveValue("");
  await look(page, "audit-log");
});

// An endpoint that refuses the first delivery and accepts the next.
async function flakyReceiver() {
  const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = received.length === 1 ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => server.close() };
}

test("a webhook's deliveries show the failed attempt, the retry and the delivery", async ({
  page,
  server: vendor,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/); // the endpoint refused on purpose
  // The vendor issues a platform certificate for an installation, whose own licensord sends
  // the expiry reminders.
  const customer = await vendor.api("POST", "/v1/customers", { name: "Acme" });
  const installation = await vendor.api("POST", "/v1/installations", {
    customer_id: customer.id,
    tenant_id: "acme",
    environment: "PROD",
    name: "Acme production",
  });
  const package_ = await vendor.api("POST", `/v1/installations/${installation.id}/packages`, {
    certificates: [{ type: "PLATFORM", mode: "SUBSCRIPTION", validity_days: 45 }],
  });
  const site = await Licensord.startRegistry(vendor, installation.id);
  const receiver = await flakyReceiver();
  try {
    // The platform is licensed first: until it is, every page but its License page is closed.
    await site.api("POST", "/v1/registry/uploads", { file: package_.file });
    await setUpFirstAdmin(page, site);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByText("No webhooks")).toBeVisible();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook" });
    await dialog.getByLabel("Endpoint URL").fill("ftp://example.com/x");
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("url must start with http:// or https://")).toBeVisible();
    await expect(dialog.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    const added = page.getByRole("dialog", { name: "Webhook added" });
    const secret = (await added.getByTestId("copy-webhook secret").textContent()) ?? "";
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await added.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("cell", { name: receiver.url, exact: true })).toBeVisible();
    expect(JSON.stringify(await site.api("GET", "/v1/webhooks"))).not.toContain(secret);

    expect((await site.api("POST", "/v1/jobs/reminders/run")).deliveries_retrying).toBe(1);
    await page.getByRole("button", { name: `Deliveries to ${receiver.url}` }).click();
    const deliveries = page.getByRole("dialog", { name: `Deliveries to ${receiver.url}` });
    await expect(deliveries.getByRole("cell", { name: "registry.reminder" })).toBeVisible();
    await expect(deliveries.getByText("PENDING", { exact: true })).toBeVisible();
    await expect(deliveries.getByRole("cell", { name: /500/ })).toBeVisible();
    await look(page, "webhook-deliveries");
    await page.keyboard.press("Escape");

    site.advanceDays(2 / 1440); // past the first retry, a minute later
    expect((await site.api("POST", "/v1/jobs/reminders/run")).deliveries_delivered).toBe(1);
    await page.getByRole("button", { name: `Deliveries to ${receiver.url}` }).click();
    await expect(deliveries.getByText("DELIVERED", { exact: true })).toBeVisible();
    await expect(deliveries.getByRole("cell", { name: "2", exact: true })).toBeVisible();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers["licensor-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: `Delete ${receiver.url}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("No webhooks")).toBeVisible();
  } finally {
    await page.goto("about:blank"); // nothing of the site's may be asked for once it stops
    receiver.close();
    await site.stop();
  }
});
