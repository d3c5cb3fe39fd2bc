// Creating or editing a policy, with every field and what it does.
import { useState } from "react";
import {
  Checkbox,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useProducts } from "../../lib/catalog";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { keys } from "../../api/keys";
import { limits } from "../../lib/limits";

type Policy = Schemas["Policy"];
type Input = Schemas["PolicyInput"];

const fieldNames = [
  "product_id",
  "name",
  "description",
  "sku",
  "duration_days",
  "validity_basis",
  "max_activations",
  "features",
  "deployment_mode",
  "trial",
  "heartbeat_interval_s",
  "heartbeat_grace_s",
  "dead_activation",
  "fingerprint_rule",
  "expiry_grace_days",
  "offline_grace_s",
];

// A number field's value for the API: empty means null (perpetual, no heartbeat, ...).
function optionalNumber(value: number | string): number | null {
  return value === "" ? null : Number(value);
}

export function PolicyForm({ policy, onDone }: { policy?: Policy; onDone: () => void }) {
  const client = useQueryClient();
  const products = useProducts();
  const [product, setProduct] = useState<string | null>(policy?.product_id ?? null);
  const [name, setName] = useState(policy?.name ?? "");
  const [description, setDescription] = useState(policy?.description ?? "");
  const [sku, setSku] = useState(policy?.sku ?? "");
  const [duration, setDuration] = useState<number | string>(policy?.duration_days ?? "");
  const [basis, setBasis] = useState<string>(policy?.validity_basis ?? "FROM_CREATION");
  const [cap, setCap] = useState<number | string>(policy?.max_activations ?? 1);
  const [features, setFeatures] = useState<string[]>(policy?.features ?? []);
  const [mode, setMode] = useState<string>(policy?.deployment_mode ?? "ONLINE");
  const [trial, setTrial] = useState(policy?.trial ?? false);
  const [interval, setInterval] = useState<number | string>(policy?.heartbeat_interval_s ?? "");
  const [grace, setGrace] = useState<number | string>(policy?.heartbeat_grace_s ?? 0);
  const [dead, setDead] = useState<string>(policy?.dead_activation ?? "KEEP");
  const [components, setComponents] = useState<string[]>(
    policy?.fingerprint_rule?.components ?? [],
  );
  const [matching, setMatching] = useState<number | string>(
    policy?.fingerprint_rule?.min_matching ?? 0,
  );
  const [expiryGrace, setExpiryGrace] = useState<number | string>(policy?.expiry_grace_days ?? 0);
  const [offlineGrace, setOfflineGrace] = useState<number | string>(policy?.offline_grace_s ?? "");

  const { errors, busy, submit } = useApiForm(fieldNames, async () => {
    const body: Input = {
      name,
      description,
      sku,
      duration_days: optionalNumber(duration),
      validity_basis: basis as Input["validity_basis"],
      max_activations: Number(cap),
      features,
      deployment_mode: mode as Input["deployment_mode"],
      trial,
      heartbeat_interval_s: optionalNumber(interval),
      heartbeat_grace_s: Number(grace),
      dead_activation: dead as Input["dead_activation"],
      fingerprint_rule: { components, min_matching: Number(matching) },
      expiry_grace_days: Number(expiryGrace),
      offline_grace_s: optionalNumber(offlineGrace),
    };
    if (policy) {
      await must(api.PATCH("/v1/policies/{id}", { params: { path: { id: policy.id } }, body }));
    } else {
      await must(api.POST("/v1/policies", { body: { ...body, product_id: product ?? "" } }));
    }
    await client.invalidateQueries({ queryKey: keys.policies });
    onDone();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Product"
            required
            disabled={!!policy}
            description={policy ? "A policy stays with its product" : undefined}
            data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={product}
            onChange={setProduct}
            error={errors.product_id}
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Textarea
            label="Description"
            description="What the policy is for, shown beside its name"
            autosize
            minRows={2}
            maxLength={limits.descriptionLength}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <TextInput
            label="SKU"
            description="Your shop's or billing system's code for what this policy sells"
            maxLength={limits.skuLength}
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            error={errors.sku}
          />
          <NumberInput
            label="Validity (days)"
            description="Empty: perpetual"
            min={1}
            max={limits.validityDays}
            value={duration}
            onChange={setDuration}
            error={errors.duration_days}
          />
          <Select
            label="Validity counts from"
            allowDeselect={false}
            data={[
              { value: "FROM_CREATION", label: "The license's issue" },
              { value: "FROM_FIRST_ACTIVATION", label: "The first activation" },
            ]}
            value={basis}
            onChange={(v) => v && setBasis(v)}
            error={errors.validity_basis}
          />
          <NumberInput
            label="Machines at most"
            description="How many machines one license activates"
            min={1}
            max={limits.maxActivations}
            value={cap}
            onChange={setCap}
            error={errors.max_activations}
          />
          <Select
            label="Deployment mode"
            description="Online: activation over the network; offline: by license file"
            allowDeselect={false}
            data={[
              { value: "ONLINE", label: "Online" },
              { value: "OFFLINE", label: "Offline" },
              { value: "HYBRID", label: "Hybrid (either)" },
            ]}
            value={mode}
            onChange={(v) => v && setMode(v)}
            error={errors.deployment_mode}
          />
          <NumberInput
            label="Heartbeat every (seconds)"
            description="Empty: machines need not check in"
            min={limits.minHeartbeatSeconds}
            max={limits.intervalSeconds}
            value={interval}
            onChange={setInterval}
            error={errors.heartbeat_interval_s}
          />
          <NumberInput
            label="Heartbeat grace (seconds)"
            description="How late a heartbeat may be before the machine counts as dead"
            min={0}
            max={limits.intervalSeconds}
            value={grace}
            onChange={setGrace}
            error={errors.heartbeat_grace_s}
          />
          <Select
            label="A dead machine's slot"
            allowDeselect={false}
            data={[
              { value: "KEEP", label: "Is kept" },
              { value: "RELEASE", label: "Is released for another machine" },
            ]}
            value={dead}
            onChange={(v) => v && setDead(v)}
            error={errors.dead_activation}
          />
          <NumberInput
            label="Expiry grace (days)"
            description="Days a license still validates after it expires"
            min={0}
            max={limits.expiryGraceDays}
            value={expiryGrace}
            onChange={setExpiryGrace}
            error={errors.expiry_grace_days}
          />
          <NumberInput
            label="Offline grace (seconds)"
            description="How long a client runs past its file's refresh-by without the server. Empty: the heartbeat grace"
            min={0}
            max={limits.intervalSeconds}
            value={offlineGrace}
            onChange={setOfflineGrace}
            error={errors.offline_grace_s}
          />
          <TagsInput
            label="Features"
            description="What the license unlocks; press Enter after each"
            value={features}
            onChange={setFeatures}
            error={errors.features}
          />
          <TagsInput
            label="Fingerprint components"
            description="Hardware parts compared when a fingerprint differs, e.g. mac, cpu, disk"
            value={components}
            onChange={setComponents}
            error={errors.fingerprint_rule}
          />
          <NumberInput
            label="Components that must match"
            description="A machine whose fingerprint changed is the same machine if this many parts still match; 0: exact fingerprints only"
            min={0}
            max={limits.matchingComponents}
            value={matching}
            onChange={setMatching}
          />
        </SimpleGrid>
        <Checkbox
          label="Trial: a time-limited evaluation license"
          checked={trial}
          onChange={(e) => setTrial(e.currentTarget.checked)}
        />
        <FormFooter
          error={errors.form}
          busy={busy}
          label={policy ? "Save policy" : "Create policy"}
        />
      </Stack>
    </form>
  );
}
