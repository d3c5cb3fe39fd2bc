// One's own profile: the nickname in the top-right corner, and the password, whose refusals
// stand beside the field they concern.
import { test, expect } from "./support/fixtures";
import { password, setUpFirstAdmin, signIn, signOut } from "./support/console";

test("the display name and the password are changed from the profile", async ({
  page,
  server,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of (400|401)/); // the refusals the test provokes
  await setUpFirstAdmin(page, server);
  await page.getByRole("button", { name: /Account menu of/ }).click();
  await page.getByRole("menuitem", { name: "Profile and password" }).click();

  const name = page.getByRole("textbox", { name: "Display name" });
  await name.fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("Ada L.");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("button", { name: "Account menu of Ada L." })).toBeVisible();

  const current = page.getByLabel("Current password");
  const fresh = page.getByLabel("New password");
  await current.fill("not the password at all");
  await fresh.fill("another long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("the current password is not right")).toBeVisible();
  await current.fill(password);
  await fresh.fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(fresh).toHaveAttribute("aria-invalid", "true");
  await expect(current).not.toHaveAttribute("aria-invalid", "true");
  await fresh.fill("another long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await signOut(page);
  await signIn(page, server, "admin@example.com", "another long password");
  await expect(page.getByRole("button", { name: "Account menu of Ada L." })).toBeVisible();
});
