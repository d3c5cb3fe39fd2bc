// The day-cards' statistics overview (seed 002): the cards running low, each count a link to
// their list; pie charts by license type and by status; and the license types.
import { Link } from "react-router-dom";
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { PieChart } from "../../layout/PieChart";
import { colorOf } from "../../lib/statusColors";
import { Empty, Failure, Loading } from "../../layout/states";
import { CardTypeTable, cardStatuses } from "../../components/cards/CardTypeTable";
import { keys } from "../../api/keys";

export function CardStatistics({ customerId }: { customerId: string | undefined }) {
  const statistics = useQuery({
    queryKey: keys.cardStatisticsOf(customerId),
    queryFn: () =>
      must(api.GET("/v1/card-statistics", { params: { query: { customer_id: customerId } } })),
  });
  if (statistics.isPending) return <Loading />;
  if (statistics.isError) return <Failure error={statistics.error} />;
  const s = statistics.data;
  // The API names each count's list as a /v1/cards query; the console's list takes the same
  // filters, and the customer in view as `customer`.
  const listOf = (link: Schemas["CardCountLink"]) => {
    const query = new URLSearchParams(link.list.split("?")[1] ?? "");
    const customer = query.get("customer_id");
    query.delete("customer_id");
    if (customer) query.set("customer", customer);
    return `/cards?${query}`;
  };
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {(
          [
            ["Fewer than 30 days left", s.fewer_than_30_days],
            ["Fewer than 7 days left", s.fewer_than_7_days],
          ] as const
        ).map(([label, link]) => (
          <Paper key={label} withBorder p="md" radius="md">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Anchor
              component={Link}
              to={listOf(link)}
              fz={28}
              fw={700}
              aria-label={`${label}: ${link.count} cards`}
            >
              {link.count}
            </Anchor>
          </Paper>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            By license type
          </Title>
          <PieChart title="Cards by license type" counts={Object.entries(s.by_type)} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            By status
          </Title>
          <PieChart
            title="Cards by status"
            counts={cardStatuses.map((status) => [status, s.by_status[status] ?? 0])}
            colorOf={(status) => colorOf("card", status)}
          />
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          License types
        </Title>
        {s.types.length === 0 ? (
          <Empty>No cards of any type yet.</Empty>
        ) : (
          <CardTypeTable label="License types" types={s.types} />
        )}
      </Paper>
    </Stack>
  );
}
