// Reading what licensor-fingerprint wrote on an offline machine, before it is sent: the
// operator sees which machine it describes.
import type { Schemas } from "../api/client";
import { parseMachineFile } from "./machineFile";

export type FingerprintRequest = Schemas["FingerprintRequest"];

export type ParsedRequest =
  { ok: true; request: FingerprintRequest } | { ok: false; error: string };

export function parseFingerprintRequest(text: string): ParsedRequest {
  const parsed = parseMachineFile(
    text,
    "licensor-fingerprint-request",
    "fingerprint request",
    "licensor-fingerprint",
  );
  if (!parsed.ok) return parsed;
  const request = parsed.value as Partial<FingerprintRequest>;
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
