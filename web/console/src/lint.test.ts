// The lint's rules catch what they are there for: each sample below breaks one, as a file at a
// real place in the tree, and must be refused by that rule.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { expect, test } from "vitest";

const consoleDir = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: consoleDir });

async function rulesBroken(path: string, code: string): Promise<string[]> {
  const results = await eslint.lintText(code, { filePath: `${consoleDir}${path}` });
  return results.flatMap((r) => r.messages.map((m) => m.ruleId ?? m.message));
}

test("a feature importing another feature's page is refused", async () => {
  const code = `import { LicensePage } from "../licenses/LicensePage";\nexport const page = LicensePage;\n`;
  expect(await rulesBroken("src/features/cards/Probe.tsx", code)).toContain(
    "import-x/no-restricted-paths",
  );
});

test("shared code importing a feature is refused", async () => {
  const code = `import { CardsPage } from "../features/cards/CardsPage";\nexport const page = CardsPage;\n`;
  expect(await rulesBroken("src/components/Probe.tsx", code)).toContain(
    "import-x/no-restricted-paths",
  );
});

test("a feature importing shared code and its own files passes", async () => {
  const code = `import { keys } from "../../api/keys";\nimport { manageAccess } from "./cardScope";\nexport const both = [keys.cards, manageAccess];\n`;
  expect(await rulesBroken("src/features/cards/Probe.tsx", code)).toEqual([]);
});

test("a hook called conditionally is refused", async () => {
  const code = `import { useState } from "react";\nexport function Probe({ on }: { on: boolean }) {\n  if (on) {\n    const [v] = useState(0);\n    return v;\n  }\n  return null;\n}\n`;
  expect(await rulesBroken("src/features/cards/Probe.tsx", code)).toContain(
    "react-hooks/rules-of-hooks",
  );
});

test("an effect missing a dependency is refused", async () => {
  const code = `import { useEffect } from "react";\nexport function Probe({ id }: { id: string }) {\n  useEffect(() => {\n    document.title = id;\n  }, []);\n  return null;\n}\n`;
  expect(await rulesBroken("src/features/cards/Probe.tsx", code)).toContain(
    "react-hooks/exhaustive-deps",
  );
});
