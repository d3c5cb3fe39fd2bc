// What every browser test gets: its own licensord, a page whose console errors fail the test,
// and `look`, which checks a page with axe and saves its screenshot.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Licensord } from "./licensord";

export const screenshotDir = join(import.meta.dirname, "../../test-results/screenshots");

interface Fixtures {
  server: Licensord;
  // Console messages a test expects (a 401 it provokes), matched by regular expression.
  allowConsoleErrors: (pattern: RegExp) => void;
  look: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<Fixtures & { consoleErrors: string[]; allowed: RegExp[] }>({
  server: async ({}, use) => {
    const server = await Licensord.start();
    await use(server);
    await server.stop();
  },
  allowed: async ({}, use) => use([]),
  allowConsoleErrors: async ({ allowed }, use) => use((pattern) => allowed.push(pattern)),
  // It needs the server so that it is checked before the server stops: a page still open then
  // may fail to reach it, which is no fault of the console's.
  consoleErrors: [
    async ({ context, allowed, server: _ }, use) => {
      const errors: string[] = [];
      context.on("page", (page) => watch(page, errors));
      context.pages().forEach((page) => watch(page, errors));
      await use(errors);
      const unexpected = errors.filter((e) => !allowed.some((p) => p.test(e)));
      expect(unexpected, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  look: async ({}, use) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (page, name) => {
      await page.waitForLoadState("networkidle");
      await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(
        serious.map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target} ${n.failureSummary ?? ""}`).join("; ")})`,
        ),
        `accessibility of ${name}`,
      ).toEqual([]);
      // From the top: a full-page capture of a scrolled page draws the fixed header midway.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    });
  },
});

function watch(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
}

export { expect };
