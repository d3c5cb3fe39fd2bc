// Selling day-cards down the hierarchy, a quantity at a time.
import { useState } from "react";
import { NumberInput, Select, Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";

// Selling cards of the customer in view to one of its direct sub-customers: the system picks
// the quantity asked for ("batch select").
export function SellForm({
  from,
  own,
  customers,
  onSold,
}: {
  from: Schemas["Customer"];
  own: string;
  customers: Schemas["Customer"][];
  onSold: () => void;
}) {
  const client = useQueryClient();
  const [to, setTo] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const { errors, busy, submit } = useApiForm(["to", "quantity"], async () => {
    await must(
      api.POST("/v1/cards/sell", {
        body: {
          to: to ?? "",
          quantity: Number(quantity),
          ...(from.id === own ? {} : { from: from.id }),
        },
      }),
    );
    await client.invalidateQueries({ queryKey: ["cards"] });
    await client.invalidateQueries({ queryKey: ["card-statistics"] });
    onSold();
  });
  const children = customers.filter((c) => c.parent_id === from.id);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <NumberInput
          label="How many cards"
          description="The system picks that many unused, unlocked cards"
          min={1}
          max={10000}
          allowDecimal={false}
          required
          value={quantity}
          onChange={setQuantity}
          error={errors.quantity}
        />
        <Select
          label="Sell to"
          placeholder={children.length ? "Choose a sub-customer" : "No sub-customer"}
          data={children.map((c) => ({ value: c.id, label: c.name }))}
          value={to}
          onChange={setTo}
          required
          error={errors.to}
        />
        <FormFooter error={errors.form} busy={busy} label="Sell" disabled={!to} />
      </Stack>
    </form>
  );
}
