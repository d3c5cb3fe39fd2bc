// Seed 003, scenario 2, in the console: a machine that never reaches the server. Its request,
// written by licensor-fingerprint, is uploaded; the console shows the machine, issues the
// signed file, and licensorctl accepts that file for that machine. An update bundle for it is
// downloaded afterwards, and the machine's deactivation proof frees its slot at the end.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixtures";
import { setUpFirstAdmin } from "./support/console";
import type { Licensord } from "./support/licensord";

async function offlineLicense(server: Licensord, mode: "OFFLINE" | "ONLINE") {
  const product = await server.api("POST", "/v1/products", { name: "Lab Analyzer" });
  const customer = await server.api("POST", "/v1/customers", { name: "Acme Labs" });
  const policy = await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: `${mode} yearly`,
    duration_days: 365,
    max_activations: 3,
    deployment_mode: mode,
  });
  return server.api("POST", "/v1/licenses", { policy_id: policy.id, customer_id: customer.id });
}

test("an offline machine's request becomes a signed file that licensorctl accepts", async ({
  page,
  server,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of (400|422)/); // the edited request and proof, refused on purpose
  const license = await offlineLicense(server, "OFFLINE");
  const requestPath = server.fingerprintRequest();
  const request = JSON.parse(readFileSync(requestPath, "utf8"));

  await setUpFirstAdmin(page, server);
  await page.goto(`${server.url}/licenses/${license.id}`);
  await page.getByRole("link", { name: "Offline activation" }).click();
  await expect(page.getByRole("heading", { name: "Offline activation" })).toBeVisible();

  // Something that is not a request is named beside the field, before anything is sent.
  const field = page.getByRole("textbox", { name: "Fingerprint request" });
  await field.fill('{"type": "licensor-public-keys"}');
  await expect(
    page.getByText("This is JSON, but not a licensor-fingerprint request."),
  ).toBeVisible();
  const issue = page.getByRole("button", { name: "Issue and download the license file" });
  await expect(issue).toBeDisabled();
  // An edited request is refused by the server, and its reason shown beside the field too.
  await field.fill(JSON.stringify({ ...request, fingerprint: "fp1-" + "0".repeat(64) }));
  await issue.click();
  await expect(page.getByText(/does not match the components/)).toBeVisible();

  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Upload request file" }).click();
  await (await chooser).setFiles(requestPath);
  const components = page.getByRole("table", { name: "Components" });
  for (const name of Object.keys(request.components)) {
    await expect(components.getByRole("cell", { name, exact: true })).toBeVisible();
  }
  await expect(page.getByText(request.fingerprint, { exact: true })).toBeVisible();
  await look(page, "offline-request");

  const download = page.waitForEvent("download");
  await issue.click();
  const file = await download;
  const licensePath = server.path("machine.lic");
  await file.saveAs(licensePath);
  await expect(page.getByText("The machine took a slot.")).toBeVisible();
  await look(page, "offline-issued");

  const verdict = server.cli([
    "licenses",
    "verify",
    licensePath,
    "--fingerprint-request",
    requestPath,
    "--at",
    "2027-01-01T00:00:10Z",
  ]);
  expect(verdict.output).toContain("VALID");
  expect(verdict.status).toBe(0);

  // The machine holds a slot, shown as offline on the license page.
  await page.getByRole("link", { name: license.code }).click();
  await expect(page.getByTestId("activation-progress")).toHaveText("1 / 3");
  await expect(page.getByText("OFFLINE", { exact: true })).toBeVisible();

  // A renewal reaches the machine as an update bundle.
  await page.getByRole("link", { name: "Offline activation" }).click();
  await page.getByRole("combobox", { name: "Offline machine" }).click();
  await page.getByRole("option", { name: new RegExp(request.hostname) }).click();
  const bundleDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the update bundle" }).click();
  const bundle = await bundleDownload;
  const bundlePath = server.path("update.bundle");
  await bundle.saveAs(bundlePath);
  expect(bundle.suggestedFilename()).toMatch(/\.bundle$/);
  expect(readFileSync(bundlePath, "utf8")).toMatch(/^-----BEGIN LICENSOR /);
  const events = await server.api("GET", `/v1/events?action=bundle.issued`);
  expect(events.data).toHaveLength(1);

  // The machine gives up its license offline; the proof its product wrote frees the slot. An
  // edited proof is refused first, and the slot stays taken.
  const proofPath = server.deactivationProof(license.product_id, licensePath);
  const proof = JSON.parse(readFileSync(proofPath, "utf8"));
  const proofField = page.getByRole("textbox", { name: "Deactivation proof" });
  const free = page.getByRole("button", { name: "Free the machine's slot" });
  // The operator is told plainly that a proof is the customer's word, not evidence.
  await expect(page.getByText(/Whoever has the file can write a proof/)).toBeVisible();
  await proofField.fill(JSON.stringify({ ...proof, deactivated_at: proof.deactivated_at + 1 }));
  await free.click();
  await expect(page.getByText(/not sealed with this license's code/)).toBeVisible();
  const proofChooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Upload proof file" }).click();
  await (await proofChooser).setFiles(proofPath);
  await expect(page.getByText("Gave up its file")).toBeVisible();
  await look(page, "offline-deactivation-proof");
  await free.click();
  await expect(
    page.getByRole("status").filter({ hasText: "is free for another machine" }),
  ).toContainText("Offline releases before this one: 0 of this license, 0 of this machine.");
  await look(page, "offline-deactivation-freed");
  await page.getByRole("link", { name: license.code }).click();
  await expect(page.getByTestId("activation-progress")).toHaveText("0 / 3");
});

test("an online-only license says so, and the server's refusal is shown", async ({
  page,
  server,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 409/); // the refusal the test provokes
  const license = await offlineLicense(server, "ONLINE");
  const requestPath = server.fingerprintRequest();
  await setUpFirstAdmin(page, server);
  await page.goto(`${server.url}/licenses/${license.id}/offline`);
  await expect(page.getByRole("alert").filter({ hasText: "online only" })).toBeVisible();
  await page
    .getByRole("textbox", { name: "Fingerprint request" })
    .fill(readFileSync(requestPath, "utf8"));
  await page.getByRole("button", { name: "Issue and download the license file" }).click();
  await expect(page.getByText(/must activate through the server/)).toBeVisible();
  const license_after = await server.api("GET", `/v1/licenses/${license.id}`);
  expect(license_after.activations_count).toBe(0);
});
