import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { limits, type Limit } from "./limits";

const document = JSON.parse(
  readFileSync(new URL("../../../../docs/openapi.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

// Where each limit is stated in the OpenAPI document: every place the server enforces it.
const statedAt: Record<Limit, string[]> = {
  validityDays: [
    "/components/schemas/PolicyInput/properties/duration_days/maximum",
    "/components/schemas/LicenseChanges/properties/duration_days/maximum",
    "/paths/~1v1~1card-types/post/requestBody/content/application~1json/schema/properties/max_days/maximum",
    "/components/schemas/PackageInput/properties/certificates/items/properties/validity_days/oneOf/0/maximum",
  ],
  maxActivations: [
    "/components/schemas/PolicyInput/properties/max_activations/maximum",
    "/components/schemas/LicenseInput/properties/max_activations/maximum",
    "/components/schemas/LicenseChanges/properties/max_activations/maximum",
  ],
  expiryGraceDays: ["/components/schemas/PolicyInput/properties/expiry_grace_days/maximum"],
  intervalSeconds: [
    "/components/schemas/PolicyInput/properties/heartbeat_interval_s/maximum",
    "/components/schemas/PolicyInput/properties/heartbeat_grace_s/maximum",
    "/components/schemas/PolicyInput/properties/offline_grace_s/maximum",
  ],
  minHeartbeatSeconds: ["/components/schemas/PolicyInput/properties/heartbeat_interval_s/minimum"],
  matchingComponents: ["/components/schemas/FingerprintRule/properties/min_matching/maximum"],
  cardQuantity: [
    "/paths/~1v1~1cards/post/requestBody/content/application~1json/schema/properties/quantity/maximum",
    "/paths/~1v1~1cards~1sell/post/requestBody/content/application~1json/schema/properties/quantity/maximum",
    "/paths/~1v1~1cards~1return/post/requestBody/content/application~1json/schema/properties/quantity/maximum",
  ],
  descriptionLength: ["/components/schemas/PolicyInput/properties/description/maxLength"],
  skuLength: ["/components/schemas/PolicyInput/properties/sku/maxLength"],
  deploymentCount: [
    "/components/schemas/DeploymentLicenseInput/properties/max_users/maximum",
    "/components/schemas/DeploymentLicenseInput/properties/max_agents/maximum",
  ],
};

function at(pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      document,
    );
}

test.each(Object.entries(statedAt))("%s is the server's bound", (name, pointers) => {
  for (const pointer of pointers) {
    expect(at(pointer), pointer).toBe(limits[name as Limit]);
  }
});
