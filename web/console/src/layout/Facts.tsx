// Facts about one thing (a license, a machine): small titles over their values, in a grid that
// folds to one column on a phone.
import type { ReactNode } from "react";
import { SimpleGrid, Text } from "@mantine/core";

export function FactTitle({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
      {children}
    </Text>
  );
}

export function Facts({ facts, wide = false }: { facts: [string, string][]; wide?: boolean }) {
  return (
    <SimpleGrid cols={wide ? { base: 1, xs: 2, md: 3 } : { base: 1, xs: 2 }} spacing="sm">
      {facts.map(([label, value]) => (
        <div key={label}>
          <FactTitle>{label}</FactTitle>
          <Text size="sm">{value}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
