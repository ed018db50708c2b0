import { readdirSync } from "node:fs"
import js from "@eslint/js"
import medusa from "@medusajs/eslint-plugin"
import importX from "eslint-plugin-import-x"
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

// The layout's import rules (docs/architecture.md), enforced: arrows point
// down only. A wrong import fails lint instead of waiting for a review.
const FEATURES = readdirSync("src/features", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
const WORKFLOW_DOMAINS = readdirSync("src/workflows", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
const ABOVE_RUNTIME = [
  "./src/features",
  "./src/workflows",
  "./src/shared",
  "./src/api",
  "./src/subscribers",
  "./src/jobs",
]
const LAYOUT_ZONES = [
  {
    target: "./src/runtime",
    from: ABOVE_RUNTIME,
    message:
      "the runtime knows no job: handlers are handed to it by src/features/index.ts",
  },
  {
    target: ["./src/modules", "./src/catalog", "./src/lib", "./src/types"],
    from: [...ABOVE_RUNTIME, "./src/runtime"],
    message: "modules, catalog, lib and types sit below the runtime",
  },
  {
    target: "./src/carriers",
    from: [...ABOVE_RUNTIME, "./src/runtime", "./src/modules"],
    message: "carrier clients know nothing of Medusa or the plugin",
  },
  {
    target: ["./src/workflows", "./src/shared"],
    from: ["./src/features", "./src/api", "./src/subscribers", "./src/jobs"],
    message: "steps and workflows never import a job's feature code",
  },
  {
    target: "./src/shared",
    from: "./src/workflows",
    message: "src/shared sits below the workflows",
  },
  ...FEATURES.map((name) => ({
    target: `./src/features/${name}`,
    from: "./src/features",
    except: [`./${name}`],
    message:
      "a feature never imports another feature: share through src/shared, runtime or lib",
  })),
  ...WORKFLOW_DOMAINS.map((name) => ({
    target: `./src/workflows/${name}`,
    from: "./src/workflows",
    except: [`./${name}`],
    message:
      "a workflow domain never imports another: share through src/shared, runtime or lib",
  })),
  {
    target: ["./src/api", "./src/subscribers"],
    from: "./src/lib/sql",
    message:
      "routes and subscribers run no SQL: call a workflow, a feature or the module service",
  },
  {
    target: "./src/admin",
    from: ["./src/!(admin|types)/**/*"],
    message: "the admin imports only its own code and the shared src/types",
  },
]

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
    files: ["src/**/*.{ts,tsx}"],
    ignores: TESTS,
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver": { node: { extensions: [".ts", ".tsx", ".js"] } },
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: LAYOUT_ZONES }],
    },
  },
  {
    files: ["src/carriers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@medusajs/*"],
              message:
                "carrier clients know nothing of Medusa (they are plain HTTP clients)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/api/**/*.ts", "src/subscribers/**/*.ts"],
    ignores: TESTS,
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "ContainerRegistrationKeys",
          property: "PG_CONNECTION",
          message:
            "routes and subscribers run no SQL: call a workflow, a feature or the module service",
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
