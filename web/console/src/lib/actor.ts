// Who did something, as the API names them (a user's or a token's id): the signed-in user by
// name, anyone else by id, as the audit log shows them.
import { useSession } from "../auth/session";

export function useActorName() {
  const { session } = useSession();
  return (actor: string) =>
    actor === session?.user.id ? `${session.user.display_name} (you)` : actor;
}
