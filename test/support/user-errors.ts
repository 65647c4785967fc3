/** A mutation's answer as the tests select it: its `__typename`, and the UserError fields when it is one. */
export interface UserErrorAnswer {
  __typename: string;
  message?: string;
  code?: string;
  field?: string[] | null;
  provider?: string | null;
  issues?: { field: string[]; message: string }[];
}
