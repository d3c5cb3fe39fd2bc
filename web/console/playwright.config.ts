import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium.mjs";

// Browser tests against a real licensord on loopback (e2e/support/licensord.ts), in Debian's
// Chromium: no browser is downloaded. One worker: each test starts its own licensord, and the
// machine has two cores.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/artifacts",
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    // The console honours it (no transitions), so checks never see a dialog half faded.
    reducedMotion: "reduce",
    launchOptions: chromiumLaunchOptions,
  },
});
