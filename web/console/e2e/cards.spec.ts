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

// Seed 002 across three levels: the vendor (V) sets up its fleet and sells ten cards to Acme
// (A), which sells four to Acme Europe (A1); A1 decides whether A may manage its cards; A binds
// one to A1's device; a day later the deductions are shown, and a device left without days is
// blacklisted, until the vendor adds days and lifts it.
test("cards go down three levels, are bound, pay a day, and a device runs dry", async ({
  page,
  server,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 403/); // the refusal the test provokes
  const a = await server.api("POST", "/v1/customers", { name: "Acme" });
  const a1 = await server.api("POST", "/v1/customers", { name: "Acme Europe", parent_id: a.id });
  for (const [email, name, role, customer] of [
    ["fleet@vendor.example", "Vendor Fleet", "operator", undefined],
    ["admin@acme.example", "Acme Admin", "customer_admin", a.id],
    ["admin@acme-europe.example", "Europe Admin", "customer_admin", a1.id],
  ] as const) {
    await server.api("POST", "/v1/users", {
      email,
      display_name: name,
      role,
      customer_id: customer,
      password,
    });
  }
  const cards = page.getByRole("table", { name: "Cards", exact: true });
  const devices = page.getByRole("table", { name: "Devices", exact: true });
  const choose = async (label: string, option: string) => {
    await page.getByRole("combobox", { name: label }).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };
  const view = (name: string) => choose("Customer in view", name);
  // The customer selector shows the hierarchy: a sub-customer sits under its parent.
  const depthOf = async (name: string) =>
    Number(
      await page
        .getByRole("option", { name, exact: true })
        .locator("[data-depth]")
        .getAttribute("data-depth"),
    );
  const confirm = async (button: string, dialog: string, action: string) => {
    await page.getByRole("button", { name: button, exact: true }).click();
    await page.getByRole("dialog", { name: dialog }).getByRole("button", { name: action }).click();
    await expect(page.getByRole("dialog", { name: dialog })).toBeHidden();
  };

  // 1. The vendor's fleet: two models, a card type for one, three devices of Acme Europe.
  await signIn(page, server, "fleet@vendor.example");
  await page.getByRole("link", { name: "Fleet", exact: true }).click();
  for (const model of ["CAM-1", "DOOR-1"]) {
    await page.getByLabel("New model").fill(model);
    await page.getByRole("button", { name: "Add model" }).click();
    await expect(page.getByRole("table", { name: "Device models" })).toContainText(model);
  }
  await page.getByRole("button", { name: "New card type" }).click();
  const newType = page.getByRole("dialog", { name: "New card type" });
  await newType.getByLabel("Code").fill("CAM-365");
  await newType.getByLabel("Name").fill("Camera, a year");
  await newType.getByRole("combobox", { name: "Device models" }).click();
  await page.getByRole("option", { name: "CAM-1", exact: true }).click();
  await newType.getByRole("button", { name: "Create card type" }).click();
  await expect(newType).toBeHidden();
  await expect(page.getByRole("table", { name: "Card types" })).toContainText("Camera, a year");
  for (const [number, model] of [
    ["EU-CAM-01", "CAM-1"],
    ["EU-CAM-02", "CAM-1"],
    ["EU-DOOR-01", "DOOR-1"],
  ] as const) {
    await page.getByRole("button", { name: "Register a device" }).click();
    const register = page.getByRole("dialog", { name: "Register a device" });
    await register.getByLabel("Device number").fill(number);
    await register.getByRole("combobox", { name: "Model" }).click();
    await page.getByRole("option", { name: model, exact: true }).click();
    await register.getByRole("combobox", { name: "Customer" }).click();
    await page.getByRole("option", { name: "Acme Europe", exact: true }).click();
    await register.getByRole("button", { name: "Register device" }).click();
    await expect(register).toContainText("cannot show it again");
    if (number === "EU-CAM-01") await look(page, "fleet-device-credential");
    await register.getByRole("button", { name: "Done" }).click();
  }
  await expect(devices.locator("tbody tr")).toHaveCount(3);
  await look(page, "fleet");
  // Ten cards sold to Acme by quantity, and one of a single day to Acme Europe.
  const issueCards = async (customer: string, quantity: string, days: string) => {
    await page.getByRole("button", { name: "Issue cards" }).click();
    const issuing = page.getByRole("dialog", { name: "Issue cards" });
    await issuing.getByRole("combobox", { name: "Card type" }).click();
    await page.getByRole("option", { name: "Camera, a year (CAM-365)" }).click();
    await issuing.getByRole("combobox", { name: "Customer" }).click();
    await page.getByRole("option", { name: customer, exact: true }).click();
    await issuing.getByLabel("How many cards").fill(quantity);
    await issuing.getByLabel("Days on each card").fill(days);
    await issuing.getByRole("button", { name: "Issue cards" }).click();
    await expect(issuing).toBeHidden();
  };
  await issueCards("Acme", "10", "365");
  await issueCards("Acme Europe", "1", "1");
  expect((await server.api("GET", `/v1/cards?customer_id=${a.id}`)).data).toHaveLength(10);

  // 2. Acme sells four of its ten to Acme Europe by quantity ("batch select").
  await signOut(page);
  await signIn(page, server, "admin@acme.example");
  await page.getByRole("combobox", { name: "Customer in view" }).click();
  expect(await depthOf("Acme")).toBe(0);
  expect(await depthOf("Acme Europe")).toBe(1);
  await page.keyboard.press("Escape");
  await view("Acme");
  await expect(cards.locator("tbody tr")).toHaveCount(10);
  await page.getByRole("button", { name: "Sell cards" }).click();
  const selling = page.getByRole("dialog", { name: "Sell cards" });
  await selling.getByRole("combobox", { name: "Card type" }).click();
  await page.getByRole("option", { name: "Camera, a year (CAM-365)" }).click();
  await selling.getByRole("textbox", { name: "Days on each card" }).fill("365");
  await selling.getByLabel("How many cards").fill("4");
  // The cards that will go are named before the sale, and they are the ones sold.
  const firstFour = (await server.api("GET", `/v1/cards?customer_id=${a.id}&limit=4`)).data.map(
    (c: { number: string }) => c.number,
  );
  await expect(selling.getByRole("status", { name: "The cards that will be sold" })).toHaveText(
    `These 4 will go: ${firstFour.join(", ")}`,
  );
  await selling.getByRole("combobox", { name: "Sell to" }).click();
  await page.getByRole("option", { name: "Acme Europe" }).click();
  await look(page, "cards-sell-by-quantity");
  await selling.getByRole("button", { name: "Sell 4" }).click();
  await expect(selling).toBeHidden();
  await expect(cards.locator("tbody tr")).toHaveCount(6);
  for (const number of firstFour) {
    expect((await server.api("GET", `/v1/cards/${number}`)).customer_id).toBe(a1.id);
  }
  // And two more by ticking them.
  const own = (await server.api("GET", `/v1/cards?customer_id=${a.id}`)).data;
  await page.getByRole("checkbox", { name: `Select ${own[0].number}` }).check();
  await page.getByRole("checkbox", { name: `Select ${own[1].number}` }).check();
  await page.getByRole("button", { name: "Sell 2 ticked" }).click();
  await expect(selling).toContainText(`${own[0].number}, ${own[1].number}`);
  await selling.getByRole("combobox", { name: "Sell to" }).click();
  await page.getByRole("option", { name: "Acme Europe" }).click();
  await selling.getByRole("button", { name: "Sell" }).click();
  await expect(cards.locator("tbody tr")).toHaveCount(4);
  expect((await server.api("GET", `/v1/cards/${own[1].number}`)).customer_id).toBe(a1.id);

  // 3. Acme Europe has not allowed its superior to manage its cards: Acme only views them,
  // and the API refuses it too.
  await view("Acme Europe");
  await expect(cards.locator("tbody tr")).toHaveCount(7);
  await expect(
    page.getByText("Acme Europe does not allow its superior to manage its cards"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Sell cards" })).toBeDisabled();
  const theirs = (await server.api("GET", `/v1/cards?customer_id=${a1.id}&min_days=2`)).data;
  await expect(page.getByRole("button", { name: `Lock ${theirs[0].number}` })).toBeDisabled();
  await expect(page.getByRole("button", { name: `Bind card ${theirs[1].number}` })).toBeDisabled();
  await look(page, "cards-superior-not-allowed");
  const refused = await writeWithSession(page, `/v1/cards/${theirs[0].number}/lock`, {});
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe("SUPERIOR_MANAGEMENT_NOT_ALLOWED");

  // 4. Acme Europe's administrator allows it on its Customer Settings, returns one card, and
  // binds its one-day card to a camera.
  await signOut(page);
  await signIn(page, server, "admin@acme-europe.example");
  await expect(cards.locator("tbody tr")).toHaveCount(7);
  await page.getByRole("switch", { name: "Allow superior to manage licenses" }).click();
  await expect(
    page.getByRole("switch", { name: "Allow superior to manage licenses" }),
  ).toBeChecked();
  await look(page, "cards-customer-settings");
  await confirm(`Return ${theirs[3].number}`, `Return card ${theirs[3].number}?`, "Return");
  await expect(cards.locator("tbody tr")).toHaveCount(6);
  expect((await server.api("GET", `/v1/cards/${theirs[3].number}`)).customer_id).toBe(a.id);
  const oneDay = (await server.api("GET", `/v1/cards?customer_id=${a1.id}&max_days=1`)).data[0];
  await page.getByRole("button", { name: `Bind card ${oneDay.number}` }).click();
  const binding = page.getByRole("dialog", { name: `Bind card ${oneDay.number}` });
  await binding.getByRole("combobox", { name: "Device" }).click();
  await page.getByRole("option", { name: "EU-CAM-02 (CAM-1)" }).click();
  await binding.getByRole("button", { name: "Bind" }).click();
  await expect(binding).toBeHidden();

  // 5. Now Acme binds one of Acme Europe's cards to its camera, and locks another. The bind
  // dialog offers only the devices the card's type covers: no door controller.
  await signOut(page);
  await signIn(page, server, "admin@acme.example");
  await view("Acme Europe");
  await expect(page.getByText("does not allow its superior")).toHaveCount(0);
  await page.getByRole("button", { name: `Bind card ${theirs[1].number}` }).click();
  const bind = page.getByRole("dialog", { name: `Bind card ${theirs[1].number}` });
  await expect(bind).toContainText("Devices of model CAM-1");
  await bind.getByRole("combobox", { name: "Device" }).click();
  await expect(page.getByRole("option", { name: /EU-DOOR-01/ })).toHaveCount(0);
  await look(page, "cards-bind");
  await page.getByRole("option", { name: "EU-CAM-01 (CAM-1)" }).click();
  await bind.getByRole("button", { name: "Bind" }).click();
  await expect(bind).toBeHidden();
  await expect(cards.getByRole("row", { name: new RegExp(theirs[1].number) })).toContainText(
    "EU-CAM-01",
  );
  await confirm(`Lock ${theirs[0].number}`, `Lock card ${theirs[0].number}?`, "Lock");
  await expect(cards.getByRole("cell", { name: "Locked", exact: true })).toBeVisible();
  expect((await server.api("GET", `/v1/cards/${theirs[0].number}`)).locked).toBe(true);
  expect((await server.api("GET", `/v1/cards/${theirs[1].number}`)).device_number).toBe(
    "EU-CAM-01",
  );
  // The sales records show what Acme Europe received, by method.
  await page.getByRole("tab", { name: "Sales records" }).click();
  const records = page.getByRole("table", { name: "Sales records" });
  await expect(records.locator("tbody tr")).toHaveCount(7); // six sold to it, one returned
  await choose("Method", "Returned");
  await expect(records.locator("tbody tr")).toHaveCount(1);
  await expect(records).toContainText(theirs[3].number);
  // Who did it, by name: Acme Europe's administrator returned it.
  await expect(records.getByRole("row", { name: new RegExp(theirs[3].number) })).toContainText(
    "Europe Admin",
  );
  await look(page, "cards-sales-records");

  // 6. The pie charts' figures equal the counts: two bound cards are INACTIVE until they pay.
  const statistics = await server.api("GET", `/v1/card-statistics?customer_id=${a1.id}`);
  const byStatus = Object.fromEntries(
    (
      await page
        .getByRole("table", { name: "Cards by status, the figures" })
        .locator("tbody tr")
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? "")))
    ).map(([name, n]) => [name, Number(n)]),
  );
  expect(statistics.by_status.INACTIVE).toBe(2);
  for (const [status, n] of Object.entries(statistics.by_status)) expect(byStatus[status]).toBe(n);

  // 7. The day's run charges both bound cards; a day later the one-day card has nothing left
  // and its camera is blacklisted. Both are shown.
  await server.api("POST", "/v1/jobs/deduction/run");
  server.advanceDays(1);
  const run = await server.api("POST", "/v1/jobs/deduction/run");
  expect(run.blacklisted).toBe(1);
  await signIn(page, server, "admin@acme.example"); // the session ended while the clock jumped
  await view("Acme Europe");
  const types = page.getByRole("table", { name: "License types" });
  await expect(types).toContainText("Camera, a year");
  await page.getByRole("tab", { name: "Deduction records" }).click();
  const deductions = page.getByRole("table", { name: "Deductions" });
  await expect(deductions.locator("tbody tr")).toHaveCount(3); // EU-CAM-01 twice, EU-CAM-02 once
  await expect(deductions.getByRole("row", { name: /EU-CAM-02/ })).toContainText(oneDay.number);
  await look(page, "cards-deductions");
  await page.getByRole("tab", { name: "Cards" }).click();
  await page.getByRole("button", { name: `Deductions of card ${theirs[1].number}` }).click();
  const ofCard = page.getByRole("dialog", { name: `Deductions of card ${theirs[1].number}` });
  await expect(ofCard.getByRole("table", { name: "Deductions" }).locator("tbody tr")).toHaveCount(
    2,
  );
  await expect(ofCard).toContainText("363"); // the days left after the second
  await page.keyboard.press("Escape");
  await page.getByRole("tab", { name: "Devices" }).click();
  const dry = devices.getByRole("row", { name: /EU-CAM-02/ });
  await expect(dry.getByText("Blacklisted", { exact: true })).toBeVisible();
  await expect(dry).toContainText("2 Jan 2027, 00:00 UTC"); // paid until
  await expect(devices.getByRole("row", { name: /EU-CAM-01/ })).toContainText("Reporting");
  await expect(page.getByRole("button", { name: /Lift the blacklisting/ })).toHaveCount(0);
  await look(page, "cards-devices-blacklisted");

  // 8. The vendor adds days to the card and lifts the blacklisting.
  await signOut(page);
  await signIn(page, server, "fleet@vendor.example");
  await page.getByRole("link", { name: "Day-cards" }).click();
  await view("Acme Europe");
  await page.getByRole("button", { name: `Add days to card ${oneDay.number}` }).click();
  const adding = page.getByRole("dialog", { name: `Add days to card ${oneDay.number}` });
  await adding.getByLabel("Days to add").fill("30");
  await adding.getByRole("button", { name: "Add days" }).click();
  await expect(adding).toBeHidden();
  expect((await server.api("GET", `/v1/cards/${oneDay.number}`)).available_days).toBe(30);
  await page.getByRole("tab", { name: "Devices" }).click();
  await confirm(
    "Lift the blacklisting of EU-CAM-02",
    "Lift the blacklisting of EU-CAM-02?",
    "Lift",
  );
  await expect(devices.getByRole("row", { name: /EU-CAM-02/ })).toContainText("Reporting");
  expect((await server.api("GET", "/v1/devices/EU-CAM-02")).blacklisted).toBe(false);
});
