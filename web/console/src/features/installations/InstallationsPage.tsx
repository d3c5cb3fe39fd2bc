// Installations: the vendor's platform as deployed at its customers, one per customer tenant
// and environment. Each carries the license id that every certificate package and deployment
// license issued for it names.
import { useState } from "react";
import { Button, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { nameOf, useCustomers } from "../../lib/catalog";
import { useCursorPages } from "../../lib/paging";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { InstallationsTable } from "../../components/InstallationsTable";
import { keys } from "../../api/keys";

type Environment = Schemas["Installation"]["environment"];
export const environments: Environment[] = ["PROD", "UAT", "DEV"];

function NewInstallationForm({ onCreated }: { onCreated: (id: string) => void }) {
  const client = useQueryClient();
  const customers = useCustomers();
  const [customer, setCustomer] = useState<string | null>(null);
  const [tenant, setTenant] = useState("");
  const [environment, setEnvironment] = useState<Environment>("PROD");
  const [name, setName] = useState("");
  const { errors, busy, submit } = useApiForm(
    ["customer_id", "tenant_id", "environment", "name"],
    async () => {
      const created = await must(
        api.POST("/v1/installations", {
          body: { customer_id: customer ?? "", tenant_id: tenant, environment, name },
        }),
      );
      await client.invalidateQueries({ queryKey: keys.installations });
      onCreated(created.id);
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Customer"
          placeholder="Choose a customer"
          searchable
          required
          data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={customer}
          onChange={setCustomer}
          error={errors.customer_id}
          nothingFoundMessage="No customer by that name"
        />
        <TextInput
          label="Tenant"
          description="The customer's tenant id on the platform"
          required
          value={tenant}
          onChange={(e) => setTenant(e.currentTarget.value)}
          error={errors.tenant_id}
        />
        <Select
          label="Environment"
          required
          allowDeselect={false}
          data={environments}
          value={environment}
          onChange={(v) => v && setEnvironment(v as Environment)}
          error={errors.environment}
        />
        <TextInput
          label="Name"
          placeholder="Acme production"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <FormFooter error={errors.form} busy={busy} label="Create installation" />
      </Stack>
    </form>
  );
}

export function InstallationsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const customers = useCustomers();
  const [adding, add] = useDisclosure(false);
  const pages = useCursorPages(keys.installations, (cursor) =>
    must(api.GET("/v1/installations", { params: { query: { cursor, limit: 50 } } })),
  );
  return (
    <>
      <PageHeader
        title="Installations"
        description="Your platform at each customer: its certificate packages and deployment licenses."
        actions={can("manage_licensing") && <Button onClick={add.open}>New installation</Button>}
      />
      <PagedList pages={pages} empty="No installations yet.">
        <InstallationsTable
          installations={pages.items}
          customerName={(id) => nameOf(customers.data, id)}
        />
      </PagedList>
      <Modal opened={adding} onClose={add.close} title="New installation" centered>
        <NewInstallationForm
          onCreated={(id) => {
            add.close();
            navigate(`/installations/${id}`);
          }}
        />
      </Modal>
    </>
  );
}
