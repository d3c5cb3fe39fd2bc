// A sub-customer's Customer Settings (seed 002): its own administrator's switch for whether
// its superior may manage its cards.
import { useState } from "react";
import { Alert, Paper, Switch, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";

// The customer's own administrator decides whether its superior may manage its cards.
export function CustomerSettings({ customer }: { customer: Schemas["Customer"] }) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        Customer Settings
      </Title>
      <Switch
        label="Allow superior to manage licenses"
        description="Your superior may then bind, unbind, lock, sell and return your cards. It may always view them."
        checked={customer.allow_superior_manage_licenses}
        disabled={busy}
        onChange={async (e) => {
          const allow = e.currentTarget.checked;
          setBusy(true);
          setError(null);
          try {
            await must(
              api.PATCH("/v1/customers/{id}/settings", {
                params: { path: { id: customer.id } },
                body: { allow_superior_manage_licenses: allow },
              }),
            );
            await client.invalidateQueries({ queryKey: keys.cardCustomers });
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      />
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
    </Paper>
  );
}
