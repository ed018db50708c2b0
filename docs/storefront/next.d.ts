/**
 * The few Next.js APIs the examples use, declared so that the examples
 * compile without Next.js installed (the typecheck keeps them honest). In a
 * storefront these come from `next` itself.
 */
declare module "next/headers" {
  type Cookie = { name: string; value: string }
  type CookieOptions = {
    maxAge?: number
    httpOnly?: boolean
    sameSite?: "strict" | "lax" | "none"
    secure?: boolean
    path?: string
  }
  /** Read anywhere on the server; `set` works only in a server action or a route handler. */
  export function cookies(): Promise<{
    get(name: string): Cookie | undefined
    set(name: string, value: string, options?: CookieOptions): void
    delete(name: string): void
  }>
  export function headers(): Promise<{ get(name: string): string | null }>
}

declare module "next/navigation" {
  export function redirect(url: string): never
  export function notFound(): never
}
