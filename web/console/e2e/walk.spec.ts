// A newcomer's walk through the seeds, as the problems it met: each test would have caught one.
// Wide tables keep their state and actions in view, at 1280 px and at 390 px; names show where
// people expect names; a blacklisted device recovers (seed 002); each status has one colour;
// and each console says what its server is for.
import { test, expect } from "./support/fixtures";
import { password, setUpFirstAdmin, signIn, signOut } from "./support/console";
import { Licensord } from "./support/licensord";
import type { Locator, Page } from "@playwright/test";

const phone = { width: 390, height: 844 };

// Scrolls the page, never a table's frame, until `row` is in view: what is then in the
// viewport is what its user sees without scrolling sideways.
async function scrollDownTo(row: Locator) {
  await row.evaluate((el) => el.scrollIntoView({ block: "center", inline: "nearest" }));
}

// Nothing on the page scrolls sideways: wide tables scroll inside their own frame.
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("a machine's fingerprint is shortened, and its state and Release stay in view", async ({
  page,
  server,
  look,
}) => {
  const product = await server.api("POST", "/v1/products", { name: "Widget Server" });
  const customer = await server.api("POST", "/v1/customers", { name: "Acme" });
  const policy = await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: "Annual",
    duration_days: 365,
    max_activations: 3,
  });
  const license = await server.api("POST", "/v1/licenses", {
    policy_id: policy.id,
    customer_id: customer.id,
  });
  const fingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  const activated = await server.client("/v1/client/activate", {
    code: license.code,
    fingerprint,
    hostname: "build-server-with-a-long-name.acme.example",
    platform: "linux-x86_64",
  });
  expect(activated.status).toBe(201);

  await setUpFirstAdmin(page, server);
  for (const [size, name] of [
    [{ width: 1280, height: 800 }, "license-machines"],
    [phone, "license-machines-phone"],
  ] as const) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/licenses/${license.id}`);
    const machines = page.getByRole("table", { name: "Activated machines" });
    const row = machines.getByRole("row", { name: /9f86d081/ });
    await scrollDownTo(row);
    await expect(row.getByText("ALIVE", { exact: true })).toBeInViewport();
    await expect(row.getByRole("button", { name: `Release ${fingerprint}` })).toBeInViewport();
    await expect(row.getByText(fingerprint)).toHaveCount(0); // shortened
    await expectNoSidewaysScroll(page);
    await look(page, name);
  }
  // The whole fingerprint on demand, and copied whole.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "fingerprint 9f86d081…0a08: show it whole" }).click();
  await expect(page.getByLabel("The whole fingerprint")).toHaveText(fingerprint);
  await page.keyboard.press("Escape");
  // Release works from where it is.
  await page.getByRole("button", { name: `Release ${fingerprint}` }).click();
  await page
    .getByRole("dialog", { name: "Release this machine's slot?" })
    .getByRole("button", { name: "Release" })
    .click();
  await expect(page.getByText("No machine has activated this license.")).toBeVisible();
});

// Seed 002: "if the device is blacklisted, you can purchase additional available days". The
// customer binds a card with days to its blacklisted camera (the Bind dialog offers it), the
// vendor lifts the blacklisting, and the next day's run charges the new card.
test("a blacklisted device recovers with a card bound to it and the blacklisting lifted", async ({
  page,
  server,
  look,
}) => {
  await setUpFirstAdmin(page, server);
  const acme = await server.api("POST", "/v1/customers", { name: "Acme" });
  await server.api("POST", "/v1/device-models", { name: "Camera C200" });
  await server.api("POST", "/v1/card-types", {
    code: "C200-YEAR",
    name: "Camera C200, a year",
    models: ["Camera C200"],
    max_days: 365,
  });
  await server.api("POST", "/v1/devices", {
    number: "CAM-0001",
    model: "Camera C200",
    customer_id: acme.id,
  });
  const [oneDay] = (
    await server.api("POST", "/v1/cards", {
      type_code: "C200-YEAR",
      customer_id: acme.id,
      quantity: 1,
      days: 1,
    })
  ).data;
  const [month] = (
    await server.api("POST", "/v1/cards", {
      type_code: "C200-YEAR",
      customer_id: acme.id,
      quantity: 1,
      days: 30,
    })
  ).data;
  await server.api("POST", "/v1/users", {
    email: "ops@acme.example",
    display_name: "Acme Ops",
    role: "customer_admin",
    customer_id: acme.id,
    password,
  });
  const cards = page.getByRole("table", { name: "Cards", exact: true });
  const bind = async (card: string, option: string | RegExp) => {
    await page.getByRole("button", { name: `Bind card ${card}` }).click();
    const dialog = page.getByRole("dialog", { name: `Bind card ${card}` });
    await dialog.getByRole("combobox", { name: "Device" }).click();
    await page.getByRole("option", { name: option }).click();
    await dialog.getByRole("button", { name: "Bind" }).click();
    await expect(dialog).toBeHidden();
  };

  // The customer binds its one-day card; the card table's actions are in view at 1280 px.
  await signOut(page);
  await signIn(page, server, "ops@acme.example");
  await scrollDownTo(cards.getByRole("row", { name: new RegExp(oneDay.number) }));
  await expect(page.getByRole("button", { name: `Bind card ${oneDay.number}` })).toBeInViewport();
  await expect(page.getByRole("button", { name: `Lock ${month.number}` })).toBeInViewport();
  await bind(oneDay.number, "CAM-0001 (Camera C200)");
  await expect(cards.getByRole("row", { name: new RegExp(oneDay.number) })).toContainText(
    "CAM-0001",
  );

  // Two days' runs: the card pays one, then nothing is left and the camera is blacklisted.
  await server.api("POST", "/v1/jobs/deduction/run");
  server.advanceDays(1);
  expect((await server.api("POST", "/v1/jobs/deduction/run")).blacklisted).toBe(1);

  // The Bind dialog offers the blacklisted camera, saying that this card lets it recover.
  await signIn(page, server, "ops@acme.example");
  await page.getByRole("tab", { name: "Devices" }).click();
  const devices = page.getByRole("table", { name: "Devices", exact: true });
  await expect(devices.getByRole("row", { name: /CAM-0001/ })).toContainText("Blacklisted");
  await expect(devices.getByRole("row", { name: /CAM-0001/ })).toContainText("Acme");
  await page.getByRole("tab", { name: "Cards" }).click();
  await page.getByRole("button", { name: `Bind card ${month.number}` }).click();
  await page
    .getByRole("dialog", { name: `Bind card ${month.number}` })
    .getByRole("combobox", { name: "Device" })
    .click();
  await expect(
    page.getByRole("option", { name: "CAM-0001 (Camera C200, blacklisted: this card's days" }),
  ).toBeVisible();
  await look(page, "cards-bind-blacklisted");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await bind(month.number, /^CAM-0001 \(Camera C200, blacklisted/);

  // The vendor lifts the blacklisting; vendor staff read why they have no Bind or Sell here.
  await signOut(page);
  await signIn(page, server, "admin@example.com");
  await page.getByRole("link", { name: "Day-cards" }).click();
  await expect(page.getByRole("note")).toContainText(
    "Cards are sold, bound to devices, locked and returned by each customer's own users",
  );
  await page.getByRole("tab", { name: "Devices" }).click();
  await page.getByRole("button", { name: "Lift the blacklisting of CAM-0001" }).click();
  await page
    .getByRole("dialog", { name: "Lift the blacklisting of CAM-0001?" })
    .getByRole("button", { name: "Lift" })
    .click();
  await expect(devices.getByRole("row", { name: /CAM-0001/ })).toContainText("Reporting");

  // The next run charges the new card, and the camera stays off the blacklist.
  server.advanceDays(1);
  expect((await server.api("POST", "/v1/jobs/deduction/run")).blacklisted).toBe(0);
  expect((await server.api("GET", "/v1/devices/CAM-0001")).blacklisted).toBe(false);
  expect((await server.api("GET", `/v1/cards/${month.number}`)).available_days).toBe(29);
});

test("a model is named as it is sold, and a refused name says what is allowed", async ({
  page,
  server,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/); // the refusal the test provokes
  await setUpFirstAdmin(page, server);
  await page.getByRole("link", { name: "Fleet", exact: true }).click();
  const field = page.getByLabel("New model");
  await field.fill("Camera C200");
  await page.getByRole("button", { name: "Add model" }).click();
  await expect(page.getByRole("table", { name: "Device models" })).toContainText("Camera C200");
  await field.fill(" Camera C300");
  await page.getByRole("button", { name: "Add model" }).click();
  await expect(
    page.getByText(
      "name may hold letters, digits, punctuation and spaces between words, but no control characters and no space at either end",
    ),
  ).toBeVisible();
});

test("each card status has one colour, in the badges and in the chart", async ({
  page,
  server,
}) => {
  const acme = await server.api("POST", "/v1/customers", { name: "Acme" });
  await server.api("POST", "/v1/device-models", { name: "CAM-1" });
  await server.api("POST", "/v1/card-types", {
    code: "CAM-365",
    name: "Camera, a year",
    models: ["CAM-1"],
    max_days: 365,
  });
  await server.api("POST", "/v1/devices", { number: "D-1", model: "CAM-1", customer_id: acme.id });
  await server.api("POST", "/v1/cards", {
    type_code: "CAM-365",
    customer_id: acme.id,
    quantity: 3,
    days: 365,
  });
  await server.api("POST", "/v1/users", {
    email: "ops@acme.example",
    display_name: "Acme Ops",
    role: "customer_admin",
    customer_id: acme.id,
    password,
  });
  const [card] = (await server.api("GET", `/v1/cards?customer_id=${acme.id}`)).data;
  await signIn(page, server, "ops@acme.example");
  await page.getByRole("button", { name: `Bind card ${card.number}` }).click();
  const dialog = page.getByRole("dialog", { name: `Bind card ${card.number}` });
  await dialog.getByRole("combobox", { name: "Device" }).click();
  await page.getByRole("option", { name: "D-1 (CAM-1)" }).click();
  await dialog.getByRole("button", { name: "Bind" }).click();
  await expect(dialog).toBeHidden();

  // The chart skips empty statuses, so colours by order would shift; by status they do not.
  const chart = page.getByRole("img", { name: "Cards by status" });
  const fill = (status: string) =>
    chart
      .locator("path", { has: page.locator(`title:text-matches("^${status}:")`) })
      .evaluate((path) => getComputedStyle(path).fill);
  const badge = (status: string) =>
    page
      .getByRole("table", { name: "Cards", exact: true })
      .getByText(status, { exact: true })
      .first()
      .evaluate((el) => getComputedStyle(el.closest(".mantine-Badge-root")!).backgroundColor);
  expect(await fill("INACTIVE")).toBe(await badge("INACTIVE"));
  expect(await fill("UNUSED")).toBe(await badge("UNUSED"));
  expect(await fill("INACTIVE")).not.toBe(await fill("UNUSED"));
});

test("names show where ids were: history, audit log, users' customers", async ({
  page,
  server,
}) => {
  await setUpFirstAdmin(page, server);
  const acme = await server.api("POST", "/v1/customers", { name: "Acme" });
  await server.api("POST", "/v1/users", {
    email: "ops@acme.example",
    display_name: "Acme Ops",
    role: "customer_admin",
    customer_id: acme.id,
    password,
  });
  // A change made in the console, then read back in the audit log by name.
  await page.getByRole("link", { name: "Products" }).click();
  await page.getByRole("button", { name: "New product" }).click();
  const dialog = page.getByRole("dialog", { name: "New product" });
  await dialog.getByLabel("Name").fill("Widget Server");
  await dialog.getByRole("button", { name: "Create product" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row", { name: /product.created/ })).toContainText("Ada Admin (you)");
  // The admin token's own changes are named as the token.
  await expect(log.getByRole("row", { name: /customer.created/ })).toContainText("API token");
  // Actors are named; the id is on hover, and still what the actor filter takes.
  await expect(log.getByRole("button", { name: /^usr_|^tok_/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Users" }).click();
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row", { name: /Acme Ops/ })).toContainText("Acme");
  await expect(users.getByText(acme.id)).toHaveCount(0);
});

// Seeds 000 and 001 need two servers: the vendor's, which issues the files, and the
// installation's own, which serves the platform's registry. Each console says which it is.
test("the vendor's console gives the installation's id; the installation's offers only its pages", async ({
  page,
  server,
  context,
  look,
}) => {
  await setUpFirstAdmin(page, server);
  const acme = await server.api("POST", "/v1/customers", { name: "Acme" });
  const installation = await server.api("POST", "/v1/installations", {
    customer_id: acme.id,
    tenant_id: "acme",
    environment: "PROD",
    name: "Acme production",
  });
  await page.goto(`${server.url}/installations/${installation.id}`);
  await expect(page.getByTestId("copy-installation id")).toHaveText(installation.id);
  await expect(
    page.getByText(`licensord --registry-installation-id ${installation.id}`),
  ).toBeVisible();
  await look(page, "installation-own-licensord");

  const site = await Licensord.startRegistry(server, installation.id);
  try {
    expect(site.log()).toContain(`Serving the registry of installation ${installation.id}`);
    const other = await context.newPage();
    await setUpFirstAdmin(other, site);
    await expect(other.getByText("Installation registry")).toBeVisible();
    const nav = other.getByRole("navigation", { name: "Main navigation" });
    for (const vendorPage of ["Dashboard", "Licenses", "Installations", "Fleet", "Products"]) {
      await expect(nav.getByRole("link", { name: vendorPage, exact: true })).toHaveCount(0);
    }
    for (const sitePage of ["Platform", "License", "Agents", "Users", "Audit log"]) {
      await expect(nav.getByRole("link", { name: sitePage, exact: true })).toBeVisible();
    }
    await look(other, "registry-console");
    await other.close();
  } finally {
    await site.stop();
  }
});

// At a phone's width every wide table keeps its row actions at its right edge, in view; the
// columns between scroll beneath them.
test("on a phone, each wide table's row actions stay in view", async ({ page, server, look }) => {
  await setUpFirstAdmin(page, server);
  await server.api("POST", "/v1/users", {
    email: "op@example.com",
    display_name: "Otto Operator",
    role: "operator",
    password,
  });
  await server.api("POST", "/v1/keys/rotate");
  await page.setViewportSize(phone);
  for (const [path, table, name] of [
    ["/admin/users", "Users", "users-phone"],
    ["/admin/keys", "Signing keys", "signing-keys-phone"],
    ["/admin/audit", "Audit log", "audit-log-phone"],
  ] as const) {
    await page.goto(server.url + path);
    const row = page.getByRole("table", { name: table, exact: true }).locator("tbody tr").first();
    await scrollDownTo(row);
    await expect(row.locator("td").last().getByRole("button").first()).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await look(page, name);
  }
});
