// Reading what licensor-fingerprint wrote on an offline machine, before it is sent: the
// operator sees which machine it describes, and a file that is not a request is named as such
// beside the field rather than as the API's refusal.
import type { Schemas } from "../api/client";

export type FingerprintRequest = Schemas["FingerprintRequest"];

export type ParsedRequest =
  { ok: true; request: FingerprintRequest } | { ok: false; error: string };

// What a machine sends is a few hundred bytes; anything far larger is not a request.
const maxRequestLength = 64 * 1024;

export function parseFingerprintRequest(text: string): ParsedRequest {
  if (text.length > maxRequestLength) {
    return { ok: false, error: "This is far larger than a fingerprint request (64 KB at most)." };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: "This is not JSON: paste the whole file licensor-fingerprint wrote.",
    };
  }
  if (
    typeof value !== "object" ||
    value === null ||
    (value as { type?: unknown }).type !== "licensor-fingerprint-request"
  ) {
    return { ok: false, error: "This is JSON, but not a licensor-fingerprint request." };
  }
  const request = value as Partial<FingerprintRequest>;
  if (typeof request.fingerprint !== "string" || typeof request.components !== "object") {
    return { ok: false, error: "The request has no fingerprint or no components." };
  }
  return { ok: true, request: request as FingerprintRequest };
}

// The file name a downloaded license file gets: the machine's host name where it is a plain
// name, so several machines' files can sit in one folder.
export function licenseFileName(request: FingerprintRequest): string {
  const host = request.hostname.replace(/[^A-Za-z0-9._-]/g, "").replace(/^\.+/, "");
  return host ? `${host}.lic` : "license.lic";
}
