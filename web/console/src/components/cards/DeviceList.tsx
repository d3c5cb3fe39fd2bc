// The devices of the customer in view (seed 002): until when their usage is paid for, and
// whether they are blacklisted (no day was left to pay with, so their reports are refused).
// The vendor's staff lift a blacklisting once the device has days again.
import { Badge, Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { DialogButton } from "../../layout/DialogButton";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { DeductionList } from "./DeductionList";
import { CodeCell } from "../../layout/CodeCell";
import { keys } from "../../api/keys";
import { nameOf, useCardCustomers } from "../../lib/catalog";

type Device = Schemas["Device"];

// Whether the device may report: a blacklisted one may not until an administrator lifts it.
function DeviceState({ device }: { device: Device }) {
  return device.blacklisted ? (
    <Badge color="red" miw="max-content">
      Blacklisted
    </Badge>
  ) : (
    <Badge color="teal" miw="max-content">
      Reporting
    </Badge>
  );
}

export function DeviceList({ customerId }: { customerId: string | undefined }) {
  const customers = useCardCustomers();
  const { can } = useSession();
  const client = useQueryClient();
  const [number, setNumber] = useState("");
  const [blacklisted, setBlacklisted] = useState<string | null>(null);
  const filter = {
    customer_id: customerId,
    number: number || undefined,
    blacklisted: blacklisted === null ? undefined : blacklisted === "true",
  };
  const pages = useCursorPages(keys.deviceList(filter), (cursor) =>
    must(api.GET("/v1/devices", { params: { query: { cursor, limit: 50, ...filter } } })),
  );
  return (
    <Stack>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Device number"
          w={180}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value.trim())}
        />
        <Select
          label="Blacklisting"
          w={180}
          clearable
          data={[
            { value: "true", label: "Blacklisted" },
            { value: "false", label: "Not blacklisted" },
          ]}
          value={blacklisted}
          onChange={setBlacklisted}
        />
      </Group>
      <PagedList pages={pages} empty="No device matches.">
        <DataTable
          label="Devices"
          minWidth={860}
          columns={[
            "Device number",
            "Model",
            "Customer",
            "State",
            "Usage paid until",
            "Blacklisted on",
            { hidden: "Actions" },
          ]}
        >
          {pages.items.map((d) => (
            <Table.Tr key={d.id}>
              <CodeCell>{d.number}</CodeCell>
              <Table.Td>{d.model}</Table.Td>
              <Table.Td title={d.customer_id}>{nameOf(customers.data, d.customer_id)}</Table.Td>
              <Table.Td>
                <DeviceState device={d} />
              </Table.Td>
              <Table.Td>{formatTime(d.usage_until, "Never paid")}</Table.Td>
              <Table.Td>{formatTime(d.blacklisted_at)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <DialogButton
                    label="Deductions"
                    title={`Deductions of device ${d.number}`}
                    size="xl"
                  >
                    {() => <DeductionList filter={{ device_number: d.number }} />}
                  </DialogButton>
                  {d.blacklisted && can("manage_fleet") && (
                    <ConfirmButton
                      variant="subtle"
                      size="xs"
                      aria-label={`Lift the blacklisting of ${d.number}`}
                      title={`Lift the blacklisting of ${d.number}?`}
                      message="The device may report again. It needs a bound card with days (bind one, or add days to its card), or its next report blacklists it again."
                      confirmLabel="Lift"
                      onConfirm={async () => {
                        await must(
                          api.DELETE("/v1/devices/{number}/blacklist", {
                            params: { path: { number: d.number } },
                          }),
                        );
                        await client.invalidateQueries({ queryKey: keys.devices });
                      }}
                    >
                      Lift blacklist
                    </ConfirmButton>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
    </Stack>
  );
}
