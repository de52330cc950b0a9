/** Minimal JSON-over-HTTP helpers for suites that talk to real servers. */
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * The admin key test hubs are started with (HUB_ADMIN_API_KEY), unless a suite says otherwise.
 * Suites grep logs and the store for it: it must never show up there.
 */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** A request as the test admin. */
export function request<T = any>(
  method: string,
  url: string,
  body?: unknown,
  rawBody?: string,
): Promise<JsonResponse<T>> {
  return requestWithKey<T>(TEST_ADMIN_KEY, method, url, body, rawBody);
}

/** `apiKey` null: no key at all. */
export async function requestWithKey<T = any>(
  apiKey: string | null,
  method: string,
  url: string,
  body?: unknown,
  rawBody?: string,
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = apiKey === null ? {} : bearer(apiKey);
  if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? parseOrText(text) : undefined) as T,
    headers: response.headers,
  };
}

export const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
