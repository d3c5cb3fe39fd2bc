// A certificate package's or deployment license's badge in a table of files.
import { Badge } from "@mantine/core";
import { fileKinds, type FileKind } from "../lib/fileKinds";

export function FileKindBadge({ kind }: { kind: FileKind }) {
  return (
    <Badge variant="light" miw="max-content" color={fileKinds[kind].color}>
      {fileKinds[kind].label}
    </Badge>
  );
}
