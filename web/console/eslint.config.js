// The console's lint: TypeScript's and React's hook rules, and the boundaries between features.
// A feature (src/features/<name>) imports shared code only: lib/, components/, layout/, api/
// and auth/. Shared code imports no feature. So each feature can be read, changed or removed
// alone, and what two features share lives where both can see it.
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { createNodeResolver, importX } from "eslint-plugin-import-x";

const features = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const shared = ["lib", "components", "layout", "api", "auth"];

const boundaries = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: `The ${feature} feature may not import another feature; move what both need to components/ or lib/.`,
  })),
  ...shared.map((folder) => ({
    target: `./src/${folder}`,
    from: "./src/features",
    message: `Shared code (${folder}/) may not import a feature.`,
  })),
];

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "src/api/schema.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
    },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      "react-hooks/exhaustive-deps": "error",
      "import-x/no-restricted-paths": ["error", { zones: boundaries }],
      "import-x/no-cycle": "error",
    },
  },
  {
    rules: {
      // `const { secret: _, ...shown } = value` leaves a field out on purpose.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { varsIgnorePattern: "^_", argsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Node code: the build's scripts, this file, and the browser tests' driver.
    files: ["scripts/**", "e2e/**", "*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
    rules: {
      // Playwright's fixtures take their dependencies as a destructured first argument: `({}, use)`.
      "no-empty-pattern": "off",
      // The tests' API helper answers any JSON the licensord under test sends.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
);
