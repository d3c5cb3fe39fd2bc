// Seed 002, the statistics overview: a customer's own administrator finds License Management in
// the nickname menu, and sees the cards running low, the distribution by type and by status
// (the charts' figures equal the counts), the license types and the cards, filtered.
import { test, expect } from "./support/fixtures";
import { password, signIn, signOut, writeWithSession } from "./support/console";
import type { Licensord } from "./support/licensord";

async function someCards(server: Licensord) {
  const a = await server.api("POST", "/v1/customers", { name: "Acme" });
  await server.api("POST", "/v1/device-models", { name: "CAM-1" });
  await server.api("POST", "/v1/device-models", { name: "CAM-2" });
  await server.api("POST", "/v1/card-types", {
    code: "CAM-365",
    name: "Camera, a year",
    models: ["CAM-1", "CAM-2"],
    max_days: 365,
  });
  await server.api("POST", "/v1/card-types", {
    code: "CAM-30",
    name: "Camera, a month",
    models: ["CAM-1"],
    max_days: 30,
  });
  const issue = (type_code: string, quantity: number, days: number) =>
    server.api("POST", "/v1/cards", { type_code, customer_id: a.id, quantity, days });
  await issue("CAM-365", 7, 365);
  await issue("CAM-30", 2, 20);
  await issue("CAM-30", 1, 5);
  await server.api("POST", "/v1/users", {
    email: "ops@acme.example",
    display_name: "Acme Ops",
    role: "customer_admin",
    customer_id: a.id,
    password,
  });
  return a;
}

