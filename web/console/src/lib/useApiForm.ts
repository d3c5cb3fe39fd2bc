// A form that sends one API request: its busy state, and the API's refusal placed beside the
// field it names (or on the form). `send` throws what the API refused. A refusal whose detail
// names no field can still belong to one: `fieldOfCode` maps its code to that field (a wrong
// current password goes beside the current password). A refusal found before asking the
// server is thrown as a FormError and placed the same way.
import { useState } from "react";
import { ApiError } from "../api/client";
import { formErrors } from "./problems";

export class FormError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join(" "));
  }
}

export function useApiForm(
  fields: readonly string[],
  send: () => Promise<unknown>,
  fieldOfCode: Record<string, string> = {},
) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event?: React.FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await send();
    } catch (e) {
      if (e instanceof FormError) {
        setErrors(e.errors);
        return;
      }
      if (!(e instanceof ApiError)) throw e;
      const byCode = fieldOfCode[e.code];
      const { field, message } = byCode
        ? { field: byCode, message: e.message }
        : formErrors(e.message, fields);
      setErrors({ [field]: message });
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, busy, submit };
}
