// Editing a license's validity, cap and features, or moving it to another policy of its product
// (a trial converted to a paid policy). Machines learn of the change at their next heartbeat or
// refresh; until then the license shows "pending sync".
import { useState } from "react";
import { NumberInput, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { usePolicies } from "../../lib/catalog";
import { useApiForm } from "../../lib/useApiForm";
import { fromUtcField, toUtcField } from "../../lib/utcField";
import { FormFooter } from "../../layout/FormFooter";

type License = Schemas["License"];

export function LicenseEdit({ license, onDone }: { license: License; onDone: () => void }) {
  const client = useQueryClient();
  const [expires, setExpires] = useState(toUtcField(license.expires_at));
  const [cap, setCap] = useState<number | string>(license.max_activations);
  const [features, setFeatures] = useState<string[]>(license.features);
  const [policyId, setPolicyId] = useState(license.policy_id);
  const policies = usePolicies();
  const choices = (policies.data ?? [])
    .filter((p) => p.product_id === license.product_id)
    .map((p) => ({ value: p.id, label: p.trial ? `${p.name} (trial)` : p.name }));
  const moving = policyId !== license.policy_id;

  const { errors, busy, submit } = useApiForm(
    ["policy_id", "expires_at", "max_activations", "features"],
    async () => {
      // A move takes the new policy's terms; the fields below are the license's own.
      const body = moving
        ? { policy_id: policyId }
        : { expires_at: fromUtcField(expires), max_activations: Number(cap), features };
      await must(api.PATCH("/v1/licenses/{id}", { params: { path: { id: license.id } }, body }));
      await client.invalidateQueries({ queryKey: ["license", license.id] });
      onDone();
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Policy"
          description="Another policy of the same product, such as the paid one after a trial"
          data={choices}
          value={policyId}
          onChange={(value) => setPolicyId(value ?? license.policy_id)}
          allowDeselect={false}
          error={errors.policy_id}
        />
        {moving ? (
          <Text size="sm" role="status">
            The license takes this policy&apos;s validity (counted from the license&apos;s start),
            machines and features. Its machines get the new terms at their next heartbeat, with the
            same code.
          </Text>
        ) : (
          <>
            <TextInput
              type="datetime-local"
              label="Expires (UTC)"
              description="Empty: the license never expires"
              value={expires}
              onChange={(e) => setExpires(e.currentTarget.value)}
              error={errors.expires_at}
            />
            <NumberInput
              label="Machines at most"
              min={1}
              max={1000000}
              value={cap}
              onChange={setCap}
              error={errors.max_activations}
            />
            <TagsInput
              label="Features"
              description="Press Enter after each"
              value={features}
              onChange={setFeatures}
              error={errors.features}
            />
          </>
        )}
        <FormFooter error={errors.form} busy={busy} label="Save changes" />
      </Stack>
    </form>
  );
}
