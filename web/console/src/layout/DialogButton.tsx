// A small button that opens a dialog titled `title`, holding what `children` makes given the
// dialog's closer; the dialog's content is made only while it is open.
import type { ReactNode } from "react";
import { Button, Modal } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";

export function DialogButton({
  label,
  title,
  disabled,
  size,
  children,
}: {
  label: string;
  title: string;
  disabled?: boolean;
  size?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" size="xs" aria-label={title} disabled={disabled} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered size={size}>
        {opened && children(close)}
      </Modal>
    </>
  );
}
