// The platform (seeds 000 and 001): until when it is licensed, the modules its deployment
// license enables with their restrictions, and its users and agents against their limits.
import { Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { formatCoverage, usePlatform } from "../../lib/registry";
import { Empty, Failure, Loading } from "../../layout/states";
import { Facts } from "../../layout/Facts";
import { PageHeader } from "../../layout/PageHeader";
import { ModulesTable } from "./ModulesTable";
import { StatusBadge } from "../../components/StatusBadge";

function Usage({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const full = limit !== null && used >= limit;
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{label}</Text>
        <Text fw={700} data-testid={`usage-${label.toLowerCase()}`}>
          {limit === null ? `${used}, no limit yet` : `${used} / ${limit}`}
        </Text>
      </Group>
      {limit !== null && (
        <Progress.Root size="lg">
          <Progress.Section
            value={limit === 0 ? 100 : Math.min(100, (used / limit) * 100)}
            color={full ? "red" : "blue"}
            aria-label={`${label}: ${used} of ${limit}`}
          />
        </Progress.Root>
      )}
    </div>
  );
}

export function PlatformPage() {
  const platform = usePlatform();
  if (platform.isPending) return <Loading />;
  if (platform.isError) return <Failure error={platform.error} />;
  const p = platform.data;
  return (
    <>
      <PageHeader title="Platform" description="What the vendor's license lets this platform do." />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group mb="sm">
            <StatusBadge of="platform" status={p.state} />
          </Group>
          <Facts
            wide
            facts={[
              ["Licensed until", formatCoverage(p.expires_at)],
              ["Days left", p.days_left === null ? "—" : String(p.days_left)],
              [
                "Deployment license",
                p.deployment_license ? `version ${p.deployment_license.version}` : "none yet",
              ],
            ]}
          />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack>
            <Usage label="Users" used={p.users} limit={p.max_users} />
            <Usage label="Agents" used={p.agents} limit={p.max_agents} />
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Modules
          </Title>
          {p.modules.length === 0 ? (
            <Empty>No module: the deployment license enables none yet.</Empty>
          ) : (
            <ModulesTable label="Modules" modules={p.modules} />
          )}
        </Paper>
      </Stack>
    </>
  );
}
