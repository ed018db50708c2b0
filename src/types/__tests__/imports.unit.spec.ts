import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const dir = join(__dirname, "..")

/** Every module specifier a file imports or re-exports. */
function specifiers(source: string): string[] {
  const found: string[] = []
  const re =
    /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g
  for (let m = re.exec(source); m; m = re.exec(source)) {
    found.push(m[1] ?? m[2])
  }
  return found
}

describe("src/types", () => {
  // The admin bundle and shops import it: it must stay free of server code.
  it("imports only zod and its own files", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"))
    expect(files).toContain("index.ts")
    const outside = files.flatMap((file) =>
      specifiers(readFileSync(join(dir, file), "utf8"))
        .filter(
          (s) =>
            !/^\.\/[\w-]+$/.test(s) &&
            s !== "zod" &&
            s !== "@medusajs/framework/zod"
        )
        .map((s) => `${file}: ${s}`)
    )
    expect(outside).toEqual([])
  })

  it("re-exports every file from index.ts", () => {
    const index = readFileSync(join(dir, "index.ts"), "utf8")
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => `./${f.replace(/\.ts$/, "")}`)
    expect(modules.length).toBeGreaterThan(0)
    for (const m of modules) expect(specifiers(index)).toContain(m)
  })
})
