// What may be done to one card from the list: a customer's own users lock, unlock, bind, unbind
// and return it (each confirmed or chosen in a dialog); the vendor's staff add days; everyone
// who sees it may read its deductions.
import { useState } from "react";
import { Group, NumberInput, Select, Stack } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { useCardTypes } from "../../lib/fleet";
import { useApiForm } from "../../lib/useApiForm";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { DialogButton } from "../../layout/DialogButton";
import { FormFooter } from "../../layout/FormFooter";
import { DeductionList } from "../../components/cards/DeductionList";
import { keys } from "../../api/keys";

type Card = Schemas["Card"];
type CardAction = "lock" | "unlock" | "unbind";

// Lock an unused card (it can then be neither sold nor bound), unlock it, or unbind it.
const confirmedActions: {
  action: CardAction;
  label: string;
  when: (c: Card) => boolean;
  message: string;
}[] = [
  {
    action: "lock",
    label: "Lock",
    when: (c) => c.status === "UNUSED" && !c.locked,
    message: "A locked card can be neither sold nor bound until it is unlocked.",
  },
  {
    action: "unlock",
    label: "Unlock",
    when: (c) => c.locked,
    message: "The card can be sold and bound again.",
  },
  {
    action: "unbind",
    label: "Unbind",
    when: (c) => c.device_number !== null,
    message: "The device stops drawing days from this card.",
  },
];

// A card can be bound when it has days, is not locked and is not bound already.
export const bindable = (c: Card) => !c.locked && c.device_number === null && c.available_days > 0;

function useRefreshCards() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: keys.cards });
    await client.invalidateQueries({ queryKey: keys.cardStatistics });
    await client.invalidateQueries({ queryKey: keys.devices });
    await client.invalidateQueries({ queryKey: keys.cardRecords });
  };
}

// The devices offered are the card owner's, of a model the card's type covers: the API refuses
// any other (MODEL_MISMATCH, or not found). A blacklisted device is offered too, and says so:
// binding a card with days to it is how it recovers (seed 002), before the vendor lifts the
// blacklisting.
function BindForm({ card, onBound }: { card: Card; onBound: () => void }) {
  const refresh = useRefreshCards();
  const [device, setDevice] = useState<string | null>(null);
  const types = useCardTypes();
  const models = types.data?.find((t) => t.code === card.type_code)?.models ?? [];
  const devices = useQuery({
    queryKey: keys.bindableDevices(card.customer_id, models),
    enabled: models.length > 0,
    queryFn: () =>
      must(
        api.GET("/v1/devices", {
          params: {
            query: {
              customer_id: card.customer_id,
              model: models.join(","),
              limit: 500,
            },
          },
        }),
      ),
  });
  const { errors, busy, submit } = useApiForm(["device_number"], async () => {
    await must(
      api.POST("/v1/cards/{number}/bind", {
        params: { path: { number: card.number } },
        body: { device_number: device ?? "" },
      }),
    );
    await refresh();
    onBound();
  });
  const choices = (devices.data?.data ?? []).map((d) => ({
    value: d.number,
    label: d.blacklisted
      ? `${d.number} (${d.model}, blacklisted: this card's days let it recover)`
      : `${d.number} (${d.model})`,
  }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Device"
          description={`Devices of model ${models.join(", ") || "…"}, which this card's type covers`}
          placeholder={
            devices.isPending ? "Loading…" : choices.length ? "Choose" : "No device fits"
          }
          searchable
          data={choices}
          value={device}
          onChange={setDevice}
          required
          error={errors.device_number}
        />
        <FormFooter error={errors.form} busy={busy} label="Bind" disabled={!device} />
      </Stack>
    </form>
  );
}

function AddDaysForm({ card, onAdded }: { card: Card; onAdded: () => void }) {
  const refresh = useRefreshCards();
  const [days, setDays] = useState<number | string>(30);
  const { errors, busy, submit } = useApiForm(["days"], async () => {
    await must(
      api.POST("/v1/cards/{number}/days", {
        params: { path: { number: card.number } },
        body: { days: Number(days) },
      }),
    );
    await refresh();
    onAdded();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <NumberInput
          label="Days to add"
          description={`The card has ${card.available_days} of ${card.total_days} days left`}
          min={1}
          allowDecimal={false}
          required
          value={days}
          onChange={setDays}
          error={errors.days}
        />
        <FormFooter error={errors.form} busy={busy} label="Add days" />
      </Stack>
    </form>
  );
}

// `returnFrom`: the customer whose card this is, when it has a superior to return it to (the
// caller's own customer needs no `from`).
export function CardActions({
  card,
  disabled,
  returnFrom,
}: {
  card: Card;
  disabled: boolean;
  returnFrom: { from?: string } | null;
}) {
  const { can } = useSession();
  const refresh = useRefreshCards();
  const operate = can("operate_cards");
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {operate && bindable(card) && (
        <DialogButton label="Bind" title={`Bind card ${card.number}`} disabled={disabled}>
          {(close) => <BindForm card={card} onBound={close} />}
        </DialogButton>
      )}
      {operate &&
        confirmedActions
          .filter((a) => a.when(card))
          .map((a) => (
            <ConfirmButton
              key={a.action}
              variant="subtle"
              size="xs"
              aria-label={`${a.label} ${card.number}`}
              disabled={disabled}
              title={`${a.label} card ${card.number}?`}
              message={a.message}
              confirmLabel={a.label}
              onConfirm={async () => {
                await must(
                  api.POST(`/v1/cards/{number}/${a.action}`, {
                    params: { path: { number: card.number } },
                  }),
                );
                await refresh();
              }}
            >
              {a.label}
            </ConfirmButton>
          ))}
      {operate && returnFrom && card.status === "UNUSED" && !card.locked && (
        <ConfirmButton
          variant="subtle"
          size="xs"
          aria-label={`Return ${card.number}`}
          disabled={disabled}
          title={`Return card ${card.number}?`}
          message="The card goes back to the superior customer, with its days."
          confirmLabel="Return"
          onConfirm={async () => {
            await must(
              api.POST("/v1/cards/return", { body: { numbers: [card.number], ...returnFrom } }),
            );
            await refresh();
          }}
        >
          Return
        </ConfirmButton>
      )}
      {can("manage_fleet") && (
        <DialogButton label="Add days" title={`Add days to card ${card.number}`}>
          {(close) => <AddDaysForm card={card} onAdded={close} />}
        </DialogButton>
      )}
      {card.activated_at !== null && (
        <DialogButton label="Deductions" title={`Deductions of card ${card.number}`} size="xl">
          {() => <DeductionList filter={{ card_number: card.number }} />}
        </DialogButton>
      )}
    </Group>
  );
}
