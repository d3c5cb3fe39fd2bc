// The vendor's device fleet (seed 002): the device models, the card types that cover them, the
// devices registered to customers (each with the credential it reports with, shown once), and
// the sale of new cards to a customer. Reading it takes a vendor role; changing it, the fleet
// permission.
import { useState } from "react";
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCardTypes, useDeviceModels } from "../../lib/fleet";
import { useApiForm } from "../../lib/useApiForm";
import { DataTable } from "../../layout/DataTable";
import { FormFooter } from "../../layout/FormFooter";
import { PageHeader } from "../../layout/PageHeader";
import { SecretShownOnce } from "../../layout/SecretShownOnce";
import { Empty, Failure, Loading } from "../../layout/states";
import { CustomerSelect } from "../../components/CustomerSelect";
import { DeviceList } from "../../components/cards/DeviceList";
import { IssueCardsForm } from "../../components/cards/IssueCardsForm";
import { keys } from "../../api/keys";
import { limits } from "../../lib/limits";

function NewModelForm() {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const { errors, busy, submit } = useApiForm(["name"], async () => {
    await must(api.POST("/v1/device-models", { body: { name } }));
    await client.invalidateQueries({ queryKey: keys.deviceModels });
    setName("");
  });
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="New model"
          description="As its maker sells it"
          placeholder="Camera C200"
          w={220}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name ?? errors.form}
        />
        <Button type="submit" loading={busy} disabled={!name.trim()}>
          Add model
        </Button>
      </Group>
    </form>
  );
}

function NewTypeForm({ onCreated }: { onCreated: () => void }) {
  const client = useQueryClient();
  const models = useDeviceModels();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [covered, setCovered] = useState<string[]>([]);
  const [maxDays, setMaxDays] = useState<number | string>(365);
  const { errors, busy, submit } = useApiForm(["code", "name", "models", "max_days"], async () => {
    await must(
      api.POST("/v1/card-types", {
        body: { code, name, models: covered, max_days: Number(maxDays) },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.cardTypes });
    onCreated();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Code"
          description="The license code customers see, e.g. CAM-365"
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.code}
        />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <MultiSelect
          label="Device models"
          description="A card of this type can be bound only to devices of these models"
          required
          searchable
          data={(models.data ?? []).map((m) => m.name)}
          value={covered}
          onChange={setCovered}
          error={errors.models}
        />
        <NumberInput
          label="Most days a card holds"
          min={1}
          max={limits.validityDays}
          allowDecimal={false}
          required
          value={maxDays}
          onChange={setMaxDays}
          error={errors.max_days}
        />
        <FormFooter error={errors.form} busy={busy} label="Create card type" />
      </Stack>
    </form>
  );
}

function RegisterDeviceForm({ onRegistered }: { onRegistered: (credential: string) => void }) {
  const client = useQueryClient();
  const models = useDeviceModels();
  const [number, setNumber] = useState("");
  const [model, setModel] = useState<string | null>(null);
  const [customer, setCustomer] = useState<string | null>(null);
  const { errors, busy, submit } = useApiForm(["number", "model", "customer_id"], async () => {
    const device = await must(
      api.POST("/v1/devices", {
        body: { number, model: model ?? "", customer_id: customer ?? "" },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.devices });
    onRegistered(device.credential);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Device number"
          description="As printed on the device"
          required
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={errors.number}
        />
        <Select
          label="Model"
          required
          data={(models.data ?? []).map((m) => m.name)}
          value={model}
          onChange={setModel}
          error={errors.model}
        />
        <CustomerSelect
          value={customer}
          onChange={setCustomer}
          error={errors.customer_id}
          description="The customer the device is sold to"
        />
        <FormFooter
          error={errors.form}
          busy={busy}
          label="Register device"
          disabled={!model || !customer}
        />
      </Stack>
    </form>
  );
}

function TypesTable({ types }: { types: Schemas["CardType"][] }) {
  return (
    <DataTable
      label="Card types"
      minWidth={640}
      columns={["Code", "Name", "Device models", "Most days", "Created"]}
    >
      {types.map((t) => (
        <Table.Tr key={t.id}>
          <Table.Td ff="monospace" fz="sm">
            {t.code}
          </Table.Td>
          <Table.Td>{t.name}</Table.Td>
          <Table.Td>{t.models.join(", ")}</Table.Td>
          <Table.Td>{t.max_days}</Table.Td>
          <Table.Td>{formatTime(t.created_at)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

export function FleetPage() {
  const { can } = useSession();
  const manage = can("manage_fleet");
  const models = useDeviceModels();
  const types = useCardTypes();
  const [dialog, setDialog] = useState<"type" | "device" | "cards" | null>(null);
  const [credential, setCredential] = useState<string | null>(null);
  const close = () => {
    setDialog(null);
    setCredential(null);
  };
  const titles = { type: "New card type", device: "Register a device", cards: "Issue cards" };
  return (
    <>
      <PageHeader
        title="Device fleet"
        description="Device models, the card types that cover them, and the devices sold to customers."
        actions={
          manage && (
            <>
              <Button variant="default" onClick={() => setDialog("type")}>
                New card type
              </Button>
              <Button variant="default" onClick={() => setDialog("device")}>
                Register a device
              </Button>
              <Button onClick={() => setDialog("cards")}>Issue cards</Button>
            </>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Device models
          </Title>
          {models.isPending ? (
            <Loading />
          ) : models.isError ? (
            <Failure error={models.error} />
          ) : models.data.length === 0 ? (
            <Empty>No device model yet.</Empty>
          ) : (
            <DataTable label="Device models" minWidth={360} columns={["Model", "Created"]}>
              {models.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>{formatTime(m.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
          {manage && <NewModelForm />}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Card types
          </Title>
          {types.isPending ? (
            <Loading />
          ) : types.isError ? (
            <Failure error={types.error} />
          ) : types.data.length === 0 ? (
            <Empty>No card type yet.</Empty>
          ) : (
            <TypesTable types={types.data} />
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Devices
          </Title>
          <DeviceList customerId={undefined} />
        </Paper>
      </Stack>
      <Modal opened={dialog !== null} onClose={close} title={dialog ? titles[dialog] : ""} centered>
        {dialog === "type" && <NewTypeForm onCreated={close} />}
        {dialog === "cards" && <IssueCardsForm customerId={undefined} onIssued={close} />}
        {dialog === "device" &&
          (credential ? (
            <SecretShownOnce secret={credential} label="Device credential" onDone={close}>
              The device reports with this credential. Put it on the device now: Licensor keeps only
              its hash and cannot show it again.
            </SecretShownOnce>
          ) : (
            <RegisterDeviceForm onRegistered={setCredential} />
          ))}
      </Modal>
    </>
  );
}
