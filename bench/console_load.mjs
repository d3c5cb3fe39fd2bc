// The console's first load and its dashboard, measured by Debian's Chromium on loopback against
// a real licensord (bench/console.sh starts it and passes its URL and setup link):
//   - the gzipped JS and CSS a first visit downloads (the bytes on the wire, from the browser's
//     resource timing), beside the goal of 350 KB;
//   - the time from navigation to the dashboard drawn (its figures and both charts shown), with
//     an empty cache each time, beside the goal of 1 s.
// Prints one RESULT line; every run is printed too.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "../web/console/e2e/support/chromium.mjs";

const require = createRequire(
  fileURLToPath(new URL("../web/console/package.json", import.meta.url)),
);
const { chromium } = require("@playwright/test");

const [url, setupLink] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 5);
const email = "bench@example.com";
const password = "a long enough benchmark password";

const browser = await chromium.launch(chromiumLaunchOptions);

// Something for the dashboard to show: licenses, machines, and validations over the day, their
// counts flushed to the store as the flusher does every few seconds.
const adminToken = process.env.LICENSOR_ADMIN_TOKEN;
async function call(path, body, bearer = true) {
  const res = await fetch(url + path, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(bearer ? { Authorization: `Bearer ${adminToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const product = await call("/v1/products", { name: "Bench" });
const customer = await call("/v1/customers", { name: "Bench customer" });
const policy = await call("/v1/policies", {
  product_id: product.id,
  name: "Bench yearly",
  duration_days: 365,
  max_activations: 100,
});
for (let l = 0; l < 20; l++) {
  const license = await call("/v1/licenses", {
    policy_id: policy.id,
    customer_id: customer.id,
  });
  for (let m = 0; m < 10; m++) {
    const fingerprint = `bench-${l}-${m}`;
    await call(
      "/v1/client/activate",
      { code: license.code, fingerprint },
      false,
    );
    await call(
      "/v1/client/validate",
      { code: license.code, fingerprint },
      false,
    );
  }
}
await call("/v1/jobs/maintenance/run", {});

// The first admin, made through the setup page's API call.
const token = new URL(setupLink).hash.replace(/^#token=/, "");
const setup = await fetch(`${url}/v1/setup`, {
  method: "POST",
  headers: { "Content-Type": "application/json", Origin: url },
  body: JSON.stringify({
    setup_token: token,
    email,
    display_name: "Bench",
    password,
  }),
});
if (!setup.ok) throw new Error(`setup: ${setup.status} ${await setup.text()}`);

async function signedInContext() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page
    .getByRole("textbox", { name: "Password", exact: true })
    .fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  return { context, page };
}

// A first visit: a new context has an empty cache.
async function firstLoadBytes() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`, { waitUntil: "networkidle" });
  const bytes = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((r) => /\.(js|css)(\?|$)/.test(r.name))
      .reduce((sum, r) => sum + r.encodedBodySize, 0),
  );
  await context.close();
  return bytes;
}

async function dashboardDrawnMs() {
  const { context, page } = await signedInContext();
  // Drop what the sign-in cached, so that the dashboard loads as on a first visit.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  await page.goto("about:blank");
  await page.goto(`${url}/dashboard`);
  await page.getByRole("img", { name: /^activations per day/i }).waitFor();
  await page.getByRole("img", { name: /^validations per day/i }).waitFor();
  await page
    .getByRole("link", { name: /within 7 days/i })
    .first()
    .waitFor();
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

const median = (values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sizes = [];
const draws = [];
for (let i = 0; i < runs; i++) {
  sizes.push(await firstLoadBytes());
  draws.push(await dashboardDrawnMs());
  console.error(
    `  run ${i + 1}: first load ${(sizes.at(-1) / 1024).toFixed(1)} KB, dashboard ${draws.at(-1).toFixed(0)} ms`,
  );
}
await browser.close();
console.log(
  `RESULT first_load_kb=${(median(sizes) / 1024).toFixed(1)} dashboard_ms=${median(draws).toFixed(0)}`,
);
