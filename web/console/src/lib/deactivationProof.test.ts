import { describe, expect, it } from "vitest";
import { parseDeactivationProof, type DeactivationProof } from "./deactivationProof";

const proof: DeactivationProof = {
  type: "licensor-deactivation-proof",
  format: 1,
  license_id: "lic_1",
  activation_id: "act_1",
  fingerprint: "fp1-abc",
  license_version: 3,
  deactivated_at: 1800000000,
  seal: "c2VhbA==",
};

describe("parseDeactivationProof", () => {
  it("reads a proof of this license", () => {
    expect(parseDeactivationProof(JSON.stringify(proof), "lic_1")).toEqual({
      ok: true,
      value: proof,
    });
  });
  it("names a proof of another license before it is sent", () => {
    const parsed = parseDeactivationProof(JSON.stringify(proof), "lic_2");
    expect(!parsed.ok && parsed.error).toMatch(/another license \(lic_1\)/);
  });
  it("names what is not a proof", () => {
    const request = parseDeactivationProof('{"type":"licensor-fingerprint-request"}', "lic_1");
    expect(!request.ok && request.error).toBe(
      "This is JSON, but not a licensor-deactivation proof.",
    );
    const text = parseDeactivationProof("{", "lic_1");
    expect(!text.ok && text.error).toMatch(/not JSON: paste the whole file the product wrote/);
    const { fingerprint: _, ...partial } = proof;
    expect(parseDeactivationProof(JSON.stringify(partial), "lic_1").ok).toBe(false);
  });
});
