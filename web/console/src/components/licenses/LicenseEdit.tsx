// Editing a license's validity, cap and features, or moving it to another policy of its product
// (a trial converted to a paid policy). The new end shows before anything is saved. Machines
// learn of the change at their next heartbeat or refresh; until then the license, and each
// machine that has not fetched it, shows "pending sync".
import { useState } from "react";
import {
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { usePolicies } from "../../lib/catalog";
import { formatTime } from "../../lib/format";
import { limits } from "../../lib/limits";
import { FormError, useApiForm } from "../../lib/useApiForm";
import {
  validityChange,
  validityStart,
  type Unit,
  type ValidityChoice,
} from "../../lib/validityChange";
import { Facts } from "../../layout/Facts";
import { FormFooter } from "../../layout/FormFooter";
import { UtcTimeField } from "../../layout/UtcTimeField";
import { toUtcField } from "../../lib/utcField";

type License = Schemas["License"];
type Kind = ValidityChoice["kind"];

const kinds: { value: Kind; label: string }[] = [
  { value: "keep", label: "Keep" },
  { value: "for", label: "Valid for" },
  { value: "extend", label: "Extend by" },
  { value: "until", label: "Ends on" },
  { value: "never", label: "Never ends" },
];

function describeEnd(expires: string | null | "at-first-activation"): string {
  if (expires === null) return "never";
  if (expires === "at-first-activation") return "counted from its first activation";
  return formatTime(expires);
}

export function LicenseEdit({ license, onDone }: { license: License; onDone: () => void }) {
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>("keep");
  const [count, setCount] = useState<number | string>(1);
  const [unit, setUnit] = useState<Unit>("years");
  const [until, setUntil] = useState(toUtcField(license.expires_at));
  const [cap, setCap] = useState<number | string>(license.max_activations);
  const [features, setFeatures] = useState<string[]>(license.features);
  const [policyId, setPolicyId] = useState(license.policy_id);
  const policies = usePolicies();
  const sameProduct = (policies.data ?? []).filter((p) => p.product_id === license.product_id);
  const choices = sameProduct.map((p) => ({
    value: p.id,
    label: p.trial ? `${p.name} (trial)` : p.name,
  }));
  const moving = policyId !== license.policy_id;
  const start = validityStart(license);
  const startText = start ? `the license's start, ${formatTime(start)}` : "its first activation";
  const target = sameProduct.find((p) => p.id === policyId);

  const choice: ValidityChoice =
    kind === "for" || kind === "extend"
      ? { kind, count: Number(count), unit }
      : kind === "until"
        ? { kind, time: until }
        : { kind };
  const outcome = validityChange(license, choice);
  // A move takes the new policy's terms, its validity counted from the license's start.
  const movedEnd = target
    ? validityChange(
        license,
        target.duration_days === null
          ? { kind: "never" }
          : { kind: "for", count: target.duration_days, unit: "days" },
      )
    : null;

  const { errors, busy, submit } = useApiForm(
    ["policy_id", "duration_days", "expires_at", "max_activations", "features"],
    async () => {
      if ("error" in outcome && !moving) throw new FormError({ expires_at: outcome.error });
      const body: Schemas["LicenseChanges"] = moving
        ? { policy_id: policyId }
        : {
            ...("changes" in outcome ? outcome.changes : {}),
            max_activations: Number(cap),
            features,
          };
      await must(api.PATCH("/v1/licenses/{id}", { params: { path: { id: license.id } }, body }));
      await client.invalidateQueries({ queryKey: keys.license(license.id) });
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
          <>
            <Text size="sm">
              The license takes this policy&apos;s terms, its validity counted from the
              license&apos;s start. Its machines get them at their next heartbeat, with the same
              code.
            </Text>
            {target && movedEnd && "expires" in movedEnd && (
              <div role="status" aria-label="The license after the move">
                <Facts
                  facts={[
                    ["Expires", describeEnd(movedEnd.expires)],
                    ["Machines at most", String(target.max_activations)],
                    ["Features", target.features.join(", ") || "none"],
                  ]}
                />
              </div>
            )}
          </>
        ) : (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="validity-label">
                Validity
              </Text>
              <SegmentedControl
                aria-labelledby="validity-label"
                data={kinds}
                value={kind}
                onChange={(v) => setKind(v as Kind)}
                fullWidth
                size="xs"
              />
            </Stack>
            {(kind === "for" || kind === "extend") && (
              <Group grow align="flex-start">
                <NumberInput
                  label={kind === "for" ? "Valid for" : "Extend by"}
                  description={
                    kind === "for"
                      ? `Counted from ${startText}`
                      : `After the current end, ${describeEnd(license.expires_at)}`
                  }
                  min={1}
                  max={limits.validityDays}
                  allowDecimal={false}
                  value={count}
                  onChange={setCount}
                  error={errors.duration_days}
                />
                <Select
                  label="Unit"
                  data={[
                    { value: "days", label: "days" },
                    { value: "years", label: "years (365 days)" },
                  ]}
                  value={unit}
                  onChange={(v) => v && setUnit(v as Unit)}
                  allowDeselect={false}
                />
              </Group>
            )}
            {kind === "until" && (
              <UtcTimeField label="Ends (UTC)" value={until} onChange={setUntil} />
            )}
            <Text size="sm" role="status" aria-label="The new expiry">
              {"error" in outcome ? (
                <Text span c="red.9" size="sm">
                  {outcome.error}
                </Text>
              ) : kind === "keep" ? (
                `Expires ${describeEnd(license.expires_at)}.`
              ) : (
                `Expires ${describeEnd(outcome.expires)}; now ${describeEnd(license.expires_at)}.`
              )}
            </Text>
            {errors.expires_at && (
              <Text size="sm" c="red.9" role="alert">
                {errors.expires_at}
              </Text>
            )}
            <NumberInput
              label="Machines at most"
              min={1}
              max={limits.maxActivations}
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
