// A customer's own page, for its own users (a customer_admin or customer_viewer): everything
// the customer holds of every model, read-only, from its overview. Its licenses with their
// machines, its installations, its day-cards by type and status, and its sub-customers, each
// of which opens the same page. The vendor's staff have the customer's full page instead.
import { Link, Navigate, useParams } from "react-router-dom";
import { Accordion, Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { Facts } from "../../layout/Facts";
import { PageHeader } from "../../layout/PageHeader";
import { Section } from "../../layout/Section";
import { Empty, Failure, Loading } from "../../layout/states";
import { CardTypeTable } from "../../components/cards/CardTypeTable";
import { InstallationsTable } from "../../components/InstallationsTable";
import { MachinesTable } from "../../components/licenses/ActivationsTable";
import { StatusBadge } from "../../components/StatusBadge";
import { keys } from "../../api/keys";

type Overview = Schemas["CustomerOverview"];

// A footnote for a list cut short.
function More() {
  return (
    <Text size="sm" c="dimmed" mt="xs">
      Only the first are shown; ask the vendor for the full list.
    </Text>
  );
}

function Licenses({ holdings }: { holdings: Overview["licenses"] }) {
  if (holdings.length === 0) return <Empty>No activation-code license.</Empty>;
  return (
    <Accordion variant="separated" multiple>
      {holdings.map(({ license: l, policy_name, machines, more_machines }) => (
        <Accordion.Item key={l.id} value={l.id}>
          <Accordion.Control aria-label={`License ${l.code}`}>
            <Group gap="sm" wrap="wrap">
              <Text ff="monospace" size="sm">
                {l.code}
              </Text>
              <StatusBadge status={l.status} />
              <Text size="sm" c="dimmed">
                {policy_name}
              </Text>
              <Text size="sm">
                {l.activations_count} / {l.max_activations} machines
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Facts
              facts={[
                ["Expires", formatTime(l.expires_at, "never")],
                ["Features", l.features.join(", ") || "—"],
              ]}
            />
            {machines.length === 0 ? (
              <Empty>No machine has activated this license.</Empty>
            ) : (
              <MachinesTable label={`Machines of ${l.code}`} machines={machines} />
            )}
            {more_machines && (
              <Text size="sm" c="dimmed" mt="xs">
                The first {machines.length} machines are shown.
              </Text>
            )}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

export function CompanyPage() {
  const { session } = useSession();
  const { id } = useParams();
  const own = session?.user.customer_id;
  const customerId = id ?? own ?? "";
  const overview = useQuery({
    queryKey: keys.customerOverview(customerId),
    enabled: customerId !== "",
    queryFn: () =>
      must(api.GET("/v1/customers/{id}/overview", { params: { path: { id: customerId } } })),
  });
  if (!own) return <Navigate to="/" replace />;
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <Failure error={overview.error} />;
  const o = overview.data;
  const c = o.customer;
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          c.id === own ? (
            "Your company: everything it holds, of every kind of license."
          ) : (
            <Anchor component={Link} to="/company" size="sm">
              Back to your company
            </Anchor>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Facts
            wide
            facts={[
              ["Email", c.email || "—"],
              ["Customer since", formatTime(c.created_at)],
              ["Superior may manage its cards", c.allow_superior_manage_licenses ? "Yes" : "No"],
            ]}
          />
        </Paper>
        <Section title="Activation-code licenses">
          <Licenses holdings={o.licenses} />
          {o.more_licenses && <More />}
        </Section>
        <Section title="Installations">
          {o.installations.length === 0 ? (
            <Empty>No installation.</Empty>
          ) : (
            <InstallationsTable installations={o.installations} linked={false} />
          )}
          {o.more_installations && <More />}
        </Section>
        <Section title="Day-cards">
          {o.cards.types.length === 0 ? (
            <Empty>No day-card.</Empty>
          ) : (
            <>
              <CardTypeTable label="Day-cards by type" types={o.cards.types} />
              <Anchor component={Link} to={`/cards?customer=${c.id}`} size="sm">
                Open these cards in License Management
              </Anchor>
            </>
          )}
        </Section>
        <Section title="Sub-customers">
          {o.sub_customers.length === 0 ? (
            <Empty>No sub-customer.</Empty>
          ) : (
            <Group gap="md">
              {o.sub_customers.map((s) => (
                <Anchor key={s.id} component={Link} to={`/company/${s.id}`}>
                  {s.name}
                </Anchor>
              ))}
            </Group>
          )}
          {o.more_sub_customers && <More />}
        </Section>
      </Stack>
    </>
  );
}
