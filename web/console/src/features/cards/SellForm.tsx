// Selling day-cards down the hierarchy: the cards ticked in the list, or a quantity.
import { useState } from "react";
import { Select, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { QuantityInput } from "../../components/cards/QuantityInput";
import { keys } from "../../api/keys";

// Selling cards of the customer in view to one of its direct sub-customers: the `numbers`
// ticked, or, with none, the quantity asked for, which the system picks ("batch select").
export function SellForm({
  from,
  own,
  customers,
  numbers,
  onSold,
}: {
  from: Schemas["Customer"];
  own: string;
  customers: Schemas["Customer"][];
  numbers: string[];
  onSold: () => void;
}) {
  const client = useQueryClient();
  const [to, setTo] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const { errors, busy, submit } = useApiForm(["to", "quantity", "numbers"], async () => {
    await must(
      api.POST("/v1/cards/sell", {
        body: {
          to: to ?? "",
          ...(numbers.length ? { numbers } : { quantity: Number(quantity) }),
          ...(from.id === own ? {} : { from: from.id }),
        },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.cards });
    await client.invalidateQueries({ queryKey: keys.cardStatistics });
    onSold();
  });
  const children = customers.filter((c) => c.parent_id === from.id);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {numbers.length ? (
          <Text size="sm">
            The {numbers.length} ticked {numbers.length === 1 ? "card" : "cards"}:{" "}
            <Text span ff="monospace" size="sm">
              {numbers.join(", ")}
            </Text>
          </Text>
        ) : (
          <QuantityInput
            description="The system picks that many unused, unlocked cards; or tick cards in the list"
            value={quantity}
            onChange={setQuantity}
            error={errors.quantity}
          />
        )}
        {errors.numbers && (
          <Text c="red.9" size="sm" role="alert">
            {errors.numbers}
          </Text>
        )}
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
