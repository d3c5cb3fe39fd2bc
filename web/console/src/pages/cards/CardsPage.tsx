// License Management for device day-cards (seed 002), for the vendor and for customers' own
// users: the statistics overview (cards running low, the distribution by type and status),
// the list of card types with their quantities by status, and the cards themselves, filtered
// by what the address says.
import { useSearchParams } from "react-router-dom";
import { Alert, Button, Modal, Paper, Select, Stack, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useSession } from "../../auth/session";
import { useCardCustomers } from "../../lib/catalog";
import { PageHeader } from "../../layout/PageHeader";
import { manageAccess } from "./cardScope";
import { CardList } from "./CardList";
import { CardStatistics } from "./CardStatistics";
import { CustomerSettings } from "./CustomerSettings";
import { SellForm } from "./SellForm";

export function CardsPage() {
  const { can, session } = useSession();
  const [search, setSearch] = useSearchParams();
  const [selling, sell] = useDisclosure(false);
  const customers = useCardCustomers();
  const own = session?.user.customer_id ?? null;
  // The vendor's staff see every customer unless they choose one; a customer, its own.
  const customerId = search.get("customer") ?? own ?? undefined;
  const viewed = customers.data?.find((c) => c.id === customerId);
  const access = manageAccess(own, viewed, can("operate_cards"));
  const choices = customers.data ?? [];
  return (
    <>
      <PageHeader
        title="License Management"
        description="Device day-cards: their days, their statuses and the devices they pay for."
        actions={
          <>
            {choices.length > 1 && (
              <Select
                aria-label="Customer in view"
                placeholder="Every customer"
                clearable={!own}
                allowDeselect={!own}
                searchable
                w={220}
                data={choices.map((c) => ({ value: c.id, label: c.name }))}
                value={customerId ?? null}
                onChange={(v) => {
                  const next = new URLSearchParams(search);
                  if (v) next.set("customer", v);
                  else next.delete("customer");
                  setSearch(next, { replace: true });
                }}
              />
            )}
            {own && can("operate_cards") && viewed && (
              <Button onClick={sell.open} disabled={!access.allowed}>
                Sell cards
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {own && can("operate_cards") && !access.allowed && access.reason && (
          <Alert color="yellow" variant="light" role="note">
            {access.reason}
          </Alert>
        )}
        <CardStatistics customerId={customerId} />
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Cards
          </Title>
          <CardList
            customerId={customerId}
            access={access}
            returnFrom={viewed?.parent_id ? (viewed.id === own ? {} : { from: viewed.id }) : null}
          />
        </Paper>
        {viewed && viewed.id === own && viewed.parent_id && can("manage_users") && (
          <CustomerSettings customer={viewed} />
        )}
      </Stack>
      <Modal opened={selling} onClose={sell.close} title="Sell cards" centered>
        {viewed && own && (
          <SellForm from={viewed} own={own} customers={choices} onSold={sell.close} />
        )}
      </Modal>
    </>
  );
}
