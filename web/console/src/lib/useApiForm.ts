// A form that sends one API request: its busy state, and the API's refusal placed beside the
// field it names (or on the form). `send` throws what the API refused.
import { useState } from "react";
import { ApiError } from "../api/client";
import { formErrors } from "./problems";

export function useApiForm(fields: readonly string[], send: () => Promise<unknown>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event?: React.FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await send();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const { field, message } = formErrors(e.message, fields);
      setErrors({ [field]: message });
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, busy, submit };
}
