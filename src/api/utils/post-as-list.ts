import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"

type ListRoute<Q, R> = (
  req: AuthenticatedMedusaRequest<unknown, Q>,
  res: MedusaResponse<R>
) => Promise<void>

/**
 * A `POST …/search` route that answers as the `GET` list `list` does, with
 * the list's filters validated from the body instead of the query string
 * (`validateAndTransformBody` with the list's schema), so a searched email
 * never appears in a URL: access logs write URLs whole.
 *
 * @example
 * export const POST = postAsList(listLeads)
 */
export function postAsList<Q, R>(list: ListRoute<Q, R>) {
  return async (
    req: AuthenticatedMedusaRequest<Q>,
    res: MedusaResponse<R>
  ): Promise<void> => {
    const asList = req as unknown as AuthenticatedMedusaRequest<unknown, Q>
    asList.validatedQuery = req.validatedBody as typeof asList.validatedQuery
    return list(asList, res)
  }
}
