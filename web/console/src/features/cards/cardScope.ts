// Who may operate the cards of the customer in view (seed 002): a customer's own users operate
// their own cards, and a sub-customer's only while it allows its superior to manage them; the
// vendor's staff only view. `reason` says why the operations are off.
import type { Schemas } from "../../api/client";

type Customer = Schemas["Customer"];

export function manageAccess(
  own: string | null,
  viewed: Customer | undefined,
  canOperate: boolean,
): { allowed: boolean; reason?: string } {
  if (!canOperate || !own)
    return { allowed: false, reason: "Only the customers' own users operate their cards." };
  if (!viewed || viewed.id === own) return { allowed: true };
  if (viewed.allow_superior_manage_licenses) return { allowed: true };
  return {
    allowed: false,
    reason: `${viewed.name} does not allow its superior to manage its cards: you can view them only.`,
  };
}

// What vendor staff read on the day-cards page, where no Sell, Bind or Lock is offered to them.
export const vendorStaffNote =
  "Cards are sold, bound to devices, locked and returned by each customer's own users, in " +
  "this console under their own accounts (a customer administrator, invited on the Users " +
  "page). Vendor staff see every customer's cards, issue new ones and add days.";
