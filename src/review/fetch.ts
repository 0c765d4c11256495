/**
 * Downloads of review submissions (`http://` and `https://` URLs) with Node's fetch: redirects
 * followed up to a limit, one timeout for the whole download, the body streamed and abandoned as
 * soon as it passes the size limit, and every failure turned into a one-sentence SubmissionError.
 */
import { SubmissionError, formatByteSize } from "./submission-error.js";

export interface FetchLimits {
  /** Body bytes accepted; a larger body is an error, found without downloading past the limit. */
  maxBytes: number;
  /** Milliseconds for the whole download, redirects and body included. */
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 512 * 1024 * 1024,
  timeoutMs: 60_000,
  maxRedirects: 5,
};

export interface RemoteFile {
  /** The URL the body came from, after redirects. */
  url: string;
  /** The body's length as the server declared it, when it did. */
  declaredSize: number | undefined;
  contentType: string | undefined;
  /** The body; stopping the iteration early cancels the download. */
  chunks: AsyncGenerator<Uint8Array>;
}

const USER_AGENT = "rpmspec-lint (package review)";

export function isRemoteUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Starts a download: resolves once the response headers of the final redirect have arrived. */
export async function openUrl(url: string, limits: Partial<FetchLimits> = {}): Promise<RemoteFile> {
  const { maxBytes, timeoutMs, maxRedirects } = { ...DEFAULT_FETCH_LIMITS, ...limits };
  const signal = AbortSignal.timeout(timeoutMs);
  let current = parseHttpUrl(url, url);
  const fail = (detail: string) => new SubmissionError(detail, undefined, url);
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: "manual",
        signal,
        headers: { "user-agent": USER_AGENT },
      });
    } catch (error) {
      throw requestFailure(error, url, current, timeoutMs);
    }
    const location = response.headers.get("location");
    if (isRedirect(response.status) && location !== null) {
      await response.body?.cancel();
      if (redirects === maxRedirects) {
        throw fail(`redirects more than ${maxRedirects} times`);
      }
      current = parseHttpUrl(location, url, current);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const reason = response.statusText === "" ? "" : ` ${response.statusText}`;
      const via = current.href === url ? "" : ` (redirected to ${current.href})`;
      throw fail(`download failed: HTTP ${response.status}${reason}${via}`);
    }
    // With a Content-Encoding, Content-Length counts the encoded bytes, not those we receive.
    const encoding = response.headers.get("content-encoding");
    const declaredSize =
      encoding === null || encoding.trim().toLowerCase() === "identity"
        ? parseContentLength(response.headers.get("content-length"))
        : undefined;
    if (declaredSize !== undefined && declaredSize > maxBytes) {
      await response.body?.cancel();
      throw tooLarge(url, maxBytes, ` (it declares ${formatByteSize(declaredSize)})`);
    }
    return {
      url: current.href,
      declaredSize,
      contentType: response.headers.get("content-type") ?? undefined,
      chunks: limitedBody(response, url, maxBytes, timeoutMs),
    };
  }
}

async function* limitedBody(
  response: Response,
  url: string,
  maxBytes: number,
  timeoutMs: number,
): AsyncGenerator<Uint8Array> {
  if (response.body === null) return;
  let received = 0;
  const body = response.body as unknown as AsyncIterable<Uint8Array>;
  try {
    for await (const chunk of body) {
      received += chunk.length;
      if (received > maxBytes) throw tooLarge(url, maxBytes, "");
      yield chunk;
    }
  } catch (error) {
    if (error instanceof SubmissionError) throw error;
    throw requestFailure(error, url, new URL(url), timeoutMs);
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** `text` resolved against `base` (the URL that redirected to it, if any); `original` is what the user gave. */
function parseHttpUrl(text: string, original: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(text, base);
  } catch {
    throw new SubmissionError(
      base === undefined ? "not a valid URL" : `redirects to an invalid URL: ${text}`,
      undefined,
      original,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new SubmissionError(
      base === undefined
        ? "only http:// and https:// URLs can be downloaded"
        : `redirects to ${parsed.href}, which is not an http:// or https:// URL`,
      undefined,
      original,
    );
  }
  return parsed;
}

function parseContentLength(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function tooLarge(url: string, maxBytes: number, detail: string): SubmissionError {
  return new SubmissionError(`larger than the ${formatByteSize(maxBytes)} download limit${detail}`, undefined, url);
}

const NETWORK_ERRORS: Record<string, (host: string) => string> = {
  ENOTFOUND: (host) => `cannot resolve the host name ${host}`,
  EAI_AGAIN: (host) => `cannot resolve the host name ${host} (temporary DNS failure)`,
  ECONNREFUSED: (host) => `${host} refused the connection`,
  ECONNRESET: (host) => `${host} reset the connection`,
  ETIMEDOUT: (host) => `the connection to ${host} timed out`,
  EHOSTUNREACH: (host) => `${host} is unreachable`,
  ENETUNREACH: (host) => `the network of ${host} is unreachable`,
  UND_ERR_CONNECT_TIMEOUT: (host) => `the connection to ${host} timed out`,
  UND_ERR_SOCKET: (host) => `the connection to ${host} failed`,
};

/** `original` is the URL the user gave, `url` the one being requested when it failed. */
function requestFailure(error: unknown, original: string, url: URL, timeoutMs: number): SubmissionError {
  if (error instanceof SubmissionError) return error;
  const fail = (detail: string) => new SubmissionError(detail, undefined, original);
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return fail(`download timed out after ${timeoutMs / 1000} s`);
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code;
  const describe = code === undefined ? undefined : NETWORK_ERRORS[code];
  if (describe !== undefined) {
    return fail(`download failed: ${describe(url.host)}`);
  }
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return fail(`download failed: ${detail}`);
}
