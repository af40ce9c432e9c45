import request from 'supertest';
import type { Server } from 'node:http';
import { recordResponse } from './contract';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** supertest for `server`, with every response checked against openapi.yaml (see contract.ts). */
export function contractHttp(server: Server): ReturnType<typeof request> {
  const agent = request(server);
  const wrapped = { ...agent } as Record<string, unknown>;
  for (const m of METHODS) {
    wrapped[m] = (url: string) => {
      const test = agent[m](url);
      test.on('response', (res: request.Response) =>
        recordResponse({
          method: m.toUpperCase(),
          url,
          status: res.status,
          contentType: res.headers['content-type'],
          body: res.body,
          text: res.text,
        }),
      );
      return test;
    };
  }
  return wrapped as unknown as ReturnType<typeof request>;
}
