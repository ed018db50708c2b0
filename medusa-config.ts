import { defineConfig, loadEnv } from "@medusajs/framework/utils"

/**
 * The host configuration used for developing this plugin: the demo shop
 * (`npm run demo`) and the integration tests boot Medusa from this file with
 * the plugin's `src/` as the application. A shop that installs the plugin
 * writes its own config (see the README); nothing here is published.
 */
loadEnv(process.env.NODE_ENV || "development", process.cwd())

// Tests and the demo pass plugin options as JSON, so one config file serves
// every case (including deliberately wrong options).
const autopilotOptions = process.env.AUTOPILOT_OPTIONS
  ? JSON.parse(process.env.AUTOPILOT_OPTIONS)
  : {}

// Tests run the job lock against each of Medusa's locking providers.
const lockingProvider = process.env.AUTOPILOT_TEST_LOCKING
const lockingModule =
  lockingProvider === "postgres" || lockingProvider === "redis"
    ? [
        {
          resolve: "@medusajs/medusa/locking",
          options: {
            providers: [
              {
                resolve: `@medusajs/medusa/locking-${lockingProvider}`,
                id: `locking-${lockingProvider}`,
                is_default: true,
                options:
                  lockingProvider === "redis"
                    ? {
                        redisUrl:
                          process.env.REDIS_URL || "redis://localhost:6379",
                      }
                    : {},
              },
            ],
          },
        },
      ]
    : []

// The sandbox payment provider (tests and demo only) talks to a local
// stand-in for an external provider; it is registered only when one runs.
const sandboxPsp = process.env.AUTOPILOT_SANDBOX_PSP_URL
// Medusa's own Stripe provider, registered as a shop does (id "stripe":
// pp_stripe_stripe, pp_stripe-ideal_stripe, ...), for the payment-recovery
// contract test; its client is pointed at fakes/stripe.js by that test.
const stripeTestKey = process.env.AUTOPILOT_TEST_STRIPE_KEY
const paymentProviders = [
  ...(sandboxPsp
    ? [
        {
          resolve: "./src/providers/sandbox-payment",
          id: "sandbox",
          options: { baseUrl: sandboxPsp, timeoutMs: 1500 },
        },
      ]
    : []),
  ...(stripeTestKey
    ? [
        {
          resolve: "@medusajs/medusa/payment-stripe",
          id: "stripe",
          options: { apiKey: stripeTestKey, webhookSecret: "whsec_test" },
        },
      ]
    : []),
]
const paymentModule = paymentProviders.length
  ? [
      {
        resolve: "@medusajs/medusa/payment",
        options: { providers: paymentProviders },
      },
    ]
  : []

// The multi-instance test tier (integration-tests/multi) runs the README's
// production topology: events, the workflow engine (scheduled jobs) and
// locks in Redis, shared by a server and several workers.
const redisTopologyUrl = process.env.AUTOPILOT_TEST_REDIS_TOPOLOGY
const redisTopologyModules = redisTopologyUrl
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        options: { redisUrl: redisTopologyUrl },
      },
      {
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl: redisTopologyUrl } },
      },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl: redisTopologyUrl },
            },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    ...(redisTopologyUrl && { redisUrl: redisTopologyUrl }),
    workerMode:
      (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") ||
      "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors:
        process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "autopilot-dev-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "autopilot-dev-cookie-secret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    ...redisTopologyModules,
    ...lockingModule,
    ...paymentModule,
    {
      resolve: "./src/modules/autopilot",
      options: autopilotOptions,
    },
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          // AUTOPILOT_OUTBOX_DIR (the demo, the message tests): each email
          // is written to that folder as HTML and JSON instead of logged.
          process.env.AUTOPILOT_OUTBOX_DIR
            ? {
                resolve: "./src/providers/outbox-notification",
                id: "outbox",
                options: {
                  channels: ["email"],
                  dir: process.env.AUTOPILOT_OUTBOX_DIR,
                  // Tests: a slow provider, and one that refuses addresses.
                  delayMs: Number(process.env.AUTOPILOT_OUTBOX_DELAY_MS || 0),
                  failTo: process.env.AUTOPILOT_OUTBOX_FAIL_TO?.split(","),
                  failTimes: process.env.AUTOPILOT_OUTBOX_FAIL_TIMES
                    ? Number(process.env.AUTOPILOT_OUTBOX_FAIL_TIMES)
                    : undefined,
                },
              }
            : {
                resolve: "@medusajs/medusa/notification-local",
                id: "local",
                options: { channels: ["email"] },
              },
        ],
      },
    },
  ],
})
