/** A scripted server for tests: answers by method and path, and records every request. */
import { vi } from 'vitest';

export interface Recorded {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Handler = (request: Recorded) => Reply | Promise<Reply>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    body: { type: `/problems/${code}`, title: 'Problem', status, detail: `English detail for ${code}`, code, ...extra },
    headers: { 'Content-Type': 'application/problem+json' },
  };
}

export function mockServer(routes: Record<string, Handler>) {
  const requests: Recorded[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const text = input.method === 'GET' || input.method === 'DELETE' ? '' : await input.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const recorded: Recorded = { method: input.method, path: url.pathname, search: url.search, headers: input.headers, body };
    requests.push(recorded);
    const handler = routes[`${input.method} ${url.pathname}`];
    if (handler === undefined) {
      return new Response(JSON.stringify({ code: 'not_found', status: 404, title: 'x', type: 'x', detail: 'x' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    const reply = await handler(recorded);
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body), {
      status,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}
