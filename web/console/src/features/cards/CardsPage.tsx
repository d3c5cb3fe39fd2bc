// License Management for device day-cards (seed 002), for the vendor and for customers' own
// users: the statistics overview (cards running low, the distribution by type and status),
// the list of card types with their quantities by status and forecast; then the cards (filtered
// by what the address says), the devices, the sales records and the deduction records.
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert, Button, Modal, Paper, Stack, Tabs } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useSession } from "../../auth/session";
import { nameOf, useCardCustomers } from "../../lib/catalog";
import { HierarchySelect } from "../../layout/HierarchySelect";
import { PageHeader } from "../../layout/PageHeader";
import { manageAccess, vendorStaffNote } from "./cardScope";
import { IssueCardsForm } from "../../components/cards/IssueCardsForm";
import { CardList } from "./CardList";
import { CardRecords } from "./CardRecords";
import { DeductionList } from "../../components/cards/DeductionList";
import { DeviceList } from "../../components/cards/DeviceList";
import { CardStatistics } from "./CardStatistics";
import { CustomerSettings } from "./CustomerSettings";
import { SellForm } from "./SellForm";

export function CardsPage() {
  const { can, session } = useSession();
  const [search, setSearch] = useSearchParams();
  const [selling, sell] = useDisclosure(false);
  const [issuing, issue] = useDisclosure(false);
  const customers = useCardCustomers();
  const own = session?.user.customer_id ?? null;
  // The vendor's staff see every customer unless they choose one; a customer, its own.
  const customerId = search.get("customer") ?? own ?? undefined;
  const viewed = customers.data?.find((c) => c.id === customerId);
  const access = manageAccess(own, viewed, can("operate_cards"));
  const choices = customers.data ?? [];
  // Cards ticked to sell together, of the customer in view only.
  const [ticked, setTicked] = useState<{ of: string | undefined; numbers: Set<string> }>({
    of: customerId,
    numbers: new Set(),
  });
  const selected = ticked.of === customerId ? ticked.numbers : new Set<string>();
  const canSell = Boolean(own && can("operate_cards") && viewed);
  const view = search.get("view") ?? "cards";
  const customerName = (id: string | null) => (id ? nameOf(choices, id) : "—");
  return (
    <>
      <PageHeader
        title="License Management"
        description="Device day-cards: their days, their statuses and the devices they pay for."
        actions={
          <>
            {choices.length > 1 && (
              <HierarchySelect
                aria-label="Customer in view"
                placeholder="Every customer"
                clearable={!own}
                allowDeselect={!own}
                searchable
                w={220}
                customers={choices}
                value={customerId ?? null}
                onChange={(v) => {
                  const next = new URLSearchParams(search);
                  if (v) next.set("customer", v);
                  else next.delete("customer");
                  setSearch(next, { replace: true });
                }}
              />
            )}
            {can("manage_fleet") && <Button onClick={issue.open}>Issue cards</Button>}
            {canSell && (
              <Button onClick={sell.open} disabled={!access.allowed}>
                {selected.size ? `Sell ${selected.size} ticked` : "Sell cards"}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {!own && (
          <Alert
            color="blue"
            variant="light"
            role="note"
            title="Customers sell and bind their own cards"
          >
            {vendorStaffNote}
          </Alert>
        )}
        {own && can("operate_cards") && !access.allowed && access.reason && (
          <Alert color="yellow" variant="light" role="note">
            {access.reason}
          </Alert>
        )}
        <CardStatistics customerId={customerId} />
        <Paper withBorder p="md" radius="md">
          <Tabs
            value={view}
            onChange={(v) => {
              const next = new URLSearchParams(search);
              if (v && v !== "cards") next.set("view", v);
              else next.delete("view");
              setSearch(next, { replace: true });
            }}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="cards">Cards</Tabs.Tab>
              <Tabs.Tab value="devices">Devices</Tabs.Tab>
              <Tabs.Tab value="sales">Sales records</Tabs.Tab>
              <Tabs.Tab value="deductions">Deduction records</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="cards">
              <CardList
                customerId={customerId}
                access={access}
                returnFrom={
                  viewed?.parent_id ? (viewed.id === own ? {} : { from: viewed.id }) : null
                }
                selected={canSell ? selected : undefined}
                onSelect={(numbers) => setTicked({ of: customerId, numbers })}
              />
            </Tabs.Panel>
            <Tabs.Panel value="devices">
              {view === "devices" && <DeviceList customerId={customerId} />}
            </Tabs.Panel>
            <Tabs.Panel value="sales">
              {view === "sales" && (
                <CardRecords customerId={customerId} customerName={customerName} />
              )}
            </Tabs.Panel>
            <Tabs.Panel value="deductions">
              {view === "deductions" && <DeductionList filter={{ customer_id: customerId }} />}
            </Tabs.Panel>
          </Tabs>
        </Paper>
        {viewed && viewed.id === own && viewed.parent_id && can("manage_users") && (
          <CustomerSettings customer={viewed} />
        )}
      </Stack>
      <Modal opened={issuing} onClose={issue.close} title="Issue cards" centered>
        {issuing && <IssueCardsForm customerId={customerId} onIssued={issue.close} />}
      </Modal>
      <Modal opened={selling} onClose={sell.close} title="Sell cards" centered>
        {viewed && own && (
          <SellForm
            from={viewed}
            own={own}
            customers={choices}
            numbers={[...selected]}
            onSold={() => {
              setTicked({ of: customerId, numbers: new Set() });
              sell.close();
            }}
          />
        )}
      </Modal>
    </>
  );
}
