// One agent's settings page (seed 000): until when it is licensed, and by which certificate.
import { Link, useParams } from "react-router-dom";
import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { formatTime } from "../../lib/format";
import { formatCoverage, useAgents } from "../../lib/registry";
import { Facts } from "../../layout/Facts";
import { PageHeader } from "../../layout/PageHeader";
import { Failure, Loading } from "../../layout/states";
import { AgentLicenseBadge, licensedUntil } from "./AgentsPage";
import { keys } from "../../api/keys";

export function AgentPage() {
  const { id = "" } = useParams();
  const agents = useAgents();
  const certificates = useQuery({
    queryKey: keys.allRegistryCertificates,
    queryFn: () =>
      must(api.GET("/v1/registry/certificates", { params: { query: { limit: 500 } } })),
  });
  if (agents.isPending) return <Loading />;
  if (agents.isError) return <Failure error={agents.error} />;
  const agent = agents.data.data.find((a) => a.id === id);
  if (!agent) return <Failure error={new Error("There is no such agent.")} />;
  const certificate = (certificates.data?.data ?? []).find((c) => c.bound_to === agent.id);
  const licensedBy = agent.unlimited
    ? "The platform's certificate (unlimited agents)"
    : certificate
      ? `An agent certificate: ${certificate.mode}, ${
          certificate.validity_days === "PERMANENT"
            ? "permanent"
            : `${certificate.validity_days} days`
        }, ${certificate.status}`
      : "None: bind an agent certificate on the License page";
  return (
    <>
      <PageHeader
        title={agent.name}
        description={
          <Anchor component={Link} to="/platform/agents" size="sm">
            All agents
          </Anchor>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group mb="sm">
            <AgentLicenseBadge agent={agent} />
          </Group>
          <Title order={2} size="h4">
            Licensed until
          </Title>
          <Text size="xl" fw={700} mb="md" data-testid="agent-licensed-until">
            {licensedUntil(agent)}
          </Text>
          <Facts
            facts={[
              ["Created", formatTime(agent.created_at)],
              ["Licensed by", licensedBy],
              ["Certificate ends", certificate ? formatCoverage(certificate.expires_at) : "—"],
            ]}
          />
        </Paper>
      </Stack>
    </>
  );
}
