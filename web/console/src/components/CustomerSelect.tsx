// Choosing the customer a customer role acts for. Vendor staff pick from the customers; a
// customer admin can only give its own customer.
import { Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../api/client";
import { useSession } from "../auth/session";
import { keys } from "../api/keys";
import { HierarchySelect } from "../layout/HierarchySelect";

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  description?: string;
}

export function CustomerSelect({
  value,
  onChange,
  error,
  description = "The customer this user acts for",
}: Props) {
  const { session, can } = useSession();
  const own = session?.user.customer_id ?? null;
  const customers = useQuery({
    queryKey: keys.customersForSelect,
    queryFn: () => must(api.GET("/v1/customers", { params: { query: { limit: 500 } } })),
    enabled: can("read"),
  });
  if (!can("read")) {
    return <Select label="Customer" data={own ? [own] : []} value={own} disabled />;
  }
  return (
    <HierarchySelect
      label="Customer"
      description={description}
      placeholder="Choose a customer"
      searchable
      required
      customers={customers.data?.data ?? []}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage="No customer by that name"
    />
  );
}
