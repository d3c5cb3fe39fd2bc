// One installation: who it is for, and every file issued for it, newest version last, each
// downloadable again exactly as it was signed. Certificate packages and deployment licenses
// are issued from here.
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Anchor, Button, Code, Modal, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { useActorName } from "../../lib/actor";
import { nameOf, useCustomers } from "../../lib/catalog";
import { downloadText } from "../../lib/download";
import { fileKinds } from "../../lib/fileKinds";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { CopyField } from "../../layout/CopyField";
import { DataTable } from "../../layout/DataTable";
import { Facts } from "../../layout/Facts";
import { FileKindBadge } from "../../layout/FileKindBadge";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { Failure, Loading } from "../../layout/states";
import { DeploymentLicenseForm } from "./DeploymentLicenseForm";
import { PackageForm } from "./PackageForm";
import { keys } from "../../api/keys";

type Installation = Schemas["Installation"];
type InstallationFile = Schemas["InstallationFile"];

// "ACME-PROD-7F3K-v2.lcs": the installation's license id, the version, and the kind's extension.
export function fileName(installation: Installation, file: InstallationFile) {
  return `${installation.license_id}-v${file.version}.${fileKinds[file.kind].extension}`;
}

function IssuedFiles({ installation }: { installation: Installation }) {
  const actorName = useActorName();
  const pages = useCursorPages(keys.installationFiles(installation.id), (cursor) =>
    must(
      api.GET("/v1/installations/{id}/files", {
        params: { path: { id: installation.id }, query: { cursor, limit: 50 } },
      }),
    ),
  );
  return (
    <PagedList pages={pages} empty="Nothing has been issued for this installation yet.">
      <DataTable
        label="Issued files"
        minWidth={640}
        columns={["File", "Version", "Issued", "Issued by", { hidden: "Download" }]}
      >
        {pages.items.map((f) => (
          <Table.Tr key={f.id}>
            <Table.Td>
              <FileKindBadge kind={f.kind} />
            </Table.Td>
            <Table.Td>{f.version}</Table.Td>
            <Table.Td>{formatTime(f.issued_at)}</Table.Td>
            <Table.Td title={f.issued_by}>{actorName(f.issued_by, f.issued_by_name)}</Table.Td>
            <Table.Td>
              <Button
                variant="subtle"
                size="xs"
                aria-label={`Download ${fileName(installation, f)}`}
                onClick={() => downloadText(fileName(installation, f), f.file)}
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

export function InstallationPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const customers = useCustomers();
  const [issuing, setIssuing] = useState<InstallationFile["kind"] | null>(null);
  const installation = useQuery({
    queryKey: keys.installation(id),
    queryFn: () => must(api.GET("/v1/installations/{id}", { params: { path: { id } } })),
  });
  if (installation.isPending) return <Loading />;
  if (installation.isError) return <Failure error={installation.error} />;
  const i = installation.data;

  function issued(file: InstallationFile) {
    setIssuing(null);
    downloadText(fileName(i, file), file.file);
  }

  return (
    <>
      <PageHeader
        title={i.name}
        description={
          <Anchor component={Link} to="/installations" size="sm">
            All installations
          </Anchor>
        }
        actions={
          can("manage_licensing") && (
            <>
              <Button onClick={() => setIssuing("certificate-package")}>
                Issue certificate package
              </Button>
              <Button variant="default" onClick={() => setIssuing("deployment-license")}>
                Issue deployment license
              </Button>
            </>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Facts
            wide
            facts={[
              ["Customer", nameOf(customers.data, i.customer_id)],
              ["Tenant", i.tenant_id],
              ["Environment", i.environment],
              ["License id", i.license_id],
              ["Created", formatTime(i.created_at)],
            ]}
          />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb={4}>
            The installation's own licensord
          </Title>
          <Text size="sm" mb="xs">
            The platform runs a licensord of its own, the registry its files are uploaded to. It is
            started with this installation's id and the public keys that sign its files:
          </Text>
          <CopyField value={i.id} label="installation id" />
          <Code block mt="xs" fz="xs" className="code-whole">
            {`licensord --registry-installation-id ${i.id} --registry-public-keys keys.json`}
          </Code>
          <Text size="sm" c="dimmed" mt="xs">
            keys.json holds this server's public keys: licensorctl keys public -o keys.json.
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb={4}>
            Issued files
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            The installation's administrator uploads these on the platform's License page.
          </Text>
          <IssuedFiles installation={i} />
        </Paper>
      </Stack>
      <Modal
        opened={issuing === "certificate-package"}
        onClose={() => setIssuing(null)}
        title="Issue a certificate package"
        size="xl"
        centered
      >
        <PackageForm installationId={i.id} onIssued={issued} />
      </Modal>
      <Modal
        opened={issuing === "deployment-license"}
        onClose={() => setIssuing(null)}
        title="Issue a deployment license"
        size="lg"
        centered
      >
        <DeploymentLicenseForm installationId={i.id} onIssued={issued} />
      </Modal>
    </>
  );
}
