// A status, in its one colour (lib/statusColors): a license's by default, or a card's or a
// certificate's. It keeps its whole word however narrow its column.
import { Badge, type BadgeProps } from "@mantine/core";
import { colorOf, type StatusKind } from "../lib/statusColors";

export function StatusBadge({
  status,
  of = "license",
  ...props
}: { status: string; of?: StatusKind } & BadgeProps) {
  const color = colorOf(of, status);
  // White on yellow is unreadable.
  return (
    <Badge
      color={color}
      c={color === "yellow" ? "black" : undefined}
      variant="filled"
      miw="max-content"
      {...props}
    >
      {status.replace("_", " ")}
    </Badge>
  );
}
