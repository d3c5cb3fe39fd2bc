// The installation's registry as the License pages read it: the platform's state, the agents
// by id, and how a coverage (a time, PERMANENT, or nothing) reads.
import { useQuery } from "@tanstack/react-query";
import { api, must, type Schemas } from "../api/client";
import { formatTime } from "./format";
import { keys } from "../api/keys";

export type Coverage = Schemas["RegistryCoverage"];

export function formatCoverage(coverage: Coverage): string {
  if (coverage === "PERMANENT") return "Permanent";
  return coverage ? formatTime(coverage) : "—";
}

// `enabled` false where licensord is no installation's registry (the session says which).
export function usePlatform(enabled = true) {
  return useQuery({
    queryKey: keys.registryPlatform,
    queryFn: () => must(api.GET("/v1/registry/platform")),
    enabled,
  });
}

// The banner shows from this many days before the platform's license ends (seed 000).
export const bannerDays = 45;

// Every agent (a page of 500, the API's largest, is more than a deployment license allows).
export function useAgents() {
  return useQuery({
    queryKey: keys.allRegistryAgents,
    queryFn: () => must(api.GET("/v1/registry/agents", { params: { query: { limit: 500 } } })),
  });
}
