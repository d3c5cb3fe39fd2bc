// The vendor's sale of day-cards to a customer: a quantity of new cards of one type, each with
// its days (at most the type's maximum).
import { useState } from "react";
import { NumberInput, Select, Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { useCardTypes } from "../../lib/fleet";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { CustomerSelect } from "../CustomerSelect";
import { QuantityInput } from "./QuantityInput";
import { keys } from "../../api/keys";

export function IssueCardsForm({
  customerId,
  onIssued,
}: {
  customerId: string | undefined;
  onIssued: () => void;
}) {
  const client = useQueryClient();
  const types = useCardTypes();
  const [type, setType] = useState<string | null>(null);
  const [customer, setCustomer] = useState<string | null>(customerId ?? null);
  const [quantity, setQuantity] = useState<number | string>(10);
  const [days, setDays] = useState<number | string>("");
  const chosen = types.data?.find((t) => t.code === type);
  const { errors, busy, submit } = useApiForm(
    ["type_code", "customer_id", "quantity", "days"],
    async () => {
      await must(
        api.POST("/v1/cards", {
          body: {
            type_code: type ?? "",
            customer_id: customer ?? "",
            quantity: Number(quantity),
            days: Number(days || chosen?.max_days),
          },
        }),
      );
      await client.invalidateQueries({ queryKey: keys.cards });
      await client.invalidateQueries({ queryKey: keys.cardStatistics });
      onIssued();
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Card type"
          placeholder="Choose a type"
          required
          data={(types.data ?? []).map((t) => ({ value: t.code, label: `${t.name} (${t.code})` }))}
          value={type}
          onChange={setType}
          error={errors.type_code}
        />
        <CustomerSelect
          value={customer}
          onChange={setCustomer}
          error={errors.customer_id}
          description="The customer who buys the cards"
        />
        <QuantityInput value={quantity} onChange={setQuantity} error={errors.quantity} />
        <NumberInput
          label="Days on each card"
          description={chosen ? `At most ${chosen.max_days}; empty gives that` : undefined}
          min={1}
          max={chosen?.max_days}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={errors.days}
        />
        <FormFooter
          error={errors.form}
          busy={busy}
          label="Issue cards"
          disabled={!type || !customer}
        />
      </Stack>
    </form>
  );
}
