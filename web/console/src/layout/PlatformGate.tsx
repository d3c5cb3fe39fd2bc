// Where licensord serves an installation's registry, the platform's license decides what the
// console offers (seed 000): from 45 days before it ends a banner says when; once it has ended,
// or before any was uploaded, every page but the License page is a blank page asking for the
// renewal. The License page stays open, so the renewal can be uploaded, and everything works
// again as soon as it is: nothing restarts.
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router-dom";
import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useSession } from "../auth/session";
import { formatCoverage, bannerDays, usePlatform } from "../lib/registry";

const licensePage = "/platform/license";

// `never`: no license was ever uploaded (a new installation), rather than one that ended.
function RenewalNeeded({ never }: { never: boolean }) {
  return (
    <Stack align="center" ta="center" mt={80} gap="sm" maw={520} mx="auto">
      <Title order={1} size="h2">
        {never ? "The platform has no license yet" : "The platform's license has expired"}
      </Title>
      <Text c="dimmed">
        {never
          ? "The platform opens once the certificate package the vendor sent is uploaded on the License page."
          : "The platform is closed until its license is renewed. Ask the vendor for the renewal and upload it on the License page: the platform works again at once, without a restart."}
      </Text>
      <Button component={Link} to={licensePage} mt="sm">
        Go to the License page
      </Button>
    </Stack>
  );
}

export function PlatformGate({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  const platform = usePlatform(session?.registry ?? false);
  if (!session?.registry || !platform.data) return children;
  const p = platform.data;
  if (p.state === "EXPIRED" && !location.pathname.startsWith(licensePage)) {
    return <RenewalNeeded never={p.expires_at === null} />;
  }
  const ending = p.state === "ACTIVE" && p.days_left !== null && p.days_left <= bannerDays;
  return (
    <>
      {ending && (
        <Alert color="yellow" variant="light" mb="md" title="The platform's license ends soon">
          {p.days_left === 0 ? "It ends today" : `${p.days_left} days left`}, on{" "}
          {formatCoverage(p.expires_at)}. Upload the renewal on the{" "}
          <Anchor component={Link} to={licensePage} inherit>
            License page
          </Anchor>{" "}
          before then.
        </Alert>
      )}
      {children}
    </>
  );
}
