// Where a refusal belongs on a form. The API names the field in its detail in one of two ways:
// "field 'email' must be ..." (what the request reader says), or by starting with the field's
// name, as in "url must start with http://" or "'created_at' must be an integer" (what each
// resource's checks say). Either way the message can stand beside that field.

// The field a problem's detail names, if any.
export function fieldOf(detail: string): string | undefined {
  const quoted = /field '([a-z_]+)'/.exec(detail);
  if (quoted) return quoted[1];
  const leading = /^'?([a-z][a-z_]*)'? (must|is|holds|has)\b/.exec(detail);
  return leading?.[1];
}

// Errors for a form: the one naming one of its fields goes beside it; any other goes in `form`.
export function formErrors(detail: string, fields: readonly string[]) {
  const field = fieldOf(detail);
  if (field && fields.includes(field)) return { field, message: detail };
  return { field: "form", message: detail };
}
