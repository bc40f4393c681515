// RFC 9457 problem details. Every error voc's HTTP API returns has this shape, with
// `errors` listing each invalid item and field so a client can fix all of them at once.
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ index?: number; path: string; message: string }>;
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
// Problem types are URNs: stable identifiers that need no documentation host.
const base = 'urn:voc:problem:';

export function problem(status: number, slug: string, title: string, extra: Omit<Partial<Problem>, 'status' | 'type' | 'title'> = {}): Problem {
  return { type: `${base}${slug}`, title, status, ...extra };
}

/** An Error that the HTTP layer turns into its problem body. */
export class HttpProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}
