// Checks of a page's layout that any spec may make.
import { expect, type Page } from "@playwright/test";

// Fails when the page scrolls sideways, naming what sticks out.
export async function expectNoSidewaysScroll(page: Page) {
  await page.waitForLoadState("networkidle");
  // The elements that stick out on the right, unless a box that scrolls or clips holds them,
  // named so that a failure says what to fix.
  const outside = await page.evaluate(() => {
    const held = (el: Element) => {
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible") return true;
      }
      return false;
    };
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !held(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
  });
  expect(outside, `what is wider than the screen at ${page.url()}`).toEqual([]);
  const [content, screen] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(content, `the page at ${page.url()} is wider than the screen`).toBeLessThanOrEqual(screen);
}
