import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Seeds large volumes of Medusa data in the exact row shape Medusa writes:
 * one "template" record is created through Medusa's own workflows, every row
 * that belongs to it is found, and the whole family is copied N times with
 * SQL (`INSERT … SELECT … FROM generate_series`), each copy with its own ids.
 *
 * Benchmark seeding only: writing other modules' tables with SQL is what the
 * plugin itself never does. Creating a million carts through the workflows
 * would take hours; copying rows Medusa wrote itself keeps their shape.
 *
 * A row belongs to the family when it is in one of `tables` and either
 * mentions the id of a family row in a text column (a child or a link row)
 * or is mentioned by one (an address). Ids are rewritten per copy
 * (`<id>_b<n>`), so foreign keys and link rows stay consistent inside each
 * copy; everything outside the family (region, sales channel, variant,
 * provider) is shared by all copies.
 */

type Row = Record<string, unknown>

type Column = { name: string; type: string; serial: boolean }

export type Family = {
  /** Template rows per table. */
  rows: Map<string, Row[]>
  ids: Set<string>
  /** When the template was created (the root row's `created_at`). */
  createdAt: Date
}

export type CopyOptions = {
  /** Copies n in [from, to] are written; the template itself is not touched. */
  from: number
  to: number
  /** SQL expression (of `g`, the copy number) for email columns; default keeps the template's value. */
  email?: string
  /** SQL interval expression (of `g`) subtracted from every timestamp: the copy's age. */
  age?: string
  /** Copies per statement. */
  batch?: number
}

const columnCache = new Map<string, Column[]>()

async function columnsOf(knex: Knex, table: string): Promise<Column[]> {
  const cached = columnCache.get(table)
  if (cached) return cached
  const { rows } = await knex.raw<{
    rows: { column_name: string; udt_name: string; column_default: string }[]
  }>(
    `select column_name, udt_name, column_default from information_schema.columns
     where table_schema = current_schema() and table_name = ? order by ordinal_position`,
    [table]
  )
  const columns = rows.map((r) => ({
    name: r.column_name,
    type: r.udt_name,
    serial: /nextval\(/.test(r.column_default ?? ""),
  }))
  columnCache.set(table, columns)
  return columns
}

const TEXT = new Set(["text", "varchar", "bpchar"])

/** Every row of `tables` that belongs to the record `rootId` (found to a fixed point). */
export async function discoverFamily(
  knex: Knex,
  rootId: string,
  tables: string[]
): Promise<Family> {
  const rows = new Map<string, Row[]>()
  const ids = new Set<string>([rootId])
  const seen = new Set<string>()
  for (let round = 0; round < 10; round++) {
    const refs = new Set<string>()
    for (const list of rows.values()) {
      for (const row of list) {
        for (const value of Object.values(row)) {
          if (typeof value === "string") refs.add(value)
        }
      }
    }
    let added = 0
    for (const table of tables) {
      const columns = await columnsOf(knex, table)
      const text = columns.filter((c) => TEXT.has(c.type)).map((c) => c.name)
      if (!text.includes("id")) continue
      const idList = [...ids]
      const where = [
        `"id" = any(?)`,
        ...text.map((c) => `"${c}" = any(?)`),
      ].join(" or ")
      const found = await knex.raw<{ rows: Row[] }>(
        `select * from "${table}" where ${where}`,
        [[...refs, ...idList], ...text.map(() => idList)]
      )
      for (const row of found.rows) {
        const key = `${table}:${String(row.id)}`
        if (seen.has(key)) continue
        seen.add(key)
        rows.set(table, [...(rows.get(table) ?? []), row])
        ids.add(String(row.id))
        added += 1
      }
    }
    if (!added) {
      const root = [...rows.values()].flat().find((r) => r.id === rootId)
      const createdAt =
        root?.created_at instanceof Date ? root.created_at : new Date()
      return { rows, ids, createdAt }
    }
  }
  throw new Error(`the family of ${rootId} did not close after 10 rounds`)
}

function literal(column: Column, value: unknown): [string, Knex.RawBinding[]] {
  if (value === null || value === undefined) return ["null", []]
  if (column.type === "jsonb" || column.type === "json") {
    return [`?::${column.type}`, [JSON.stringify(value)]]
  }
  if (value instanceof Date) return [`?::${column.type}`, [value.toISOString()]]
  return [`?::${column.type}`, [value as Knex.RawBinding]]
}

/**
 * The family's tables, each after the tables its rows point to with a
 * foreign key (only keys set in the template count: a null key is no
 * dependency, which breaks the order ↔ line item cycle).
 */
async function insertOrder(knex: Knex, family: Family): Promise<string[]> {
  const { rows: keys } = await knex.raw<{
    rows: { child: string; parent: string; column: string }[]
  }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
            a.attname as column
     from pg_constraint c
     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
     where c.contype = 'f'`
  )
  const unquote = (t: string) => t.replace(/"/g, "")
  const tables = [...family.rows.keys()]
  const needs = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const key of keys) {
    const child = unquote(key.child)
    const parent = unquote(key.parent)
    if (child === parent || !needs.has(child) || !needs.has(parent)) continue
    if (family.rows.get(child)!.some((r) => r[key.column] != null)) {
      needs.get(child)!.add(parent)
    }
  }
  const ordered: string[] = []
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) =>
        !ordered.includes(t) &&
        [...needs.get(t)!].every((p) => ordered.includes(p))
    )
    if (!ready.length)
      throw new Error("foreign keys form a cycle in the family")
    ordered.push(...ready)
  }
  return ordered
}

const ULID_ID = /^([a-z0-9]+)_[0-9A-HJKMNP-TV-Z]{26}$/

/**
 * The 10-character ULID time part of `n` milliseconds (Crockford base32),
 * one SQL expression so PostgreSQL can inline it: it runs once per copied id.
 */
const B32_FUNCTION = `
create or replace function bench_ulid_time(n bigint) returns text as $$
  select substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 45) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 40) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 35) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 30) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 25) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 20) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 15) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 10) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 5) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> 0) & 31)::int + 1, 1)
