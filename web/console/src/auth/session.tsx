// Who is signed in. The session itself is an HttpOnly cookie the console never sees; what it
// knows is /v1/auth/session's answer: the user, its permissions, the CSRF token, and whether
// this licensord is an installation's registry.
import { createContext, useContext, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, setCsrfToken, type Schemas } from "../api/client";
import { keys } from "../api/keys";

export type SignedIn = Schemas["SignedIn"];
export type Permission = SignedIn["permissions"][number];

interface SessionValue {
  session: SignedIn | null;
  loading: boolean;
  // The session ended without its user signing out here: it expired, or was ended elsewhere.
  ended: boolean;
  // Records a sign-in (or setup, or password change) the API just answered.
  signedIn(answer: SignedIn): void;
  signOut(): Promise<void>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchSession(): Promise<SignedIn | null> {
  const state = await must(api.GET("/v1/auth/session"));
  if (!state.signed_in || !state.user || !state.permissions || !state.csrf_token) return null;
  return {
    user: state.user,
    permissions: state.permissions,
    csrf_token: state.csrf_token,
    registry: state.registry ?? false,
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: keys.me, queryFn: fetchSession, staleTime: 60_000 });
  const session = me.data ?? null;
  const ended = useQuery({
    queryKey: keys.sessionEnded,
    queryFn: () => false,
    staleTime: Infinity,
  });
  if (session) setCsrfToken(session.csrf_token);

  const value: SessionValue = {
    session,
    loading: me.isPending,
    ended: ended.data ?? false,
    signedIn(answer) {
      setCsrfToken(answer.csrf_token);
      client.setQueryData(keys.sessionEnded, false);
      client.setQueryData(keys.me, answer);
    },
    async signOut() {
      await must(api.POST("/v1/auth/logout"));
      setCsrfToken("");
      client.clear();
      client.setQueryData(keys.me, null);
    },
    can: (permission) => session?.permissions.includes(permission) ?? false,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
