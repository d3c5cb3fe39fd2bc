// Where a refusal belongs on a form: the API names the field in its detail ("field 'email'
// must be ..."), so the message can stand beside that field.

// The field a problem's detail names, if any.
export function fieldOf(detail: string): string | undefined {
  const match = /field '([a-z_]+)'/.exec(detail);
  return match?.[1];
}

// Errors for a form: the one naming a field goes beside it; any other goes in `form`.
export function formErrors(detail: string, fields: readonly string[]) {
  const field = fieldOf(detail);
  if (field && fields.includes(field)) return { field, message: detail };
  return { field: "form", message: detail };
}
