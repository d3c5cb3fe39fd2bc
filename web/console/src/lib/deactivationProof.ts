// Reading the deactivation proof a product's SDK wrote when its offline machine gave up its
// license, before it is sent: the operator sees which license and machine it frees.
import type { Schemas } from "../api/client";
import { parseMachineFile, type ParsedFile } from "./machineFile";

export type DeactivationProof = Schemas["DeactivationProof"];

export function parseDeactivationProof(
  text: string,
  licenseId: string,
): ParsedFile<DeactivationProof> {
  const parsed = parseMachineFile(
    text,
    "licensor-deactivation-proof",
    "deactivation proof",
    "the product",
  );
  if (!parsed.ok) return parsed;
  const proof = parsed.value as Partial<DeactivationProof>;
  if (typeof proof.fingerprint !== "string" || typeof proof.deactivated_at !== "number") {
    return { ok: false, error: "The proof has no fingerprint or no time." };
  }
  if (proof.license_id !== licenseId) {
    return { ok: false, error: `This proof is of another license (${String(proof.license_id)}).` };
  }
  return { ok: true, value: proof as DeactivationProof };
}
