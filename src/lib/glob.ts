/**
 * Matches a name against glob patterns where `*` stands for any run of
 * characters and `?` for one (e.g. `pp_stripe*`). Nothing else is special.
 */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(name))
}

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split("")
    .map((c) =>
      c === "*"
        ? ".*"
        : c === "?"
          ? "."
          : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")
    )
    .join("")
  return new RegExp(`^${escaped}$`)
}

/** The value of the first pattern in `map` that matches `name`. */
export function firstMatch<T>(
  name: string,
  map: Record<string, T>
): T | undefined {
  const key = Object.keys(map).find((pattern) => matchesAny(name, [pattern]))
  return key === undefined ? undefined : map[key]
}
