// What licensord does by e-mail, through a real SMTP relay: an administrator invites someone,
// who creates their account from the mailed link; someone who forgot their password chooses a
// new one from another; and the installation's reminder recipients are set on its License page.
import { test as base, expect } from "./support/fixtures";
import { password, setUpFirstAdmin, signIn, signOut } from "./support/console";
import { Licensord } from "./support/licensord";
import { freePort, Mailbox } from "./support/mailbox";

// A licensord that sends e-mail: it is told its own address, which the links in mail point to.
const test = base.extend<{ mailbox: Mailbox }>({
  mailbox: async ({}, use) => {
    const mailbox = await Mailbox.start();
    await use(mailbox);
    mailbox.stop();
  },
  server: async ({ mailbox }, use) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await Licensord.start([
      "--listen",
      `127.0.0.1:${port}`,
      ...mailbox.smtpArgs(url),
    ]);
    await use(server);
    await server.stop();
  },
});

test("an invitation and a forgotten password are answered by e-mail", async ({
  page,
  server,
  mailbox,
  look,
}) => {
  await setUpFirstAdmin(page, server);
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite someone" });
  await dialog.getByLabel("Email").fill("clerk@example.com");
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Operator", exact: true }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "on its way to clerk@example.com" }),
  ).toBeVisible();
  const invitations = page.getByRole("table", { name: "Invitations" });
  await expect(
    invitations.getByRole("cell", { name: "clerk@example.com", exact: true }),
  ).toBeVisible();
  await look(page, "users-invitations");
  await page.setViewportSize({ width: 390, height: 844 });
  await look(page, "phone-users-invitations");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The invitee opens the mailed link in their own browser.
  await server.api("POST", "/v1/jobs/mail/run");
  await signOut(page);
  await page.goto(mailbox.linkTo("clerk@example.com", "/invitation"));
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Display name").fill("Cleo Clerk");
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("textbox", { name: "Repeat the password" }).fill(password);
  await look(page, "invitation");
  await page.setViewportSize({ width: 390, height: 844 });
  await look(page, "phone-invitation");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText("Your account is ready: sign in as clerk@example.com."),
  ).toBeVisible();
  await signIn(page, server, "clerk@example.com");
  await expect(page.getByRole("button", { name: "Account menu of Cleo Clerk" })).toBeVisible();
  await signOut(page);

  // The same person forgets the password.
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill("clerk@example.com");
  await look(page, "forgot-password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "if this address has an account" }),
  ).toBeVisible();
  await server.api("POST", "/v1/jobs/mail/run");
  await page.goto(mailbox.linkTo("clerk@example.com", "/reset-password"));
  await page
    .getByRole("textbox", { name: "New password", exact: true })
    .fill("a brand new password");
  await page.getByRole("textbox", { name: "Repeat the password" }).fill("a different one!!");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await page.getByRole("textbox", { name: "Repeat the password" }).fill("a brand new password");
  await look(page, "reset-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed: sign in with it.")).toBeVisible();
  await signIn(page, server, "clerk@example.com", "a brand new password");
  await expect(page.getByRole("button", { name: "Account menu of Cleo Clerk" })).toBeVisible();
});

test("a used link says so and offers a new one", async ({
  page,
  server,
  mailbox,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/); // the refusal the test provokes
  await setUpFirstAdmin(page, server);
  await signOut(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("if this address has an account");
  await server.api("POST", "/v1/jobs/mail/run");
  const link = mailbox.linkTo("admin@example.com", "/reset-password");
  const choose = async (secret: string) => {
    await page.goto(link);
    await page.getByRole("textbox", { name: "New password", exact: true }).fill(secret);
    await page.getByRole("textbox", { name: "Repeat the password" }).fill(secret);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await choose("new password number one");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await choose("new password number two");
  await expect(page.getByRole("alert")).toContainText("the password link is not valid");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});