$$ language sql immutable`

/**
 * The id of template row `id` in copy g: same prefix, a ULID whose time is
 * the copy's creation time (so ids sort by time as in a real shop), made
 * unique by the row's place in the family and the copy number.
 */
function copyId(
  family: Family,
  id: string,
  age: string | undefined
): [string, Knex.RawBinding[]] {
  const prefix = ULID_ID.exec(id)?.[1]
  if (!prefix) return [`? || '_b' || g`, [id]]
  const index = [...family.ids].indexOf(id)
  return [
    // time, then the row's place in the family and the copy number as
    // digits (digits are ULID characters too)
    `? || '_' || bench_ulid_time((extract(epoch from ?::timestamptz - (${age ?? "interval '0'"})) * 1000)::bigint) || ? || lpad(g::text, 12, '0')`,
    [prefix, family.createdAt.toISOString(), String(index).padStart(4, "0")],
  ]
}

/** Writes copies `from..to` of the family; returns the rows written per table. */
export async function copyFamily(
  knex: Knex,
  family: Family,
  options: CopyOptions
): Promise<Map<string, number>> {
  const written = new Map<string, number>()
  const batch = options.batch ?? 20_000
  await knex.raw(B32_FUNCTION)
  for (const table of await insertOrder(knex, family)) {
    const rows = family.rows.get(table)!
    const columns = (await columnsOf(knex, table)).filter((c) => !c.serial)
    for (const row of rows) {
      const exprs: string[] = []
      const bindings: Knex.RawBinding[] = []
      for (const column of columns) {
        const value = row[column.name]
        if (typeof value === "string" && family.ids.has(value)) {
          const [sql, b] = copyId(family, value, options.age)
          exprs.push(sql)
          bindings.push(...b)
        } else if (column.name === "email" && value && options.email) {
          exprs.push(options.email)
        } else if (
          value instanceof Date &&
          column.type === "timestamptz" &&
          options.age
        ) {
          exprs.push(`?::timestamptz - (${options.age})`)
          bindings.push(value.toISOString())
        } else {
          const [sql, b] = literal(column, value)
          exprs.push(sql)
          bindings.push(...b)
        }
      }
      const names = columns.map((c) => `"${c.name}"`).join(", ")
      for (let a = options.from; a <= options.to; a += batch) {
        const b = Math.min(options.to, a + batch - 1)
        await knex.raw(
          `insert into "${table}" (${names}) select ${exprs.join(", ")} from generate_series(?::int, ?::int) g`,
          [...bindings, a, b]
        )
      }
      written.set(
        table,
        (written.get(table) ?? 0) + (options.to - options.from + 1)
      )
    }
  }
  return written
}
