// A license's status, in the same colour everywhere.
import { Badge } from "@mantine/core";

const colors: Record<string, string> = {
  ACTIVE: "teal",
  SUSPENDED: "orange",
  REVOKED: "red",
  EXPIRED: "gray",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={colors[status] ?? "gray"} variant="filled">
      {status}
    </Badge>
  );
}
