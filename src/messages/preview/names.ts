import {
  NOTIFICATION_NAMES,
  type NotificationName,
} from "../../catalog/notifications"

export function isNotificationName(name: unknown): name is NotificationName {
  return (
    typeof name === "string" &&
    (NOTIFICATION_NAMES as readonly string[]).includes(name)
  )
}
