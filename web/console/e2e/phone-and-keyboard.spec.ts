// The console at a 390-px phone width, and driven by the keyboard alone.
import { test, expect } from "./support/fixtures";
import { password, setUpFirstAdmin, signOut } from "./support/console";
import type { Licensord } from "./support/licensord";
import type { Locator, Page } from "@playwright/test";
import { expectNoSidewaysScroll } from "./support/layout";

async function someLicensing(server: Licensord) {
  const product = await server.api("POST", "/v1/products", { name: "Widget Server" });
  const customer = await server.api("POST", "/v1/customers", { name: "Acme" });
  const policy = await server.api("POST", "/v1/policies", {
    product_id: product.id,
    name: "Yearly, hybrid",
    duration_days: 365,
    max_activations: 5,
    deployment_mode: "HYBRID",
  });
  const license = await server.api("POST", "/v1/licenses", {
    policy_id: policy.id,
    customer_id: customer.id,
  });
  await server.client("/v1/client/activate", {
    code: license.code,
    fingerprint: "fp-phone-1",
    hostname: "build-agent-with-a-rather-long-host-name.example.com",
  });
  const installation = await server.api("POST", "/v1/installations", {
    customer_id: customer.id,
    tenant_id: "acme",
    environment: "PROD",
    name: "Acme production",
  });
  await server.api("POST", `/v1/installations/${installation.id}/packages`, {
    certificates: [{ type: "PLATFORM", mode: "SUBSCRIPTION", validity_days: 365 }],
  });
  return { license, installation };
}

// Presses a key (Tab by default) until `target` has the focus, as a keyboard user would; fails
// if it never does. After each press the page gets two frames to move the focus: a menu moves
// it from its own handler, after the key event, and a check made at once would look too early
// and step past the target.
async function tabTo(page: Page, target: Locator, presses = 40, key = "Tab") {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(key);
    await page.evaluate(
      () => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled))),
    );
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${key} never reached ${target}`);
}

test.describe("at a phone's width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every page fits the screen and the navigation opens from the menu button", async ({
    page,
    server,
    look,
  }) => {
    const { license, installation } = await someLicensing(server);
    await setUpFirstAdmin(page, server);
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    const pages: [string, string][] = [
      ["Dashboard", "phone-dashboard"],
      ["Licenses", "phone-licenses"],
      ["Installations", "phone-installations"],
      ["Day-cards", "phone-cards"],
      ["Fleet", "phone-fleet"],
      ["Products", "phone-products"],
      ["Policies", "phone-policies"],
      ["Customers", "phone-customers"],
      ["API tokens", "phone-tokens"],
      ["Users", "phone-users"],
      ["Webhooks", "phone-webhooks"],
      ["Signing keys", "phone-keys"],
      ["Audit log", "phone-audit"],
    ];
    for (const [item, shot] of pages) {
      await expect(nav).not.toBeInViewport();
      await page.getByRole("button", { name: "Navigation" }).click();
      await nav.getByRole("link", { name: item, exact: true }).click();
      await expect(nav).not.toBeInViewport();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await look(page, shot);
    }
    for (const [path, shot] of [
      [`/licenses/${license.id}`, "phone-license"],
      [`/licenses/${license.id}/offline`, "phone-offline"],
      ["/licenses/new", "phone-issue"],
      [`/installations/${installation.id}`, "phone-installation"],
      ["/profile", "phone-profile"],
      ["/cards?view=sales", "phone-cards-sales"],
    ]) {
      await page.goto(server.url + path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await look(page, shot!);
    }
    // Wide tables scroll within their frame, not the page.
    await page.goto(`${server.url}/licenses/${license.id}`);
    await expect(page.getByText("fp-phone-1", { exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page);
    // ... and the keyboard scrolls them: the frame takes the focus.
    const frame = page.getByRole("region", { name: "Activated machines" });
    await frame.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect(page.getByRole("button", { name: "Release fp-phone-1" })).toBeInViewport();
  });
});

test("sign-in, navigation, a confirmed action and sign-out by keyboard alone", async ({
  page,
  server,
}) => {
  const { license } = await someLicensing(server);
  await setUpFirstAdmin(page, server);
  await signOut(page);

  await page.goto(server.url + "/sign-in");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type("admin@example.com");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Password", exact: true })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // The first stop is the skip link, which takes the focus past the navigation.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();

  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await tabTo(page, nav.getByRole("link", { name: "Licenses" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/licenses$/);
  await tabTo(page, page.getByRole("link", { name: license.code }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "License" })).toBeVisible();

  // A destructive action asks first; Escape leaves everything as it was.
  const suspend = page.getByRole("button", { name: "Suspend" });
  await tabTo(page, suspend);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Suspend this license?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await server.api("GET", `/v1/licenses/${license.id}`)).status).toBe("ACTIVE");
  await suspend.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  // The focus stays within the dialog while it is open.
  await tabTo(page, dialog.getByRole("button", { name: "Suspend" }), 6);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText("SUSPENDED", { exact: true })).toBeVisible();

  // The account menu opens and works from the keyboard.
  const account = page.getByRole("button", { name: /Account menu of/ });
  await account.focus();
  await page.keyboard.press("Enter");
  const signOutItem = page.getByRole("menuitem", { name: "Sign out" });
  await expect(signOutItem).toBeVisible(); // the arrows move within the menu once it is open
  await tabTo(page, signOutItem, 4, "ArrowDown");
  await expect(signOutItem).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
