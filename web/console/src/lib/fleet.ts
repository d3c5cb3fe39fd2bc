// The vendor's fleet catalogue: device models and card types, few enough to read whole (500 a
// page, the API's largest) for the selects and tables that name them.
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../api/client";
import { all } from "./catalog";
import { keys } from "../api/keys";

export function useDeviceModels() {
  return useQuery({
    queryKey: keys.deviceModels,
    queryFn: () =>
      all((cursor) =>
        must(api.GET("/v1/device-models", { params: { query: { cursor, limit: 500 } } })),
      ),
  });
}

export function useCardTypes() {
  return useQuery({
    queryKey: keys.cardTypes,
    queryFn: () =>
      all((cursor) =>
        must(api.GET("/v1/card-types", { params: { query: { cursor, limit: 500 } } })),
      ),
  });
}
