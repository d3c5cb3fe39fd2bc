// First run and roles: setup makes the first admin, who makes an operator and a viewer; each
// sees only what its role may use, and the server refuses what the page does not offer.
import { test, expect } from "./support/fixtures";
import {
  createUser,
  password,
  setUpFirstAdmin,
  signIn,
  signOut,
  writeWithSession,
} from "./support/console";

test("setup creates the first admin, who creates an operator and a viewer", async ({
  page,
  server,
  look,
  allowConsoleErrors,
}) => {
  await page.goto(server.setupLink);
  await look(page, "setup");
  await setUpFirstAdmin(page, server);
  await look(page, "profile");
  // An empty installation says where to start, each step a link to its page.
  await page.getByRole("link", { name: "Dashboard" }).click();
  const start = page.getByRole("region", { name: "Start here" });
  for (const step of ["Add a product", "Make a policy", "Add a customer", "Issue a license"]) {
    await expect(start.getByRole("link", { name: step })).toBeVisible();
  }
  await look(page, "dashboard-start-here");
  await start.getByRole("link", { name: "Add a product" }).click();
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();

  await createUser(page, "op@example.com", "Otto Operator", "Operator");
  await createUser(page, "viewer@example.com", "Vera Viewer", "Viewer");
  await look(page, "users");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("cell", { name: "initial admin", exact: true })).toBeVisible();
  await look(page, "tokens");
  await signOut(page);
  await look(page, "sign-in");

  // The operator is offered neither tokens nor users, and is refused them by address too.
  await signIn(page, server, "op@example.com");
  await expect(page.getByRole("button", { name: /Account menu of Otto Operator/ })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "API tokens" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto(server.url + "/admin/tokens");
  await expect(page.getByText("Your role may not use this page.")).toBeVisible();
  // Keys and webhooks are the admin's: the operator may look, not change.
  await nav.getByRole("link", { name: "Signing keys" }).click();
  await expect(page.getByRole("table", { name: "Signing keys" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate key" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByText("No webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add webhook" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Licenses" }).click();
  await expect(page.getByRole("link", { name: "Issue a license" })).toBeVisible();
  await signOut(page);

  // The viewer writes nothing: a write sent directly with its session is refused.
  await signIn(page, server, "viewer@example.com");
  await expect(page.getByRole("button", { name: /Account menu of Vera Viewer/ })).toBeVisible();
  await nav.getByRole("link", { name: "Licenses" }).click();
  await expect(page.getByText("No license matches these filters.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Issue a license" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Signing keys" }).click();
  await expect(page.getByRole("table", { name: "Signing keys" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Rotate|Retire/ })).toHaveCount(0);
  allowConsoleErrors(/403/);
  const refused = await writeWithSession(page, "/v1/products", { name: "Widget" });
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe("FORBIDDEN");
  const products = await server.api("GET", "/v1/products");
  expect(products.data).toEqual([]);
  expect(password.length).toBeGreaterThanOrEqual(12);
});
