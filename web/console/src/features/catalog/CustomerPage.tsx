// One customer across every licensing model (seed 003's "Customer Details → Activated Devices",
// and what no seed has in one place): its activation-code licenses with their machines, where
// inactive ones are released and the cap raised; its installations with their issued files;
// its day-cards by type and status; its sub-customers; and its own audit history.
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Accordion, Anchor, Button, Group, Modal, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { nameOf, useCustomers, usePolicies } from "../../lib/catalog";
import { formatTime } from "../../lib/format";
import { Facts } from "../../layout/Facts";
import { PageHeader } from "../../layout/PageHeader";
import { Section } from "../../layout/Section";
import { Empty, Failure, Loading } from "../../layout/states";
import { ActivationsTable } from "../../components/licenses/ActivationsTable";
import { AuditHistory } from "../../components/AuditHistory";
import { LicenseEdit } from "../../components/licenses/LicenseEdit";
import { StatusBadge } from "../../components/StatusBadge";
import { CardTypeTable } from "../../components/cards/CardTypeTable";
import { InstallationsTable } from "../../components/InstallationsTable";
import { keys } from "../../api/keys";

type License = Schemas["License"];

// A customer has few enough of each for one page of the API's largest size.
const kPage = 500;

function LicenseItem({ id }: { id: string }) {
  const { can } = useSession();
  const policies = usePolicies();
  const [editing, setEditing] = useState(false);
  // The license as its own page reads it, so that a release or an edit here updates both.
  const license = useQuery({
    queryKey: keys.license(id),
    queryFn: () => must(api.GET("/v1/licenses/{id}", { params: { path: { id } } })),
  });
  if (!license.data) return null;
  const l: License = license.data;
  return (
    <Accordion.Item value={l.id}>
      <Accordion.Control aria-label={`License ${l.code}`}>
        <Group gap="sm" wrap="wrap">
          <Text ff="monospace" size="sm">
            {l.code}
          </Text>
          <StatusBadge status={l.status} />
          <Text size="sm" c="dimmed">
            {nameOf(policies.data, l.policy_id)}
          </Text>
          <Text size="sm" fw={600} data-testid={`slots-${l.code}`}>
            {l.activations_count} / {l.max_activations} machines
          </Text>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Group mb="sm" gap="xs">
          <Anchor component={Link} to={`/licenses/${l.id}`} size="sm">
            The license's page
          </Anchor>
          {can("manage_licensing") && (
            <Button variant="default" size="xs" onClick={() => setEditing(true)}>
              Raise the cap or edit
            </Button>
          )}
        </Group>
        <ActivationsTable licenseId={l.id} version={l.version} label={`Machines of ${l.code}`} />
        <Modal opened={editing} onClose={() => setEditing(false)} title="Edit the license" centered>
          <LicenseEdit license={l} onDone={() => setEditing(false)} />
        </Modal>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function Licenses({ customerId }: { customerId: string }) {
  const licenses = useQuery({
    queryKey: keys.licensesOfCustomer(customerId),
    queryFn: () =>
      must(
        api.GET("/v1/licenses", { params: { query: { customer_id: customerId, limit: kPage } } }),
      ),
  });
  if (licenses.isPending) return <Loading />;
  if (licenses.isError) return <Failure error={licenses.error} />;
  if (licenses.data.data.length === 0) return <Empty>No activation-code licenses.</Empty>;
  return (
    <Accordion variant="separated" multiple>
      {licenses.data.data.map((l) => (
        <LicenseItem key={l.id} id={l.id} />
      ))}
    </Accordion>
  );
}

function Installations({ customerId }: { customerId: string }) {
  const installations = useQuery({
    queryKey: keys.installationsOfCustomer(customerId),
    queryFn: () =>
      must(
        api.GET("/v1/installations", {
          params: { query: { customer_id: customerId, limit: kPage } },
        }),
      ),
  });
  if (installations.isPending) return <Loading />;
  if (installations.isError) return <Failure error={installations.error} />;
  if (installations.data.data.length === 0) return <Empty>No installations.</Empty>;
  return <InstallationsTable installations={installations.data.data} />;
}

function Cards({ customerId }: { customerId: string }) {
  const statistics = useQuery({
    queryKey: keys.cardStatisticsOf(customerId),
    queryFn: () =>
      must(api.GET("/v1/card-statistics", { params: { query: { customer_id: customerId } } })),
  });
  if (statistics.isPending) return <Loading />;
  if (statistics.isError) return <Failure error={statistics.error} />;
  const types = statistics.data.types.filter((t) => t.total > 0);
  if (types.length === 0) return <Empty>No day-cards.</Empty>;
  return <CardTypeTable label="Day-cards by type" types={types} />;
}

function SubCustomers({ customerId }: { customerId: string }) {
  const children = useQuery({
    queryKey: keys.customerChildren(customerId),
    queryFn: () =>
      must(
        api.GET("/v1/customers", { params: { query: { parent_id: customerId, limit: kPage } } }),
      ),
  });
  if (children.isPending) return <Loading />;
  if (children.isError) return <Failure error={children.error} />;
  if (children.data.data.length === 0) return <Empty>No sub-customers.</Empty>;
  return (
    <Group gap="md">
      {children.data.data.map((c) => (
        <Anchor key={c.id} component={Link} to={`/catalog/customers/${c.id}`}>
          {c.name}
        </Anchor>
      ))}
    </Group>
  );
}

export function CustomerPage() {
  const { id = "" } = useParams();
  const customer = useQuery({
    queryKey: keys.customer(id),
    queryFn: () => must(api.GET("/v1/customers/{id}", { params: { path: { id } } })),
  });
  const customers = useCustomers();
  if (customer.isPending) return <Loading />;
  if (customer.isError) return <Failure error={customer.error} />;
  const c = customer.data;
  const parent = c.parent_id;
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <Anchor component={Link} to="/catalog/customers" size="sm">
            All customers
          </Anchor>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Facts
            wide
            facts={[
              ["Email", c.email || "—"],
              ["Customer since", formatTime(c.created_at)],
              ["Superior", parent ? nameOf(customers.data, parent) : "none: a direct customer"],
            ]}
          />
          {parent && (
            <Anchor component={Link} to={`/catalog/customers/${parent}`} size="sm">
              Open the superior customer
            </Anchor>
          )}
        </Paper>
        <Section title="Activation-code licenses">
          <Licenses customerId={id} />
        </Section>
        <Section title="Installations">
          <Installations customerId={id} />
        </Section>
        <Section title="Day-cards">
          <Cards customerId={id} />
        </Section>
        <Section title="Sub-customers">
          <SubCustomers customerId={id} />
        </Section>
        <Section title="History">
          <AuditHistory type="customer" id={id} />
        </Section>
      </Stack>
    </>
  );
}
