/** Minimal JSON-over-HTTP helpers for suites that talk to real servers. */
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

export async function request<T = any>(
  method: string,
  url: string,
  body?: unknown,
  rawBody?: string,
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method,
    headers:
      body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {},
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? parseOrText(text) : undefined) as T };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
