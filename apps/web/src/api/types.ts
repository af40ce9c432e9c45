import type { paths } from '@keyuan/sdk';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R
  : never;

/** The JSON body of the 200/201 answer of `M P`: `Ok<'/api/v1/users/{id}', 'get'>`. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> =
  Responses<P, M> extends { 200: infer R } ? JsonOf<R> : Responses<P, M> extends { 201: infer R } ? JsonOf<R> : never;

/** The JSON request body of `M P`. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters of `M P`. */
export type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** What RecordTable sends to a list loader. */
export interface ListQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
  q?: string;
  [filter: string]: string | number | boolean | undefined;
}
