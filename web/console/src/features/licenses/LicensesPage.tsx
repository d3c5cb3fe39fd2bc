// The license list: filters for status, product, policy, customer and expiry, a search by
// code, and pages through the API's cursors. The filters live in the address, so a filtered
// list (the dashboard's links) can be shared.
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Anchor, Button, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { nameOf, useCustomers, usePolicies, useProducts } from "../../lib/catalog";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { fromSearch, toQuery, toSearch } from "../../lib/query";
import { PageHeader } from "../../layout/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { keys } from "../../api/keys";

export const licenseFilterKeys = [
  "status",
  "product_id",
  "policy_id",
  "customer_id",
  "expires_within_days",
  "code",
] as const;

export function LicensesPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const filters = fromSearch(search.toString(), licenseFilterKeys);
  const products = useProducts();
  const policies = usePolicies();
  const customers = useCustomers();
  const pages = useCursorPages(keys.licenseList(toSearch(filters)), (cursor) =>
    must(
      api.GET("/v1/licenses", {
        params: {
          query: {
            ...toQuery(filters),
            expires_within_days: filters.expires_within_days
              ? Number(filters.expires_within_days)
              : undefined,
            status: filters.status as "ACTIVE" | undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );

  function set(key: string, value: string | null) {
    navigate({ search: toSearch({ ...filters, [key]: value ?? undefined }) }, { replace: true });
  }

  return (
    <>
      <PageHeader
        title="Licenses"
        actions={
          can("manage_licensing") && (
            <Button component={Link} to="/licenses/new">
              Issue a license
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label="Code"
          placeholder="LIC-…"
          defaultValue={filters.code ?? ""}
          onKeyDown={(e) => e.key === "Enter" && set("code", e.currentTarget.value.trim() || null)}
          onBlur={(e) => set("code", e.currentTarget.value.trim() || null)}
          w={220}
        />
        <Select
          label="Status"
          clearable
          data={["ACTIVE", "SUSPENDED", "REVOKED", "EXPIRED"]}
          value={filters.status ?? null}
          onChange={(v) => set("status", v)}
          w={150}
        />
        <Select
          label="Product"
          clearable
          searchable
          data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={filters.product_id ?? null}
          onChange={(v) => set("product_id", v)}
          w={180}
        />
        <Select
          label="Policy"
          clearable
          searchable
          data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={filters.policy_id ?? null}
          onChange={(v) => set("policy_id", v)}
          w={180}
        />
        <Select
          label="Customer"
          clearable
          searchable
          data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filters.customer_id ?? null}
          onChange={(v) => set("customer_id", v)}
          w={180}
        />
        <Select
          label="Expiring within"
          clearable
          data={[
            { value: "7", label: "7 days" },
            { value: "30", label: "30 days" },
            { value: "90", label: "90 days" },
          ]}
          value={filters.expires_within_days ?? null}
          onChange={(v) => set("expires_within_days", v)}
          w={150}
        />
      </Group>
      <PagedList pages={pages} empty="No license matches these filters.">
        <DataTable
          label="Licenses"
          minWidth={820}
          columns={["Code", "Status", "Customer", "Policy", "Activations", "Expires"]}
        >
          {pages.items.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Anchor component={Link} to={`/licenses/${l.id}`} ff="monospace" size="sm">
                  {l.code}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={l.status} />
              </Table.Td>
              <Table.Td>{nameOf(customers.data, l.customer_id)}</Table.Td>
              <Table.Td>{nameOf(policies.data, l.policy_id)}</Table.Td>
              <Table.Td>
                {l.activations_count} / {l.max_activations}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatTime(l.expires_at, "never")}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
    </>
  );
}
