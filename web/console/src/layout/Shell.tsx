// The frame of every signed-in page: the navigation, and the user's nickname in the top-right
// corner with its menu.
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from "react-router-dom";
import {
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  Text,
  UnstyledButton,
  Avatar,
  Badge,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useSession, type Permission } from "../auth/session";
import { PlatformGate } from "./PlatformGate";

// Which licensord a page belongs to: the vendor's, which issues licenses, or an installation's,
// which serves its platform's registry (--registry-installation-id). Unset: both.
type Serves = "vendor" | "registry";

interface Item {
  to: string;
  label: string;
  permission: Permission;
  serves?: Serves;
  customer?: boolean; // only for a customer's own users
}

export const navigation: { section: string; items: Item[] }[] = [
  {
    section: "Licensing",
    items: [
      { to: "/dashboard", label: "Dashboard", permission: "read", serves: "vendor" },
      { to: "/licenses", label: "Licenses", permission: "read", serves: "vendor" },
      { to: "/installations", label: "Installations", permission: "read", serves: "vendor" },
    ],
  },
  {
    section: "Devices",
    items: [
      { to: "/cards", label: "Day-cards", permission: "read_cards", serves: "vendor" },
      {
        to: "/company",
        label: "My company",
        permission: "read_customer_overview",
        serves: "vendor",
        customer: true,
      },
      { to: "/fleet", label: "Fleet", permission: "read", serves: "vendor" },
    ],
  },
  {
    section: "Platform",
    items: [
      { to: "/platform/overview", label: "Platform", permission: "read", serves: "registry" },
      { to: "/platform/license", label: "License", permission: "read", serves: "registry" },
      { to: "/platform/agents", label: "Agents", permission: "read", serves: "registry" },
      { to: "/platform/users", label: "Platform users", permission: "read", serves: "registry" },
    ],
  },
  {
    section: "System Settings",
    items: [
      {
        to: "/settings/license-management",
        label: "License Management",
        permission: "read",
        serves: "registry",
      },
    ],
  },
  {
    section: "Catalogue",
    items: [
      { to: "/catalog/products", label: "Products", permission: "read", serves: "vendor" },
      { to: "/catalog/policies", label: "Policies", permission: "read", serves: "vendor" },
      { to: "/catalog/customers", label: "Customers", permission: "read", serves: "vendor" },
    ],
  },
  {
    section: "Administration",
    items: [
      { to: "/admin/tokens", label: "API tokens", permission: "manage_tokens" },
      { to: "/admin/users", label: "Users", permission: "manage_users" },
      { to: "/admin/webhooks", label: "Webhooks", permission: "read" },
      { to: "/admin/keys", label: "Signing keys", permission: "read", serves: "vendor" },
      { to: "/admin/audit", label: "Audit log", permission: "read" },
    ],
  },
];

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const { session, signOut, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session!.user;
  const serves: Serves = session!.registry ? "registry" : "vendor";

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Navigation"
            />
            <Text fw={700} size="lg" component={RouterLink} to="/" c="blue.8" td="none">
              Licensor
            </Text>
            {serves === "registry" && (
              <Badge
                variant="light"
                color="grape"
                visibleFrom="xs"
                title="This licensord is an installation's own: it serves its platform's registry (certificates, agents, the .lic license), not the vendor's licensing."
              >
                Installation registry
              </Badge>
            )}
          </Group>
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <UnstyledButton aria-label={`Account menu of ${user.display_name}`}>
                <Group gap="xs" wrap="nowrap">
                  <Avatar size="sm" color="blue" radius="xl">
                    {user.display_name.slice(0, 1).toUpperCase()}
                  </Avatar>
                  <Text size="sm" fw={500} truncate maw={160}>
                    {user.display_name}
                  </Text>
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{user.email}</Menu.Label>
              {can("read_cards") && serves === "vendor" && (
                <Menu.Item onClick={() => navigate("/cards")}>License Management</Menu.Item>
              )}
              <Menu.Item onClick={() => navigate("/profile")}>Profile and password</Menu.Item>
              <Menu.Divider />
              <Menu.Item
                color="red"
                onClick={async () => {
                  await signOut();
                  navigate("/sign-in", { replace: true });
                }}
              >
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" className="app-navbar">
        {navigation.map((group) => {
          const items = group.items.filter(
            (item) =>
              can(item.permission) &&
              (!item.serves || item.serves === serves) &&
              (!item.customer || user.customer_id !== null),
          );
          if (items.length === 0) return null;
          return (
            <div key={group.section}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                {group.section}
              </Text>
              {items.map((item) => (
                <NavLink
                  key={item.to}
                  component={RouterLink}
                  to={item.to}
                  label={item.label}
                  active={location.pathname.startsWith(item.to)}
                  onClick={close}
                />
              ))}
            </div>
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <PlatformGate>
          <Outlet />
        </PlatformGate>
      </AppShell.Main>
    </AppShell>
  );
}
