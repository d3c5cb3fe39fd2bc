// Where the registry's expiry reminders are mailed (seed 000: "notify the user of the resources
// that need to be renewed"), beside the webhooks that also receive them. Administrators change
// the list; everyone sees it, and whether licensord can send e-mail at all.
import { useState } from "react";
import { Alert, Stack, TagsInput, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { Failure, Loading } from "../../layout/states";
import { keys } from "../../api/keys";

export function ReminderRecipients() {
  const { can } = useSession();
  const recipients = useQuery({
    queryKey: keys.reminderRecipients,
    queryFn: () => must(api.GET("/v1/registry/reminder-recipients")),
  });
  if (recipients.isPending) return <Loading />;
  if (recipients.error) return <Failure error={recipients.error} />;
  return <RecipientsForm stored={recipients.data} editable={can("manage_registry")} />;
}

function RecipientsForm({
  stored,
  editable,
}: {
  stored: Schemas["ReminderRecipients"];
  editable: boolean;
}) {
  const client = useQueryClient();
  const [emails, setEmails] = useState<string[]>(stored.emails);
  const [saved, setSaved] = useState(false);
  const { errors, busy, submit } = useApiForm(["emails"], async () => {
    const stored = await must(api.PATCH("/v1/registry/reminder-recipients", { body: { emails } }));
    client.setQueryData(keys.reminderRecipients, stored);
    setSaved(true);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Each reminder is mailed once to every address here: 45, 30 and 15 days before a license
          ends, and on each of its last seven days.
        </Text>
        {!stored.email_enabled && (
          <Alert color="yellow" role="note">
            licensord sends no e-mail: its operator has not configured an SMTP relay (--smtp-url).
            Reminders still reach the webhooks and this page.
          </Alert>
        )}
        <TagsInput
          label="Reminder recipients"
          description="Type an address and press Enter; at most 20"
          placeholder={emails.length ? "" : "ops@example.com"}
          value={emails}
          onChange={(v) => {
            setEmails(v);
            setSaved(false);
          }}
          disabled={!editable}
          maxTags={20}
          error={errors.emails}
          splitChars={[",", " ", ";"]}
        />
        {saved && (
          <Text size="sm" c="green.8" role="status">
            Saved.
          </Text>
        )}
        {editable && <FormFooter error={errors.form} busy={busy} label="Save recipients" />}
      </Stack>
    </form>
  );
}