test("a customer's administrator reads its day-cards' statistics and lists them", async ({
  page,
  server,
  look,
}) => {
  const acme = await someCards(server);
  await signIn(page, server, "ops@acme.example");
  // A customer's user starts on the day-cards, also reached from the nickname menu.
  await expect(page.getByRole("heading", { name: "License Management", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Licensor" }).click();
  await page.getByRole("button", { name: /Account menu of Acme Ops/ }).click();
  await page.getByRole("menuitem", { name: "License Management" }).click();
  await expect(page.getByRole("heading", { name: "License Management", level: 1 })).toBeVisible();

  const statistics = await server.api("GET", `/v1/card-statistics?customer_id=${acme.id}`);
  await expect(page.getByRole("link", { name: "Fewer than 30 days left: 3 cards" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fewer than 7 days left: 1 cards" })).toBeVisible();
  // What each chart is drawn from equals the counts the server gives.
  const read = async (title: string) => {
    const rows = await page
      .getByRole("table", { name: `${title}, the figures` })
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? "")));
    return Object.fromEntries(rows.map(([name, n]) => [name, Number(n)]));
  };
  expect(await read("Cards by license type")).toEqual(statistics.by_type);
  expect(await read("Cards by license type")).toEqual({ "CAM-365": 7, "CAM-30": 3 });
  const byStatus = await read("Cards by status");
  expect(byStatus.UNUSED).toBe(10);
  for (const [status, n] of Object.entries(statistics.by_status)) expect(byStatus[status]).toBe(n);
  const types = page.getByRole("table", { name: "License types" });
  await expect(types.getByRole("row", { name: /Camera, a month/ })).toContainText("CAM-1");
  await expect(types.getByRole("row", { name: /Camera, a year/ })).toContainText("2555");
  await look(page, "cards-overview");

  // The cards running low, from the count's link; then a filter by card number.
  const cards = page.getByRole("table", { name: "Cards", exact: true });
  await expect(cards.locator("tbody tr")).toHaveCount(10);
  await page.getByRole("link", { name: "Fewer than 7 days left: 1 cards" }).click();
  await expect(page).toHaveURL(/max_days=6/);
  await expect(cards.locator("tbody tr")).toHaveCount(1);
  await expect(cards.locator("tbody tr")).toContainText("5");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(cards.locator("tbody tr")).toHaveCount(10);
  const first = (await server.api("GET", `/v1/cards?customer_id=${acme.id}&limit=1`)).data[0];
  await page.getByLabel("Card number").fill(first.number);
  await expect(cards.locator("tbody tr")).toHaveCount(1);
  await expect(cards.getByRole("cell", { name: first.number, exact: true })).toBeVisible();
  await look(page, "cards-list");

  // Locking, after a confirmation; the lock filter then finds the card, and unlocking frees it.
  await page.getByRole("button", { name: `Lock ${first.number}` }).click();
  const confirm = page.getByRole("dialog", { name: `Lock card ${first.number}?` });
  await expect(confirm).toContainText("can be neither sold nor bound");
  await confirm.getByRole("button", { name: "Lock" }).click();
  await expect(cards.getByRole("cell", { name: "Locked", exact: true })).toBeVisible();
  expect((await server.api("GET", `/v1/cards/${first.number}`)).locked).toBe(true);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("combobox", { name: "Lock status" }).click();
  await page.getByRole("option", { name: "Locked", exact: true }).click();
  await expect(cards.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("button", { name: `Unlock ${first.number}` }).click();
  await page
    .getByRole("dialog", { name: `Unlock card ${first.number}?` })
    .getByRole("button", { name: "Unlock" })
    .click();
  await expect(page.getByText("No card matches.")).toBeVisible();
  expect((await server.api("GET", `/v1/cards/${first.number}`)).locked).toBe(false);

  // The vendor's staff see every customer's cards, or one customer's, chosen at the top.
  await server.api("POST", "/v1/customers", { name: "Globex" });
  await server.api("POST", "/v1/users", {
    email: "staff@vendor.example",
    display_name: "Vendor Staff",
    role: "viewer",
    password,
  });
  await signOut(page);
  await signIn(page, server, "staff@vendor.example");
  await page.getByRole("link", { name: "Day-cards" }).click();
  await expect(page.getByRole("link", { name: "Fewer than 30 days left: 3 cards" })).toBeVisible();
  await page.getByRole("combobox", { name: "Customer in view" }).click();
  await page.getByRole("option", { name: "Globex" }).click();
  await expect(page.getByRole("link", { name: "Fewer than 30 days left: 0 cards" })).toBeVisible();
  await expect(page.getByText("No card matches.")).toBeVisible();
  await page.getByRole("combobox", { name: "Customer in view" }).click();
  await page.getByRole("option", { name: "Acme" }).click();
  await expect(cards.locator("tbody tr")).toHaveCount(10);
});

test("a superior sells cards down and manages a sub-customer's only while it allows it", async ({
  page,
  server,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 403/); // the refusal the test provokes
  const a = await server.api("POST", "/v1/customers", { name: "Acme" });
  const a1 = await server.api("POST", "/v1/customers", { name: "Acme Europe", parent_id: a.id });
  await server.api("POST", "/v1/device-models", { name: "CAM-1" });
  await server.api("POST", "/v1/card-types", {
    code: "CAM-365",
    name: "Camera, a year",
    models: ["CAM-1"],
    max_days: 365,
  });
  await server.api("POST", "/v1/cards", {
    type_code: "CAM-365",
    customer_id: a.id,
    quantity: 10,
    days: 365,
  });
  for (const [email, name, customer] of [
    ["admin@acme.example", "Acme Admin", a.id],
    ["admin@acme-europe.example", "Europe Admin", a1.id],
  ]) {
    await server.api("POST", "/v1/users", {
      email,
      display_name: name,
      role: "customer_admin",
      customer_id: customer,
      password,
    });
  }
  const cards = page.getByRole("table", { name: "Cards", exact: true });
  const view = async (name: string) => {
    await page.getByRole("combobox", { name: "Customer in view" }).click();
    await page.getByRole("option", { name, exact: true }).click();
  };

  // Acme sells four of its ten cards to Acme Europe, by quantity.
  await signIn(page, server, "admin@acme.example");
  await expect(cards.locator("tbody tr")).toHaveCount(10);
  await page.getByRole("button", { name: "Sell cards" }).click();
  const selling = page.getByRole("dialog", { name: "Sell cards" });
  await selling.getByLabel("How many cards").fill("4");
  await selling.getByRole("combobox", { name: "Sell to" }).click();
  await page.getByRole("option", { name: "Acme Europe" }).click();
  await selling.getByRole("button", { name: "Sell" }).click();
  await expect(selling).toBeHidden();
  await expect(cards.locator("tbody tr")).toHaveCount(6);

  // Acme Europe has not allowed its superior to manage its cards: Acme only views them.
  await view("Acme Europe");
  await expect(cards.locator("tbody tr")).toHaveCount(4);
  await expect(
    page.getByText("Acme Europe does not allow its superior to manage its cards"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Sell cards" })).toBeDisabled();
  const theirs = (await server.api("GET", `/v1/cards?customer_id=${a1.id}`)).data;
  await expect(page.getByRole("button", { name: `Lock ${theirs[0].number}` })).toBeDisabled();
  await look(page, "cards-superior-not-allowed");
  const refused = await writeWithSession(page, `/v1/cards/${theirs[0].number}/lock`, {});
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe("SUPERIOR_MANAGEMENT_NOT_ALLOWED");

  // Acme Europe's administrator allows it on its Customer Settings.
  await signOut(page);
  await signIn(page, server, "admin@acme-europe.example");
  await expect(cards.locator("tbody tr")).toHaveCount(4);
  await page.getByRole("switch", { name: "Allow superior to manage licenses" }).click();
  await expect(
    page.getByRole("switch", { name: "Allow superior to manage licenses" }),
  ).toBeChecked();
  await look(page, "cards-customer-settings");
  // And returns one card to Acme, after a confirmation.
  await page.getByRole("button", { name: `Return ${theirs[3].number}` }).click();
  await page
    .getByRole("dialog", { name: `Return card ${theirs[3].number}?` })
    .getByRole("button", { name: "Return" })
    .click();
  await expect(cards.locator("tbody tr")).toHaveCount(3);
  expect((await server.api("GET", `/v1/cards/${theirs[3].number}`)).customer_id).toBe(a.id);

  // Now Acme locks one of Acme Europe's cards.
  await signOut(page);
  await signIn(page, server, "admin@acme.example");
  await expect(cards.locator("tbody tr")).toHaveCount(7); // its six and the one returned
  // A direct customer has no superior to return cards to.
  await expect(page.getByRole("button", { name: /^Return / })).toHaveCount(0);
  await view("Acme Europe");
  await expect(page.getByText("does not allow its superior")).toHaveCount(0);
  await page.getByRole("button", { name: `Lock ${theirs[0].number}` }).click();
  await page
    .getByRole("dialog", { name: `Lock card ${theirs[0].number}?` })
    .getByRole("button", { name: "Lock" })
    .click();
  await expect(cards.getByRole("cell", { name: "Locked", exact: true })).toBeVisible();
  expect((await server.api("GET", `/v1/cards/${theirs[0].number}`)).locked).toBe(true);
});
