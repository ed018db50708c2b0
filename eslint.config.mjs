import js from "@eslint/js"
import medusa from "@medusajs/eslint-plugin"
import tseslint from "typescript-eslint"

const TESTS = ["**/__tests__/**", "integration-tests/**", "**/*.spec.*"]

// Medusa's preset ignores every test file globally. Keep its framework rules
// off the tests, but let the TypeScript rules below check them like any code.
const medusaRecommended = [medusa.configs.recommended]
  .flat()
  .filter((block) => !(Object.keys(block).length === 1 && block.ignores))
  .map((block) =>
    block.rules
      ? { ...block, ignores: [...(block.ignores ?? []), ...TESTS] }
      : block
  )

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".medusa/",
      ".demo/",
      ".cache/",
      "coverage/",
      "test-results/",
      "src/modules/*/migrations/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...medusaRecommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        require: "readonly",
        module: "writable",
        globalThis: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        fetch: "readonly",
        AbortController: "readonly",
        // jest
        describe: "readonly",
        it: "readonly",
        expect: "readonly",
        beforeAll: "readonly",
        afterAll: "readonly",
        beforeEach: "readonly",
        afterEach: "readonly",
        jest: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
    },
  },
  {
    // Outside the plugin's runtime code errors never become HTTP answers.
    files: [
      "scripts/**",
      "integration-tests/**",
      "bench/**",
      "fakes/**",
      "*.js",
      "*.mjs",
    ],
    rules: { "@medusajs/use-medusa-error-not-generic-error": "off" },
  },
  {
    // CommonJS helpers and configs
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  }
)
