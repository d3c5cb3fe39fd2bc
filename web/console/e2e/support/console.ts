// What a person does in the console, step by step, for the specs to reuse.
import { expect, type Page } from "@playwright/test";
import type { Licensord } from "./licensord";

export const password = "a long enough password";

export async function setUpFirstAdmin(page: Page, server: Licensord, email = "admin@example.com") {
  await page.goto(server.setupLink);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Display name").fill("Ada Admin");
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("textbox", { name: "Repeat the password" }).fill(password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByRole("button", { name: /Account menu of Ada Admin/ })).toBeVisible();
}

export async function signIn(page: Page, server: Licensord, email: string, secret = password) {
  await page.goto(server.url + "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu of/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

export async function createUser(page: Page, email: string, name: string, role: string) {
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Display name").fill(name);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: role, exact: true }).click();
  await dialog.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
}

// A change sent straight to the API with the page's own session, as a script in the page
// would: the cookie goes along, and the CSRF token the session gave.
export async function writeWithSession(page: Page, path: string, body: unknown) {
  return page.evaluate(
    async ({ path, body }) => {
      const session = await (await fetch("/v1/auth/session")).json();
      const res = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf_token },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { path, body },
  );
}
