/** The JSON body an openapi-typescript `operations` table gives one operation for one status. */
export type JsonResponse<
  Operations,
  Op extends keyof Operations,
  Status extends number,
> = Operations[Op] extends { responses: infer Responses }
  ? Responses extends Record<Status, { content: { 'application/json': infer Body } }>
    ? Body
    : never
  : never;
