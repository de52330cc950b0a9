import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface FaultyPms {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<FaultyPms> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A real HTTP proxy to a PMS that lets `route` reach the PMS and do its work, then resets the
 * caller's connection instead of answering: a write whose answer was lost on the way back.
 */
export function answerLosingProxy(target: string, route: string): Promise<FaultyPms> {
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      new URL(request.url ?? '/', target),
      { method: request.method, headers: request.headers },
      (answer) => {
        if (`${request.method} ${request.url?.split('?')[0]}` === route) {
          answer.resume();
          answer.on('end', () => request.socket.destroy());
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  return listen(server);
}

/** A real HTTP server that answers every request 2xx with `body`, JSON or not. */
export function garbageAnsweringPms(
  body: (method: string, path: string) => string,
): Promise<FaultyPms> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(request.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
      });
      response.end(body(request.method ?? 'GET', request.url?.split('?')[0] ?? '/'));
    });
  });
  return listen(server);
}
