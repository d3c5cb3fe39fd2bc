// System Settings > License Management (seed 001): the deployment license in effect (its
// version, validity, scope and modules), the upload where the seed puts it (the License page
// has it too), and every file uploaded, by whom and when, each downloadable exactly as it was
// uploaded.
import { Link } from "react-router-dom";
import { Anchor, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { api, must } from "../../api/client";
import { useActorName } from "../../lib/actor";
import { downloadText } from "../../lib/download";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { fileKinds, type FileKind } from "../../lib/fileKinds";
import { usePlatform } from "../../lib/registry";
import { DataTable } from "../../layout/DataTable";
import { Facts } from "../../layout/Facts";
import { FileKindBadge } from "../../layout/FileKindBadge";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { Empty, Failure, Loading } from "../../layout/states";
import { useSession } from "../../auth/session";
import { ModulesTable } from "./ModulesTable";
import { UploadCertificate } from "./UploadCertificate";
import { keys } from "../../api/keys";

function InEffect() {
  const platform = usePlatform();
  if (platform.isPending) return <Loading />;
  if (platform.isError) return <Failure error={platform.error} />;
  const l = platform.data.deployment_license;
  if (!l) {
    return (
      <Empty>
        No deployment license yet: upload the vendor&apos;s .lic here, or on the{" "}
        <Anchor component={Link} to="/platform/license" inherit>
          License page
        </Anchor>
        .
      </Empty>
    );
  }
  return (
    <Stack>
      <Facts
        wide
        facts={[
          ["Version", String(l.version)],
          ["Valid from", formatTime(l.effective_at)],
          ["Valid until", l.expires_at ? formatTime(l.expires_at) : "no end date"],
          ["Customer", l.scope.customer_name],
          ["Tenant", l.scope.tenant_id],
          ["Environment", l.scope.environment],
          ["License id", l.scope.license_id],
          ["Max users", String(platform.data.max_users)],
          ["Max agents", String(platform.data.max_agents)],
        ]}
      />
      <ModulesTable label="Licensed modules" modules={platform.data.modules} />
    </Stack>
  );
}

function UploadHistory() {
  const actorName = useActorName();
  const pages = useCursorPages(keys.registryUploads, (cursor) =>
    must(api.GET("/v1/registry/uploads", { params: { query: { cursor, limit: 50 } } })),
  );
  async function download(upload: number, kind: string) {
    const one = await must(
      api.GET("/v1/registry/uploads/{upload}", { params: { path: { upload } } }),
    );
    downloadText(`upload-${upload}.${fileKinds[kind as FileKind].extension}`, one.file ?? "");
  }
  return (
    <PagedList pages={pages} empty="Nothing has been uploaded yet.">
      <DataTable
        label="Upload history"
        minWidth={720}
        columns={["Upload", "File", "Uploaded", "By", "SHA-256", { hidden: "Download" }]}
      >
        {pages.items.map((u) => (
          <Table.Tr key={u.upload}>
            <Table.Td>{u.upload}</Table.Td>
            <Table.Td>
              <FileKindBadge kind={u.kind as FileKind} />
            </Table.Td>
            <Table.Td>{formatTime(u.uploaded_at)}</Table.Td>
            <Table.Td title={u.uploaded_by}>
              {actorName(u.uploaded_by, u.uploaded_by_name)}
            </Table.Td>
            <Table.Td ff="monospace" fz="sm" title={u.sha256}>
              {u.sha256.slice(0, 12)}…
            </Table.Td>
            <Table.Td>
              <Button
                variant="subtle"
                size="xs"
                aria-label={`Download upload ${u.upload}`}
                onClick={() => download(u.upload, u.kind)}
              >
                Download
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </PagedList>
  );
}

export function LicenseManagementPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader title="License Management" description="System Settings" />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            The deployment license in effect
          </Title>
          <InEffect />
        </Paper>
        {can("manage_registry") && <UploadCertificate />}
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb={4}>
            Upload history
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Every file accepted, oldest first; uploading the same file again changes nothing.
          </Text>
          <UploadHistory />
        </Paper>
      </Stack>
    </>
  );
}
