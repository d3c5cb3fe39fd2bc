// Who did something, as the API names them beside the id (`actor_name`): the signed-in user is
// "you" too. The id stays at hand, for the filter and for a hover.
import { useSession } from "../auth/session";

export function useActorName() {
  const { session } = useSession();
  return (id: string, name: string) => (id === session?.user.id ? `${name} (you)` : name);
}
