// A select of customers that shows their hierarchy: each indented under its parent. Options
// keep their names alone, so typing a name finds it and a screen reader reads just the name.
import { Select, Text, type SelectProps } from "@mantine/core";
import { hierarchyOptions, type TreeCustomer } from "../lib/customerTree";

export function HierarchySelect({
  customers,
  ...props
}: { customers: TreeCustomer[] } & Omit<SelectProps, "data" | "renderOption">) {
  const options = hierarchyOptions(customers);
  const depthOf = new Map(options.map((o) => [o.value, o.depth]));
  return (
    <Select
      {...props}
      data={options.map(({ value, label }) => ({ value, label }))}
      renderOption={({ option }) => (
        <Text
          size="sm"
          ml={(depthOf.get(option.value) ?? 0) * 14}
          pl={(depthOf.get(option.value) ?? 0) > 0 ? 6 : 0}
          className={(depthOf.get(option.value) ?? 0) > 0 ? "hierarchy-child" : undefined}
          data-depth={depthOf.get(option.value) ?? 0}
        >
          {option.label}
        </Text>
      )}
    />
  );
}
