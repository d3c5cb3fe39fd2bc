// The dashboard: licenses by status, activations alive and dead, licenses about to expire
// (each number a link to the list it counts), and a month of client requests by result.
import { Link } from "react-router-dom";
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { toSearch } from "../../lib/query";
import { PageHeader } from "../../layout/PageHeader";
import { Empty, Failure, Loading } from "../../layout/states";
import { DailyChart } from "./DailyChart";
import { total } from "./series";
import { keys } from "../../api/keys";

function Figure({ label, value, to }: { label: string; value: number; to?: string }) {
  const number = (
    <Text fz={28} fw={700} lh={1.2}>
      {value.toLocaleString("en")}
    </Text>
  );
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} underline="hover" aria-label={`${label}: ${value}`}>
          {number}
        </Anchor>
      ) : (
        number
      )}
    </Paper>
  );
}

const statuses = ["ACTIVE", "SUSPENDED", "REVOKED", "EXPIRED"] as const;

// What a new vendor does first, in order, while no license exists: each step a link to the
// page that does it.
const firstSteps: [string, string, string][] = [
  ["/catalog/products", "Add a product", "the software you sell; its id goes into your builds"],
  ["/catalog/policies", "Make a policy", "validity, machines, features and how it runs offline"],
  ["/catalog/customers", "Add a customer", "whom you sell to, with sub-customers if you have them"],
  ["/licenses/new", "Issue a license", "its code is what the customer's product activates with"],
];

function StartHere() {
  return (
    <Paper withBorder p="md" radius="md" role="region" aria-label="Start here">
      <Title order={2} size="h4" mb="xs">
        Start here
      </Title>
      <Text size="sm" mb="sm">
        No license has been issued yet. Four steps take you to your first, and docs/sdk.md shows how
        your product checks it.
      </Text>
      <Stack gap={6} component="ol" className="start-here">
        {firstSteps.map(([to, label, why]) => (
          <li key={to}>
            <Anchor component={Link} to={to} fw={600}>
              {label}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {" "}
              — {why}
            </Text>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

export function DashboardPage() {
  const { can } = useSession();
  const overview = useQuery({
    queryKey: keys.stats.overview,
    queryFn: () => must(api.GET("/v1/stats/overview")),
  });
  const daily = useQuery({
    queryKey: keys.stats.daily,
    queryFn: () => must(api.GET("/v1/stats/daily", { params: { query: { days: 30 } } })),
  });

  if (overview.isPending) return <Loading />;
  if (overview.isError) return <Failure error={overview.error} />;
  const { licenses, activations } = overview.data;
  const issued = Object.values(licenses.by_status).reduce((sum, n) => sum + n, 0);

  return (
    <>
      <PageHeader title="Dashboard" description="Licenses, machines and client requests." />
      <Stack gap="lg">
        {issued === 0 && can("manage_licensing") && <StartHere />}
        <section aria-labelledby="licenses-by-status">
          <Title id="licenses-by-status" order={2} size="h4" mb="xs">
            Licenses by status
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {statuses.map((s) => (
              <Figure
                key={s}
                label={s.charAt(0) + s.slice(1).toLowerCase()}
                value={licenses.by_status[s]}
                to={`/licenses${toSearch({ status: s })}`}
              />
            ))}
          </SimpleGrid>
        </section>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <section aria-labelledby="expiring">
            <Title id="expiring" order={2} size="h4" mb="xs">
              Expiring soon
            </Title>
            <SimpleGrid cols={2}>
              <Figure
                label="Within 7 days"
                value={licenses.expiring_within_7_days}
                to={`/licenses${toSearch({ status: "ACTIVE", expires_within_days: 7 })}`}
              />
              <Figure
                label="Within 30 days"
                value={licenses.expiring_within_30_days}
                to={`/licenses${toSearch({ status: "ACTIVE", expires_within_days: 30 })}`}
              />
            </SimpleGrid>
          </section>
          <section aria-labelledby="machines">
            <Title id="machines" order={2} size="h4" mb="xs">
              Activated machines
            </Title>
            <SimpleGrid cols={2}>
              <Figure label="Alive" value={activations.alive} />
              <Figure label="Dead" value={activations.dead} />
            </SimpleGrid>
          </section>
        </SimpleGrid>
        <section aria-labelledby="per-day">
          <Title id="per-day" order={2} size="h4" mb="xs">
            The last 30 days
          </Title>
          {daily.isPending ? (
            <Loading />
          ) : daily.isError ? (
            <Failure error={daily.error} />
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {(["validations", "activations"] as const).map((kind) => (
                <Paper withBorder p="md" radius="md" key={kind}>
                  <Text fw={600} mb="xs">
                    {kind === "validations" ? "Validations" : "Activations"} per day (
                    {total(daily.data.days, kind).toLocaleString("en")} in all)
                  </Text>
                  {total(daily.data.days, kind) === 0 ? (
                    <Empty>No {kind} in these 30 days.</Empty>
                  ) : (
                    <DailyChart
                      days={daily.data.days}
                      kind={kind}
                      title={`${kind} per day over the last 30 days, by result`}
                    />
                  )}
                </Paper>
              ))}
            </SimpleGrid>
          )}
        </section>
      </Stack>
    </>
  );
}
