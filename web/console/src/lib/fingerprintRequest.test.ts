import { describe, expect, it } from "vitest";
import {
  licenseFileName,
  parseFingerprintRequest,
  type FingerprintRequest,
} from "./fingerprintRequest";

const request: FingerprintRequest = {
  type: "licensor-fingerprint-request",
  format: 1,
  fingerprint: "fp1-abc",
  components: { host: "build-7", cpu: "Xeon" },
  hostname: "build-7",
  platform: "linux-x86_64",
  virtualization: "none",
  created_at: 1800000000,
};

describe("parseFingerprintRequest", () => {
  it("reads a request", () => {
    const parsed = parseFingerprintRequest(JSON.stringify(request));
    expect(parsed).toEqual({ ok: true, request });
  });
  it("names text that is not JSON", () => {
    const parsed = parseFingerprintRequest("{not json");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/not JSON/);
  });
  it("names JSON of another kind", () => {
    const parsed = parseFingerprintRequest('{"type":"licensor-public-keys"}');
    expect(!parsed.ok && parsed.error).toMatch(/not a licensor-fingerprint request/);
    expect(parseFingerprintRequest("null").ok).toBe(false);
    expect(parseFingerprintRequest("[]").ok).toBe(false);
  });
  it("names a request without its parts", () => {
    const { components: _, ...partial } = request;
    expect(parseFingerprintRequest(JSON.stringify(partial)).ok).toBe(false);
  });
  it("refuses text far larger than a request before parsing it", () => {
    const parsed = parseFingerprintRequest(" ".repeat(70 * 1024));
    expect(!parsed.ok && parsed.error).toMatch(/larger/);
  });
});

describe("licenseFileName", () => {
  it("uses the host name, keeping only a file name's characters", () => {
    expect(licenseFileName(request)).toBe("build-7.lic");
    expect(licenseFileName({ ...request, hostname: "../../etc/x y" })).toBe("etcxy.lic");
    expect(licenseFileName({ ...request, hostname: "" })).toBe("license.lic");
  });
});
