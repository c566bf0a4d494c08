// The public site on a phone (issue 16): at 390 px in real Chromium, no page scrolls sideways,
// no name or number (执法证号, 文号, a person's or party's name) is split across lines, the main
// navigation fits on one row, and the flowchart page shows its table (the drawing is for wide
// screens). Screenshots: test/.tmp/screenshots/<name>-390.png.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { DISCLOSURE_KINDS } from "@sanxiang/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDINARY_ITEMS } from "./fixtures.js";
import { browserAvailability } from "./harness.js";
import { type FixtureBrowser, itemUrl, openFixtureBrowser } from "./site.js";

const availability = browserAvailability("test/browser/phone.test.ts");
const SHOTS = fileURLToPath(new URL("../.tmp/screenshots/", import.meta.url));
const WIDTH = 390;

const firstOf = (kind: (typeof DISCLOSURE_KINDS)[number]): string => {
  const item = ORDINARY_ITEMS.find((i) => i.kind === kind);
  if (item === undefined) throw new Error(`no ordinary fixture of kind ${kind}`);
  return itemUrl(item.id);
};

const PAGES: readonly { name: string; path: string }[] = [
  { name: "home", path: "/" },
  { name: "officer-list", path: "/before/officer/index.html" },
  { name: "month-penalty-2026-11", path: "/after/penalty/2026-11/index.html" },
  { name: "search", path: "/search/index.html" },
  ...DISCLOSURE_KINDS.map((kind) => ({ name: `item-${kind}`, path: firstOf(kind) })),
];

describe.skipIf(!availability.run)(`public site at ${WIDTH} px in Chromium`, () => {
  let fixture: FixtureBrowser | undefined;

  beforeAll(async () => {
    fixture = await openFixtureBrowser();
    await mkdir(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  }, 60_000);

  for (const p of PAGES) {
    it(`${p.name}: no sideways scroll, no split name or number, one-row navigation`, async () => {
      if (fixture === undefined) throw new Error("suite setup failed");
      const { browser, server } = fixture;
      const context = await browser.newContext({
        viewport: { width: WIDTH, height: 844 },
        deviceScaleFactor: 1,
        locale: "zh-CN",
      });
      try {
        const page = await context.newPage();
        const response = await page.goto(`${server.origin}${p.path}`, { waitUntil: "networkidle", timeout: 60_000 });
        expect(response?.status()).toBe(200);
        const facts = await page.evaluate(`(() => {
          const doc = document.scrollingElement;
          const split = [...document.querySelectorAll(".nw")]
            .filter((e) => e.checkVisibility())
            .filter((e) => e.getBoundingClientRect().width < ${WIDTH} - 40 && e.getClientRects().length > 1)
            .map((e) => e.textContent);
          const navTops = [...document.querySelectorAll(".main-nav li")].map((e) => Math.round(e.getBoundingClientRect().top));
          const flowTable = document.querySelector("#transitions") !== null;
          const figure = document.querySelector("figure.flow");
          return {
            overflow: doc.scrollWidth - doc.clientWidth,
            split,
            navRows: new Set(navTops).size,
            nw: document.querySelectorAll(".nw").length,
            flowTable,
            figureShown: figure !== null && figure.checkVisibility(),
          };
        })()`);
        const f = facts as {
          overflow: number;
          split: string[];
          navRows: number;
          nw: number;
          flowTable: boolean;
          figureShown: boolean;
        };
        await page.screenshot({ path: `${SHOTS}${p.name}-${WIDTH}.png`, fullPage: true });
        expect(f.overflow, "page wider than the screen").toBeLessThanOrEqual(1);
        expect(f.split, "names or numbers split across lines").toEqual([]);
        expect(f.navRows, "main navigation on more than one row").toBe(1);
        if (p.name === "item-flowchart") {
          expect(f.flowTable).toBe(true);
          expect(f.figureShown).toBe(false);
        }
        if (p.name === "item-officer" || p.name === "item-decision" || p.name === "item-enforcementAct") {
          // The check above looked at real names and numbers, not at an empty page.
          expect(f.nw).toBeGreaterThan(0);
        }
      } finally {
        await context.close();
      }
    }, 90_000);
  }
});
