// Editing a license's validity, cap and features. Machines learn of the change at their next
// heartbeat or refresh; until then the license shows "pending sync".
import { useState } from "react";
import { NumberInput, Stack, TagsInput, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { fromUtcField, toUtcField } from "../../lib/utcField";
import { FormFooter } from "../../layout/FormFooter";

type License = Schemas["License"];

export function LicenseEdit({ license, onDone }: { license: License; onDone: () => void }) {
  const client = useQueryClient();
  const [expires, setExpires] = useState(toUtcField(license.expires_at));
  const [cap, setCap] = useState<number | string>(license.max_activations);
  const [features, setFeatures] = useState<string[]>(license.features);

  const { errors, busy, submit } = useApiForm(
    ["expires_at", "max_activations", "features"],
    async () => {
      await must(
        api.PATCH("/v1/licenses/{id}", {
          params: { path: { id: license.id } },
          body: {
            expires_at: fromUtcField(expires),
            max_activations: Number(cap),
            features,
          },
        }),
      );
      await client.invalidateQueries({ queryKey: ["license", license.id] });
      onDone();
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
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
        <FormFooter error={errors.form} busy={busy} label="Save changes" />
      </Stack>
    </form>
  );
}
