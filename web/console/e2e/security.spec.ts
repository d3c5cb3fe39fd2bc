// The console's sign-in and session, tried as an attacker would: guessing passwords, replaying
// a cookie after sign-out, posting from another site, and reading the cookie from a script.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "./support/fixtures";
import { password, setUpFirstAdmin, signIn, signOut } from "./support/console";
import { Licensord } from "./support/licensord";

test("a wrong password and an unknown email get the same answer; repeated failures get 429", async ({
  page,
  server,
  look,
  allowConsoleErrors,
}) => {
  await setUpFirstAdmin(page, server);
  await signOut(page);
  allowConsoleErrors(/status of 401|status of 429/);

  await signIn(page, server, "admin@example.com", "not the right password");
  const wrong = await page.getByRole("alert").textContent();
  await signIn(page, server, "nobody@example.com", password);
  const unknown = await page.getByRole("alert").textContent();
  expect(wrong).toBe("the email or the password is not right");
  expect(unknown).toBe(wrong);
  await look(page, "sign-in-refused");

  // Each refusal is awaited: a sign-in left running would hold the server's one password slot.
  for (let i = 0; i < 4; ++i) {
    await signIn(page, server, "admin@example.com", `wrong ${i} password`);
    await expect(page.getByRole("alert")).toContainText(/not right|too many/);
  }
  await signIn(page, server, "admin@example.com", password);
  await expect(page.getByRole("alert")).toContainText("too many failed sign-ins");
  const res = await page.request.post(server.url + "/v1/auth/login", {
    data: { email: "admin@example.com", password },
    headers: { Origin: server.url },
  });
  expect(res.status()).toBe(429);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
});

test("signing out ends the session, and its cookie opens nothing afterwards", async ({
  page,
  server,
  context,
}) => {
  await setUpFirstAdmin(page, server);
  const [cookie] = await context.cookies();
  await signOut(page);
  await page.goto(server.url + "/admin/users");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const replay = await fetch(server.url + "/v1/auth/me", {
    headers: { Cookie: `${cookie!.name}=${cookie!.value}` },
  });
  expect(replay.status).toBe(401);
});

test("the cookie is HttpOnly and SameSite=Strict, and the page's policy is strict", async ({
  page,
  server,
  context,
}) => {
  const response = await page.goto(server.setupLink);
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9_-]{22}'/);
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["referrer-policy"]).toBe("same-origin");
  expect(response!.headers()["cache-control"]).toBe("no-store");
  // Each page has a nonce of its own.
  const again = await fetch(server.url + "/");
  expect(again.headers.get("content-security-policy")).not.toBe(csp);

  await setUpFirstAdmin(page, server);
  const cookies = await context.cookies();
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({
    name: expect.stringMatching(/^licensor_session_[0-9a-f]{8}$/),
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure: false, // served over plain HTTP on loopback; over HTTPS it is Secure and __Host-
  });
  expect(await page.evaluate(() => document.cookie)).toBe("");
});

test("a cross-site POST that carries the cookie is refused", async ({
  page,
  server,
  context,
  allowConsoleErrors,
}) => {
  await setUpFirstAdmin(page, server);
  const [cookie] = await context.cookies();
  const refused = await fetch(server.url + "/v1/products", {
    method: "POST",
    headers: {
      Cookie: `${cookie!.name}=${cookie!.value}`,
      Origin: "http://evil.example",
      "Sec-Fetch-Site": "cross-site",
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ name: "Planted" }),
  });
  expect(refused.status).toBe(403);
  expect((await refused.json()).code).toBe("CSRF_REJECTED");

  // And from a real page on another site: the browser keeps the cookie home, and the server
  // would refuse the request anyway.
  const evil: Server = createServer((_, res) => {
    res.setHeader("Content-Type", "text/html");
    res.end(`<form method="post" action="${server.url}/v1/products" enctype="text/plain">
      <input name='{"name":"Planted","x":"' value='"}'></form>
      <script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((ready) => evil.listen(0, "localhost", ready));
  const port = (evil.address() as AddressInfo).port;
  allowConsoleErrors(/\/v1\/products: Failed to load resource/); // the attacker's page
  const attack = await context.newPage();
  const posted = attack.waitForResponse((r) => r.url().endsWith("/v1/products"));
  await attack.goto(`http://localhost:${port}/`);
  expect((await posted).status()).toBe(401); // no cookie went with it
  await attack.close();
  evil.close();
  expect((await server.api("GET", "/v1/products")).data).toEqual([]);
});

// Seeds 000 and 001 need a vendor's licensord and an installation's, often on one machine; a
// browser keeps one cookie jar per host whatever the port, so each server names its own.
test("signing in to a second licensord on the host keeps the first one's session", async ({
  page,
  server,
  context,
}) => {
  await setUpFirstAdmin(page, server);
  const installation = await Licensord.start();
  try {
    const other = await context.newPage();
    await setUpFirstAdmin(other, installation);
    expect(await context.cookies()).toHaveLength(2);
    await page.reload();
    await expect(page.getByRole("button", { name: /Account menu of Ada Admin/ })).toBeVisible();
    await page.getByRole("link", { name: "Licenses" }).first().click();
    await expect(page.getByRole("heading", { name: "Licenses" })).toBeVisible();
    await other.reload();
    await expect(other.getByRole("button", { name: /Account menu of Ada Admin/ })).toBeVisible();
    await other.close();
  } finally {
    await installation.stop();
  }
});

test("a session ended elsewhere sends the page to sign-in, saying why", async ({
  page,
  server,
  context,
  look,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 401/);
  await setUpFirstAdmin(page, server);
  const elsewhere = await context.newPage();
  await elsewhere.goto(server.url + "/profile");
  await signOut(elsewhere);
  await elsewhere.close();

  await page.getByRole("link", { name: "Licenses" }).first().click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Your session ended" })).toBeVisible();
  await look(page, "sign-in-after-session-ended");
  await signIn(page, server, "admin@example.com");
  await expect(page.getByRole("heading", { name: "Licenses" })).toBeVisible();
  await expect(page.getByText("Your session ended")).toHaveCount(0);
});
