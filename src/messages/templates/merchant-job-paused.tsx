/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { Details, P, Title } from "../components/parts"

/** `autopilot.merchant.job_paused`: a job switched itself off after failing runs. */
export const merchantJobPaused: MessageTemplate = (ctx) => {
  const d = ctx.data
  const vars = {
    job: text(d.job_title) ?? text(d.job_name) ?? "",
    count: text(d.failed_runs) ?? "",
  }
  return {
    subject: ctx.t("subject", vars),
    preview: ctx.t("preview", vars),
    reason: ctx.common("merchant_reason"),
    body: (
      <>
        <Title>{ctx.t("heading", vars)}</Title>
        <P>{ctx.t("intro", vars)}</P>
        <Details rows={[[ctx.t("last_error"), text(d.last_error)]]} />
        <P>{ctx.t("action")}</P>
      </>
    ),
  }
}
