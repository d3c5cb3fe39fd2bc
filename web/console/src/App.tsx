// The console's routes. Signed-out visitors reach only setup, sign-in and the pages of the links
// licensord mails (a password reset, an invitation); every other page sits in the Shell and
// needs a session.
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { useSession, type Permission } from "./auth/session";
import { Shell } from "./layout/Shell";
import { Failure, Loading } from "./layout/states";
import { SetupPage } from "./features/account/SetupPage";
import { SignInPage } from "./features/account/SignInPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./features/account/PasswordResetPages";
import { InvitationPage } from "./features/account/InvitationPage";
import { ProfilePage } from "./features/account/ProfilePage";
import { UsersPage } from "./features/admin/UsersPage";
import { TokensPage } from "./features/admin/TokensPage";
import { WebhooksPage } from "./features/admin/WebhooksPage";
import { KeysPage } from "./features/admin/KeysPage";
import { AuditPage } from "./features/admin/AuditPage";
import { DashboardPage } from "./features/dashboard/DashboardPage";
import { LicensesPage } from "./features/licenses/LicensesPage";
import { LicensePage } from "./features/licenses/LicensePage";
import { IssueLicensePage } from "./features/licenses/IssueLicensePage";
import { OfflinePage } from "./features/licenses/OfflinePage";
import { PoliciesPage } from "./features/catalog/PoliciesPage";
import { ProductsPage } from "./features/catalog/ProductsPage";
import { CustomersPage } from "./features/catalog/CustomersPage";
import { CustomerPage } from "./features/catalog/CustomerPage";
import { CompanyPage } from "./features/catalog/CompanyPage";
import { CardsPage } from "./features/cards/CardsPage";
import { FleetPage } from "./features/fleet/FleetPage";
import { InstallationsPage } from "./features/installations/InstallationsPage";
import { InstallationPage } from "./features/installations/InstallationPage";
import { PlatformLicensePage } from "./features/platform/PlatformLicensePage";
import { PlatformPage } from "./features/platform/PlatformPage";
import { AgentsPage } from "./features/platform/AgentsPage";
import { AgentPage } from "./features/platform/AgentPage";
import { PlatformUsersPage } from "./features/platform/PlatformUsersPage";
import { LicenseManagementPage } from "./features/platform/LicenseManagementPage";

function RequireSession({ children }: { children: ReactNode }) {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return children;
}

// A page a role may not use is not offered; reached by its address, it says so.
function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) {
    return <Failure error={new Error("Your role may not use this page.")} />;
  }
  return children;
}

// The first page after sign-in: the platform's on an installation's licensord; the dashboard
// for vendor staff, the day-cards for customers' own users.
function Home() {
  const { can, session } = useSession();
  const home = !can("read")
    ? can("read_cards")
      ? "/cards"
      : "/profile"
    : session?.registry
      ? "/platform/overview"
      : "/dashboard";
  return <Navigate to={home} replace />;
}

// The vendor's licensing pages, which every vendor role may read.
const readPages: [string, ReactNode][] = [
  ["/dashboard", <DashboardPage />],
  ["/licenses", <LicensesPage />],
  ["/licenses/:id", <LicensePage />],
  ["/installations", <InstallationsPage />],
  ["/installations/:id", <InstallationPage />],
  ["/platform/overview", <PlatformPage />],
  ["/platform/license", <PlatformLicensePage />],
  ["/platform/agents", <AgentsPage />],
  ["/platform/agents/:id", <AgentPage />],
  ["/platform/users", <PlatformUsersPage />],
  ["/settings/license-management", <LicenseManagementPage />],
  ["/fleet", <FleetPage />],
  ["/catalog/products", <ProductsPage />],
  ["/catalog/policies", <PoliciesPage />],
  ["/catalog/customers", <CustomersPage />],
  ["/catalog/customers/:id", <CustomerPage />],
  ["/admin/webhooks", <WebhooksPage />],
  ["/admin/keys", <KeysPage />],
  ["/admin/audit", <AuditPage />],
];

export function App() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/invitation" element={<InvitationPage />} />
      <Route
        element={
          <RequireSession>
            <Shell />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route path="/profile" element={<ProfilePage />} />
        {readPages.map(([path, page]) => (
          <Route key={path} path={path} element={<Allowed permission="read">{page}</Allowed>} />
        ))}
        <Route
          path="/licenses/new"
          element={
            <Allowed permission="manage_licensing">
              <IssueLicensePage />
            </Allowed>
          }
        />
        <Route
          path="/licenses/:id/offline"
          element={
            <Allowed permission="manage_licensing">
              <OfflinePage />
            </Allowed>
          }
        />
        {["/company", "/company/:id"].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <Allowed permission="read_customer_overview">
                <CompanyPage />
              </Allowed>
            }
          />
        ))}
        <Route
          path="/cards"
          element={
            <Allowed permission="read_cards">
              <CardsPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/users"
          element={
            <Allowed permission="manage_users">
              <UsersPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/tokens"
          element={
            <Allowed permission="manage_tokens">
              <TokensPage />
            </Allowed>
          }
        />
        <Route path="*" element={<Failure error={new Error("There is no such page.")} />} />
      </Route>
    </Routes>
  );
}
