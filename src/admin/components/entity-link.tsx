import { Tooltip } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { EntityLabel } from "../../types"

/**
 * A thing named as the Medusa admin names it, linking to its page there
 * when it has one. `fallback` is shown when the API could not name it.
 */
export const EntityLink = ({
  label,
  fallback = "—",
}: {
  label: EntityLabel | null | undefined
  fallback?: string
}) => {
  if (!label) return <>{fallback}</>
  if (!label.href) return <>{label.label}</>
  return (
    <Link
      to={label.href}
      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
      onClick={(e) => e.stopPropagation()}
    >
      {label.label}
    </Link>
  )
}

/** A value with its technical detail (an id, a host) in a tooltip, for support. */
export const WithDetail = ({
  detail,
  children,
}: {
  detail: string | null | undefined
  children: React.ReactNode
}) =>
  detail ? (
    <Tooltip content={detail}>
      <span>{children}</span>
    </Tooltip>
  ) : (
    <>{children}</>
  )
