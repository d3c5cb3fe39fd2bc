// Selling day-cards down the hierarchy: the cards ticked in the list, or a quantity of a type
// and a number of days, which the console picks (seed 002: "enter the quantity… the system will
// automatically check the corresponding number of licenses") and shows before the sale: the
// cards sold are exactly the cards listed.
import { useState } from "react";
import { NumberInput, Select, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { useCardTypes } from "../../lib/fleet";
import { limits } from "../../lib/limits";
import { FormError, useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { QuantityInput } from "../../components/cards/QuantityInput";

const kShown = 12; // numbers listed before "and N more"

interface Pick {
  typeCode: string | null;
  days: number | null;
  quantity: number;
}

// The first `quantity` unused, unlocked cards of `from` that match, oldest first, as the
// list shows them; fewer when fewer match.
async function pickCards(from: string, pick: Pick): Promise<string[]> {
  const numbers: string[] = [];
  let cursor: string | undefined;
  while (numbers.length < pick.quantity) {
    const page = await must(
      api.GET("/v1/cards", {
        params: {
          query: {
            customer_id: from,
            status: "UNUSED",
            locked: false,
            type_code: pick.typeCode ?? undefined,
            min_days: pick.days ?? undefined,
            max_days: pick.days ?? undefined,
            limit: Math.min(500, pick.quantity - numbers.length),
            cursor,
          },
        },
      }),
    );
    numbers.push(...page.data.map((c) => c.number));
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return numbers;
}

function NumberList({ numbers }: { numbers: string[] }) {
  const more = numbers.length - kShown;
  return (
    <Text span ff="monospace" size="sm">
      {numbers.slice(0, kShown).join(", ")}
      {more > 0 ? ` and ${more} more` : ""}
    </Text>
  );
}

// Selling cards of the customer in view to one of its direct sub-customers: the `numbers`
// ticked, or, with none, the quantity asked for.
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
  const types = useCardTypes();
  const [to, setTo] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [typeCode, setTypeCode] = useState<string | null>(null);
  const [days, setDays] = useState<number | string>("");
  const pick: Pick = {
    typeCode,
    days: days === "" ? null : Number(days),
    quantity: Math.min(Math.max(Number(quantity) || 0, 0), limits.cardQuantity),
  };
  const picked = useQuery({
    queryKey: keys.pickedCards(from.id, pick),
    enabled: numbers.length === 0 && pick.quantity > 0,
    queryFn: () => pickCards(from.id, pick),
  });
  const chosen = numbers.length ? numbers : (picked.data ?? []);

  const { errors, busy, submit } = useApiForm(["to", "quantity", "numbers"], async () => {
    if (numbers.length === 0 && chosen.length < pick.quantity) {
      throw new FormError({
        quantity: `Only ${chosen.length} unused, unlocked cards match: sell fewer, or choose another type or days.`,
      });
    }
    await must(
      api.POST("/v1/cards/sell", {
        body: {
          to: to ?? "",
          numbers: chosen,
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
            <NumberList numbers={numbers} />
          </Text>
        ) : (
          <>
            <Select
              label="Card type"
              placeholder="Any type"
              clearable
              data={(types.data ?? []).map((t) => ({
                value: t.code,
                label: `${t.name} (${t.code})`,
              }))}
              value={typeCode}
              onChange={setTypeCode}
            />
            <NumberInput
              label="Days on each card"
              description="Empty: any number of days"
              min={1}
              max={limits.validityDays}
              allowDecimal={false}
              value={days}
              onChange={setDays}
            />
            <QuantityInput
              description="Unused, unlocked cards, oldest first; or tick cards in the list"
              value={quantity}
              onChange={setQuantity}
              error={errors.quantity}
            />
            <Text size="sm" role="status" aria-label="The cards that will be sold">
              {pick.quantity === 0 ? (
                "Give how many cards to sell."
              ) : picked.isPending ? (
                "Picking cards…"
              ) : chosen.length === 0 ? (
                "No unused, unlocked card matches."
              ) : (
                <>
                  {chosen.length < pick.quantity
                    ? `Only ${chosen.length} match: `
                    : `These ${chosen.length} will go: `}
                  <NumberList numbers={chosen} />
                </>
              )}
            </Text>
          </>
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
        <FormFooter
          error={errors.form}
          busy={busy}
          label={chosen.length ? `Sell ${chosen.length}` : "Sell"}
          disabled={!to || chosen.length === 0}
        />
      </Stack>
    </form>
  );
}
