// Issuing a license from a policy for a customer; the new code is shown ready to copy.
import { useState } from "react";
import { Link } from "react-router-dom";
import {
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useCustomers, usePolicies } from "../../lib/catalog";
import { CopyField } from "../../layout/CopyField";
import { PageHeader } from "../../layout/PageHeader";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { keys } from "../../api/keys";
import { limits } from "../../lib/limits";

export function IssueLicensePage() {
  const client = useQueryClient();
  const policies = usePolicies();
  const customers = useCustomers();
  const [policy, setPolicy] = useState<string | null>(null);
  const [customer, setCustomer] = useState<string | null>(null);
  const [cap, setCap] = useState<number | string>("");
  const [features, setFeatures] = useState<string[]>([]);
  const [issued, setIssued] = useState<Schemas["License"] | null>(null);
  const chosen = policies.data?.find((p) => p.id === policy);

  const { errors, busy, submit } = useApiForm(
    ["policy_id", "customer_id", "max_activations", "features"],
    async () => {
      const license = await must(
        api.POST("/v1/licenses", {
          body: {
            policy_id: policy ?? "",
            customer_id: customer ?? "",
            ...(cap === "" ? {} : { max_activations: Number(cap) }),
            ...(features.length ? { features } : {}),
          },
        }),
      );
      await client.invalidateQueries({ queryKey: keys.licenses });
      setIssued(license);
    },
  );

  return (
    <>
      <PageHeader title="Issue a license" />
      <Paper withBorder p="lg" radius="md" maw={560}>
        {issued ? (
          <Stack>
            <Text>The license is issued. Give the customer its code:</Text>
            <CopyField value={issued.code} label="license code" />
            <Group>
              <Button component={Link} to={`/licenses/${issued.id}`}>
                Open the license
              </Button>
              <Button variant="default" onClick={() => setIssued(null)}>
                Issue another
              </Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Select
                label="Policy"
                required
                searchable
                data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={policy}
                onChange={setPolicy}
                error={errors.policy_id}
                nothingFoundMessage={
                  <Anchor component={Link} to="/catalog/policies">
                    Create a policy first
                  </Anchor>
                }
              />
              <Select
                label="Customer"
                required
                searchable
                data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={customer}
                onChange={setCustomer}
                error={errors.customer_id}
              />
              <NumberInput
                label="Machines at most"
                description={
                  chosen ? `Empty: the policy's ${chosen.max_activations}` : "Empty: the policy's"
                }
                min={1}
                max={limits.maxActivations}
                value={cap}
                onChange={setCap}
                error={errors.max_activations}
              />
              <TagsInput
                label="Features"
                description={
                  chosen
                    ? `Empty: the policy's (${chosen.features.join(", ") || "none"})`
                    : "Empty: the policy's"
                }
                value={features}
                onChange={setFeatures}
                error={errors.features}
              />
              <FormFooter error={errors.form} busy={busy} label="Issue license" />
            </Stack>
          </form>
        )}
      </Paper>
    </>
  );
}
