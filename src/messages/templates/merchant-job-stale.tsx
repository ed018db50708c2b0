/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { P, Title } from "../components/parts"

/** `autopilot.merchant.job_stale`: a job has not succeeded for twice its interval. */
export const merchantJobStale: MessageTemplate = (ctx) => {
  const d = ctx.data
  const vars = {
    job: text(d.job_title) ?? text(d.job_name) ?? "",
    date: ctx.date(d.last_success_at) ?? ctx.t("never"),
    count: text(d.consecutive_failures) ?? "0",
  }
  return {
    subject: ctx.t("subject", vars),
    preview: ctx.t("preview", vars),
    reason: ctx.common("merchant_reason"),
    body: (
      <>
        <Title>{ctx.t("heading", vars)}</Title>
        <P>{ctx.t("intro", vars)}</P>
        <P>{ctx.t("action")}</P>
      </>
    ),
  }
}
