// The signing keys of license files and bundles. Rotating makes a new key sign new files while
// files signed before keep verifying; retiring a key makes products that have the updated public
// keys refuse what it signed. Products embed the public keys file downloaded here.
import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { downloadText } from "../../lib/download";
import { useCursorPages } from "../../lib/paging";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { PageHeader } from "../../layout/PageHeader";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { keys } from "../../api/keys";
import { ShortCode } from "../../layout/ShortCode";

export function KeysPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const pages = useCursorPages(keys.keys, (cursor) =>
    must(api.GET("/v1/keys", { params: { query: { cursor, limit: 50 } } })),
  );

  async function downloadPublicKeys() {
    const keys = await must(api.GET("/v1/keys/public"));
    downloadText("licensor-public-keys.json", JSON.stringify(keys, null, 1) + "\n");
  }

  return (
    <>
      <PageHeader
        title="Signing keys"
        description="Ed25519 keys that sign license files and update bundles, oldest first."
        actions={
          <>
            <Button variant="default" onClick={downloadPublicKeys}>
              Download public keys
            </Button>
            {can("manage_keys") && (
              <ConfirmButton
                title="Rotate the signing key?"
                message="A new key signs every file from now on. Files signed before keep verifying until their key is retired; products learn the new key from the public keys file or an update bundle."
                confirmLabel="Rotate"
                onConfirm={async () => {
                  await must(api.POST("/v1/keys/rotate"));
                  await client.invalidateQueries({ queryKey: keys.keys });
                }}
              >
                Rotate key
              </ConfirmButton>
            )}
          </>
        }
      />
      <PagedList pages={pages} empty="No signing keys.">
        <DataTable
          label="Signing keys"
          minWidth={520}
          columns={["Key", "Public key", { hidden: "Actions" }]}
        >
          {pages.items.map((k) => (
            <Table.Tr key={k.key_id}>
              {/* The id and its state together: on a phone both stay beside the actions. */}
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Text ff="monospace" fz="sm">
                    {k.key_id}
                  </Text>
                  {k.current ? (
                    <Badge color="teal" miw="max-content">
                      Current
                    </Badge>
                  ) : k.retired ? (
                    <Badge color="gray" miw="max-content">
                      Retired
                    </Badge>
                  ) : (
                    <Badge color="blue" variant="light" miw="max-content">
                      Verifies older files
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <ShortCode value={k.public_key} label="public key" />
              </Table.Td>
              <Table.Td>
                {can("manage_keys") && !k.current && !k.retired && (
                  <Group justify="flex-end">
                    <ConfirmButton
                      variant="subtle"
                      color="red"
                      size="xs"
                      aria-label={`Retire ${k.key_id}`}
                      title="Retire this key?"
                      message={`Products with the updated public keys refuse every file ${k.key_id} signed (RETIRED_KEY). Machines still holding such a file need a new one first. This cannot be undone.`}
                      confirmLabel="Retire"
                      onConfirm={async () => {
                        await must(
                          api.POST("/v1/keys/{id}/retire", {
                            params: { path: { id: k.key_id } },
                          }),
                        );
                        await client.invalidateQueries({ queryKey: keys.keys });
                      }}
                    >
                      Retire
                    </ConfirmButton>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
    </>
  );
}
