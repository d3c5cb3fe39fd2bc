// Seeds 000 and 001, the vendor's side: an installation is created, a certificate package with
// a platform and three agent certificates and a deployment license are issued and downloaded,
// the history downloads them again, and the installation's own licensord accepts both files.
import { readFileSync, writeFileSync } from "node:fs";
import { test, expect } from "./support/fixtures";
import { setUpFirstAdmin, signIn, writeWithSession } from "./support/console";
import { expectNoSidewaysScroll } from "./support/layout";
import { Licensord } from "./support/licensord";

test("the vendor issues an installation's certificate package and deployment license", async ({
  page,
  server: vendor,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/); // the refusals the test provokes
  await vendor.api("POST", "/v1/customers", { name: "Acme" });
  await setUpFirstAdmin(page, vendor);
  // The vendor's licensord is no installation's registry: it has no License page.
  await expect(page.getByRole("link", { name: "License", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Installations" }).click();
  await expect(page.getByText("No installations yet.")).toBeVisible();

  await page.getByRole("button", { name: "New installation" }).click();
  const creating = page.getByRole("dialog", { name: "New installation" });
  await creating.getByRole("combobox", { name: "Customer" }).click();
  await page.getByRole("option", { name: "Acme" }).click();
  await creating.getByLabel("Name").fill("Acme production");
  await creating.getByRole("button", { name: "Create installation" }).click();
  await expect(creating.getByLabel("Tenant")).toHaveAttribute("aria-invalid", "true");
  await creating.getByLabel("Tenant").fill("acme");
  await creating.getByRole("button", { name: "Create installation" }).click();
  await expect(page.getByRole("heading", { name: "Acme production" })).toBeVisible();
  const installation = (await vendor.api("GET", "/v1/installations")).data[0];
  await expect(page.getByText(installation.license_id, { exact: true })).toBeVisible();
  await expect(page.getByText("PROD", { exact: true })).toBeVisible();
  await expect(page.getByText("Nothing has been issued")).toBeVisible();

  // The package: one platform certificate and three agents, the last one permanent.
  await page.getByRole("button", { name: "Issue certificate package" }).click();
  const packaging = page.getByRole("dialog", { name: "Issue a certificate package" });
  for (let i = 0; i < 3; ++i) {
    await packaging.getByRole("button", { name: "Add a certificate" }).click();
  }
  const certificate = (n: number) => packaging.getByRole("group", { name: `Certificate ${n}` });
  await expect(certificate(4).getByRole("combobox", { name: "Type" })).toHaveValue("Agent");
  await certificate(2).getByLabel("Valid for (days)").clear();
  await packaging.getByRole("button", { name: "Issue and download" }).click();
  await expect(packaging.getByRole("alert")).toContainText("validity_days");
  await certificate(2).getByLabel("Valid for (days)").fill("365");
  await expect(packaging.getByRole("alert")).toHaveCount(0);
  await certificate(4).getByLabel("Permanent").check();
  await look(page, "installation-issue-package");
  const packageDownload = page.waitForEvent("download");
  await packaging.getByRole("button", { name: "Issue and download" }).click();
  const packageFile = await packageDownload;
  expect(packageFile.suggestedFilename()).toBe(`${installation.license_id}-v1.lcs`);
  const packagePath = vendor.path("issued.lcs");
  await packageFile.saveAs(packagePath);
  await expect(packaging).toBeHidden();

  // The deployment license: two modules, one with restrictions, and its limits.
  await page.getByRole("button", { name: "Issue deployment license" }).click();
  const licensing = page.getByRole("dialog", { name: "Issue a deployment license" });
  const module = (n: number) => licensing.getByRole("group", { name: `Module ${n}` });
  await module(1).getByLabel("Module code").fill("reporting");
  await module(1).getByLabel("Restrictions").fill("regions eu-west");
  await licensing.getByRole("button", { name: "Add a module" }).click();
  await module(2).getByLabel("Module code").fill("audit");
  await licensing.getByLabel("Effective from (UTC)").fill("2027-01-01T00:00");
  await licensing.getByLabel("Expires (UTC)").fill("2028-01-01T00:00");
  await licensing.getByLabel("Max users").fill("50");
  await licensing.getByLabel("Max agents").fill("3");
  await licensing.getByRole("button", { name: "Issue and download" }).click();
  await expect(module(1).getByText('line 1: write it as "name: value, value"')).toBeVisible();
  await module(1).getByLabel("Restrictions").fill("regions: eu-west, us-east");
  await expect(module(1).getByText(/^line 1/)).toHaveCount(0);
  await look(page, "installation-issue-deployment-license");
  const licenseDownload = page.waitForEvent("download");
  await licensing.getByRole("button", { name: "Issue and download" }).click();
  const licenseFile = await licenseDownload;
  expect(licenseFile.suggestedFilename()).toBe(`${installation.license_id}-v1.lic`);
  const licensePath = vendor.path("issued.lic");
  await licenseFile.saveAs(licensePath);

  // The history: both files, by whom and when, each downloadable again as issued.
  const files = page.getByRole("table", { name: "Issued files" });
  await expect(files.getByRole("row")).toHaveCount(3);
  await expect(files.getByRole("cell", { name: "Certificate package" })).toBeVisible();
  await expect(files.getByRole("cell", { name: "Deployment license" })).toBeVisible();
  await expect(files.getByRole("cell", { name: "1 Jan 2027, 00:00 UTC" })).toHaveCount(2);
  await expect(files.getByRole("cell", { name: "Ada Admin (you)" })).toHaveCount(2);
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download ${installation.license_id}-v1.lcs` }).click();
  const againPath = vendor.path("again.lcs");
  await (await again).saveAs(againPath);
  expect(readFileSync(againPath, "utf8")).toBe(readFileSync(packagePath, "utf8"));
  await look(page, "installation");
  await page.getByRole("link", { name: "All installations" }).click();
  await expect(page.getByRole("heading", { name: "Installations", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("cell", { name: installation.license_id, exact: true }),
  ).toBeVisible();
  await look(page, "installations");

  // The installation's licensord, trusting the vendor's keys, accepts both downloaded files.
  const site = await Licensord.startRegistry(vendor, installation.id);
  try {
    await site.api("POST", "/v1/registry/uploads", { file: readFileSync(packagePath, "utf8") });
    await site.api("POST", "/v1/registry/uploads", { file: readFileSync(licensePath, "utf8") });
    const certificates = (await site.api("GET", "/v1/registry/certificates")).data;
    expect(certificates.map((c: { type: string }) => c.type).sort()).toEqual([
      "AGENT",
      "AGENT",
      "AGENT",
      "PLATFORM",
    ]);
    const permanent = certificates.filter(
      (c: { validity_days: number | string }) => c.validity_days === "PERMANENT",
    );
    expect(permanent).toHaveLength(1);
    const platform = await site.api("GET", "/v1/registry/platform");
    expect(platform).toMatchObject({ max_users: 50, max_agents: 3 });
    expect(platform.modules).toEqual(
      expect.arrayContaining([
        { code: "reporting", restrictions: { regions: ["eu-west", "us-east"] } },
        { code: "audit", restrictions: {} },
      ]),
    );
  } finally {
    await site.stop();
  }
});

// The files a vendor issues for an installation, through its API: a package with one platform
// and three agent certificates, and a deployment license.
async function issueFiles(
  vendor: Licensord,
  installationId: string,
  effective = "2027-01-01T00:00:00Z",
  expires = "2028-01-01T00:00:00Z",
) {
  const package_ = await vendor.api("POST", `/v1/installations/${installationId}/packages`, {
    certificates: [
      { type: "PLATFORM", mode: "SUBSCRIPTION", validity_days: 365 },
      { type: "AGENT", mode: "SUBSCRIPTION", validity_days: 365 },
      { type: "AGENT", mode: "SUBSCRIPTION", validity_days: 365 },
      { type: "AGENT", mode: "BUYOUT", validity_days: "PERMANENT" },
    ],
  });
  const license = await vendor.api(
    "POST",
    `/v1/installations/${installationId}/deployment-licenses`,
    {
      modules: [{ code: "reporting", restrictions: {} }],
      effective_at: effective,
      expires_at: expires,
      max_users: 50,
      max_agents: 3,
    },
  );
  return { package: package_.file as string, license: license.file as string };
}

test("the installation's administrator uploads the files on the License page and binds an agent once", async ({
  page,
  server: vendor,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of (400|409|422)/); // the refusals the test provokes
  const customer = await vendor.api("POST", "/v1/customers", { name: "Acme" });
  const [mine, other] = await Promise.all(
    ["acme", "acme-test"].map((tenant) =>
      vendor.api("POST", "/v1/installations", {
        customer_id: customer.id,
        tenant_id: tenant,
        environment: "PROD",
        name: `Acme ${tenant}`,
      }),
    ),
  );
  const files = await issueFiles(vendor, mine.id);
  const othersPackage = (await issueFiles(vendor, other.id)).package;
  const site = await Licensord.startRegistry(vendor, mine.id);
  try {
    await setUpFirstAdmin(page, site);
    await expect(
      page.getByRole("heading", { name: "The platform has no license yet" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "License", exact: true }).click();
    await expect(page.getByText("No certificate yet")).toBeVisible();
    const chooser = page.getByLabel("License certificate file");
    const upload = async (name: string, text: string) => {
      const path = site.path(name);
      writeFileSync(path, text);
      await chooser.setInputFiles(path);
    };

    // Refusals, each with the server's reason.
    await upload("other.lcs", othersPackage);
    await expect(page.getByRole("alert")).toContainText("other.lcs was refused");
    await expect(page.getByRole("alert")).toContainText("WRONG_INSTALLATION");
    // One character of the signature changed, as a careless edit or a forger would.
    const at = files.package.indexOf("Signature: ") + 15;
    const flipped = files.package[at] === "A" ? "B" : "A";
    await upload(
      "tampered.lcs",
      files.package.slice(0, at) + flipped + files.package.slice(at + 1),
    );
    await expect(page.getByRole("alert")).toContainText("BAD_SIGNATURE");
    await upload("notes.lic", "not a license file");
    await expect(page.getByRole("alert")).toContainText("BAD_FORMAT");
    await look(page, "platform-license-refused");

    // The package through the file chooser, the deployment license dropped on the zone.
    await upload("acme.lcs", files.package);
    await expect(page.getByRole("status")).toContainText(
      "acme.lcs: the certificate package is accepted and in effect.",
    );
    const zone = page.getByTestId("certificate-drop-zone");
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "acme.lic"));
      return transfer;
    }, files.license);
    await zone.dispatchEvent("drop", { dataTransfer: dropped });
    await expect(page.getByRole("status")).toContainText(
      "acme.lic: the deployment license is accepted and in effect.",
    );
    const certificates = page.getByRole("table", { name: "Certificates" });
    await expect(certificates.getByRole("row")).toHaveCount(5);
    await expect(certificates.getByText("UNUSED", { exact: true })).toHaveCount(3);
    await expect(certificates.getByRole("cell", { name: "The platform" })).toBeVisible();
    await expect(page.getByText("Agents0 of 3")).toBeVisible();

    // System Settings > License Management: the deployment license in effect, and the uploads.
    await page.getByRole("link", { name: "License Management" }).click();
    const facts = page.getByRole("main");
    await expect(facts.getByText("Valid from1 Jan 2027, 00:00 UTC")).toBeVisible();
    await expect(facts.getByText("Valid until1 Jan 2028, 00:00 UTC")).toBeVisible();
    await expect(facts.getByText("Tenantacme")).toBeVisible();
    await expect(facts.getByText(`License id${mine.license_id}`)).toBeVisible();
    await expect(page.getByRole("table", { name: "Licensed modules" })).toContainText("reporting");
    const uploads = page.getByRole("table", { name: "Upload history" });
    await expect(uploads.getByRole("row")).toHaveCount(3);
    await expect(uploads.getByRole("cell", { name: "Ada Admin (you)" })).toHaveCount(2);
    const original = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download upload 1" }).click();
    const originalPath = site.path("upload-1.lcs");
    await (await original).saveAs(originalPath);
    expect(readFileSync(originalPath, "utf8")).toBe(files.package);
    // The upload is where seed 001 puts it too: the same .lic again changes nothing.
    writeFileSync(site.path("again.lic"), files.license);
    await page.getByLabel("License certificate file").setInputFiles(site.path("again.lic"));
    await expect(page.getByRole("status").filter({ hasText: "again.lic" })).toHaveText(
      "again.lic: this deployment license was already uploaded; nothing changed.",
    );
    await look(page, "license-management");
    await page.getByRole("link", { name: "License", exact: true }).click();

    // Binding: a warning first, then the agent; the certificate is then the agent's for good.
    await site.api("POST", "/v1/registry/agents", { name: "build-agent-1" });
    await site.api("POST", "/v1/registry/agents", { name: "build-agent-2" });
    await page.reload();
    await page.getByRole("button", { name: "Bind agent certificate 2" }).click();
    const binding = page.getByRole("dialog", { name: "Bind an agent certificate" });
    await expect(binding.getByText("A binding cannot be changed")).toBeVisible();
    // The dialog names exactly what is bound for good: the certificate, its type, mode and
    // validity.
    const toBind = (await site.api("GET", "/v1/registry/certificates")).data[1];
    await expect(binding).toContainText(`Certificate${toBind.id}`);
    await expect(binding).toContainText("TypeAgent");
    await expect(binding).toContainText(`Mode${toBind.mode}`);
    await expect(binding).toContainText(
      toBind.validity_days === "PERMANENT"
        ? "ValidityPermanent"
        : `Validity${toBind.validity_days} days from binding`,
    );
    await binding.getByRole("combobox", { name: "Agent" }).click();
    await page.getByRole("option", { name: "build-agent-1" }).click();
    await look(page, "platform-license-bind");
    await binding.getByRole("button", { name: "Bind for good" }).click();
    await expect(binding).toBeHidden();
    await expect(certificates.getByRole("cell", { name: "build-agent-1" })).toBeVisible();
    await expect(certificates.getByText("UNUSED", { exact: true })).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Bind agent certificate 2" })).toHaveCount(0);
    // The other certificates no longer offer the agent that has one.
    await page.getByRole("button", { name: "Bind agent certificate 3" }).click();
    await binding.getByRole("combobox", { name: "Agent" }).click();
    await expect(page.getByRole("option", { name: "build-agent-2" })).toBeVisible();
    await expect(page.getByRole("option", { name: "build-agent-1" })).toHaveCount(0);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    // And the API refuses a second binding outright.
    const bound = (await site.api("GET", "/v1/registry/certificates")).data.find(
      (c: { bound_to: string | null; type: string }) => c.type === "AGENT" && c.bound_to,
    );
    const agents = (await site.api("GET", "/v1/registry/agents")).data;
    const second = agents.find((a: { name: string }) => a.name === "build-agent-2");
    const refused = await writeWithSession(page, `/v1/registry/certificates/${bound.id}/bind`, {
      agent_id: second.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("ALREADY_BOUND");
    // A deleted agent's certificate still names it, never by its id.
    const first = agents.find((a: { name: string }) => a.name === "build-agent-1");
    await site.api("DELETE", `/v1/registry/agents/${first.id}`);
    await page.reload();
    await expect(certificates.getByRole("cell", { name: "build-agent-1 (deleted)" })).toBeVisible();
    await expect(certificates.getByText(first.id)).toHaveCount(0);
    await look(page, "platform-license");

    // Where the reminders are mailed: a wrong address is refused beside the field.
    const recipients = page.getByRole("combobox", { name: "Reminder recipients" });
    for (const address of ["ops@acme.example", "not-an-address"]) {
      await recipients.fill(address);
      await recipients.press("Enter");
    }
    await page.getByRole("button", { name: "Save recipients" }).click();
    await expect(page.getByText("must hold email addresses")).toBeVisible();
    await recipients.press("Backspace"); // the last address goes
    await page.getByRole("button", { name: "Save recipients" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    expect((await site.api("GET", "/v1/registry/reminder-recipients")).emails).toEqual([
      "ops@acme.example",
    ]);

    // 35 days before the end, every page carries the banner, and the reminders are listed.
    site.advanceDays(330);
    await site.api("POST", "/v1/jobs/reminders/run");
    await signIn(page, site, "admin@example.com"); // the session has long ended
    await expect(page.getByText("The platform's license ends soon")).toBeVisible();
    await expect(page.getByText("35 days left, on 1 Jan 2028, 00:00 UTC")).toBeVisible();
    // An installation's console opens on its platform's page.
    await expect(page.getByRole("heading", { name: "Platform", exact: true })).toBeVisible();
    await look(page, "platform-banner");
    await page.getByRole("link", { name: "License page" }).click();
    const reminders = page.getByRole("table", { name: "Reminders" });
    await expect(reminders.getByRole("cell", { name: "The platform" }).first()).toBeVisible();

    // Past the end: every page but the License page is the blank renewal page.
    site.advanceDays(40);
    await signIn(page, site, "admin@example.com");
    await expect(page.getByRole("button", { name: /Account menu of/ })).toBeVisible();
    for (const path of ["/dashboard", "/catalog/products", "/admin/users", "/profile"]) {
      await page.goto(site.url + path);
      await expect(
        page.getByRole("heading", { name: "The platform's license has expired" }),
      ).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    }
    await look(page, "platform-expired");
    await page.getByRole("link", { name: "Go to the License page" }).click();
    await expect(page.getByText("EXPIRED", { exact: true }).first()).toBeVisible();

    // A deployment license that ended before today is refused, with the reason.
    const stale = await issueFiles(vendor, mine.id, "2027-01-01T00:00:00Z", "2027-12-01T00:00:00Z");
    await upload("stale.lic", stale.license);
    await expect(page.getByRole("alert")).toContainText("stale.lic was refused");
    await expect(page.getByRole("alert")).toContainText("ALREADY_EXPIRED");

    // The renewal, uploaded there, opens everything again without a restart.
    const renewal = await issueFiles(
      vendor,
      mine.id,
      "2028-01-01T00:00:00Z",
      "2029-01-01T00:00:00Z",
    );
    await upload("renewal.lcs", renewal.package);
    await expect(page.getByRole("status")).toContainText("renewal.lcs: the certificate package");
    await upload("renewal.lic", renewal.license);
    await expect(page.getByRole("status")).toContainText("renewal.lic: the deployment license");
    await expect(page.getByText("ACTIVE", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Platform", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Platform", exact: true })).toBeVisible();
    await expect(page.getByText("The platform's license ends soon")).toHaveCount(0);
    await page.getByRole("link", { name: "License Management" }).click();
    // The third version the vendor issued: the second, already ended, was refused.
    await expect(page.getByText("Version3", { exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: "Upload history" }).getByRole("row")).toHaveCount(
      5,
    );
  } finally {
    await site.stop();
  }
});

test("the platform's agents and users are counted against its deployment license", async ({
  page,
  server: vendor,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 409/); // the agent past the limit
  const customer = await vendor.api("POST", "/v1/customers", { name: "Acme" });
  const installation = await vendor.api("POST", "/v1/installations", {
    customer_id: customer.id,
    tenant_id: "acme",
    environment: "PROD",
    name: "Acme production",
  });
  const files = await issueFiles(vendor, installation.id);
  const site = await Licensord.startRegistry(vendor, installation.id);
  try {
    await site.api("POST", "/v1/registry/uploads", { file: files.package });
    await site.api("POST", "/v1/registry/uploads", { file: files.license });
    await setUpFirstAdmin(page, site);

    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await nav.getByRole("link", { name: "Platform", exact: true }).click();
    await expect(page.getByText("version 1", { exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "reporting" })).toBeVisible();
    await expect(page.getByTestId("usage-users")).toHaveText("0 / 50");
    await expect(page.getByTestId("usage-agents")).toHaveText("0 / 3");

    await nav.getByRole("link", { name: "Agents", exact: true }).click();
    const addAgent = async (name: string) => {
      await page.getByRole("button", { name: "New agent" }).click();
      const dialog = page.getByRole("dialog", { name: "New agent" });
      await dialog.getByLabel("Agent name").fill(name);
      await dialog.getByRole("button", { name: "Create agent" }).click();
      return dialog;
    };
    for (const name of ["build-agent-1", "build-agent-2", "build-agent-3"]) {
      await expect(await addAgent(name)).toBeHidden();
      await expect(page.getByRole("link", { name })).toBeVisible();
    }
    const refused = await addAgent("build-agent-4");
    await expect(refused.getByRole("alert")).toContainText("allows 3");
    await page.keyboard.press("Escape");
    await expect(page.getByText("3 agents of the 3 the deployment license allows.")).toBeVisible();

    // One agent gets a certificate; its settings page says until when it is licensed.
    const agents = (await site.api("GET", "/v1/registry/agents")).data;
    const certificate = (await site.api("GET", "/v1/registry/certificates")).data.find(
      (c: { type: string; validity_days: number | string }) =>
        c.type === "AGENT" && c.validity_days === 365,
    );
    await site.api("POST", `/v1/registry/certificates/${certificate.id}/bind`, {
      agent_id: agents.find((a: { name: string }) => a.name === "build-agent-1").id,
    });
    await page.reload();
    await page.getByRole("link", { name: "build-agent-1" }).click();
    await expect(page.getByTestId("agent-licensed-until")).toHaveText("1 Jan 2028, 00:00 UTC");
    await expect(
      page.getByText("An agent certificate: SUBSCRIPTION, 365 days, ACTIVATED"),
    ).toBeVisible();
    await look(page, "platform-agent");
    await page.getByRole("link", { name: "All agents" }).click();
    await page.getByRole("link", { name: "build-agent-2" }).click();
    await expect(page.getByTestId("agent-licensed-until")).toHaveText("—");
    await expect(
      page.getByText("None: bind an agent certificate on the License page"),
    ).toBeVisible();

    // Deleting an agent frees its place.
    await page.getByRole("link", { name: "All agents" }).click();
    await page.getByRole("button", { name: "Delete build-agent-3" }).click();
    await page
      .getByRole("dialog", { name: "Delete build-agent-3?" })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect(page.getByText("2 agents of the 3 the deployment license allows.")).toBeVisible();
    await expect(page.getByRole("link", { name: "build-agent-3" })).toHaveCount(0);
    await look(page, "platform-agents");

    await nav.getByRole("link", { name: "Platform users" }).click();
    await expect(page.getByText("0 of the 50 users the deployment license allows.")).toBeVisible();
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New platform user" });
    await dialog.getByLabel("User name").fill("Grace Hopper");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("cell", { name: "Grace Hopper", exact: true })).toBeVisible();
    await expect(page.getByText("1 of the 50 users the deployment license allows.")).toBeVisible();
    await look(page, "platform-users");
    await nav.getByRole("link", { name: "Platform", exact: true }).click();
    await expect(page.getByTestId("usage-users")).toHaveText("1 / 50");
    await expect(page.getByTestId("usage-agents")).toHaveText("2 / 3");
    await look(page, "platform");

    // The same pages at a phone's width.
    await page.setViewportSize({ width: 390, height: 844 });
    const first = agents.find((a: { name: string }) => a.name === "build-agent-1");
    for (const [path, shot] of [
      ["/platform/overview", "phone-platform"],
      ["/platform/license", "phone-platform-license"],
      ["/platform/agents", "phone-platform-agents"],
      [`/platform/agents/${first.id}`, "phone-platform-agent"],
      ["/platform/users", "phone-platform-users"],
    ]) {
      await page.goto(site.url + path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await look(page, shot!);
    }
  } finally {
    await site.stop();
  }
});
