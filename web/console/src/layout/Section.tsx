// One titled part of a page, framed: a customer's licenses, its installations, its cards...
import type { ReactNode } from "react";
import { Paper, Title } from "@mantine/core";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
