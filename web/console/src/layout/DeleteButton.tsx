// "Delete" on a row, confirmed first in a dialog that says what follows.
import { ConfirmButton } from "./ConfirmButton";

export function DeleteButton({
  name,
  message,
  onDelete,
}: {
  name: string;
  message: string;
  onDelete: () => Promise<unknown>;
}) {
  return (
    <ConfirmButton
      variant="subtle"
      color="red"
      size="xs"
      aria-label={`Delete ${name}`}
      title={`Delete ${name}?`}
      message={message}
      confirmLabel="Delete"
      onConfirm={onDelete}
    >
      Delete
    </ConfirmButton>
  );
}
