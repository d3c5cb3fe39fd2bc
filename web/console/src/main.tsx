import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { setNonce } from "get-nonce";
import { createTheme, MantineProvider, Modal } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import "@mantine/core/styles.css";
import "./styles.css";
import { ApiError, onChangeAccepted, onSessionRefused } from "./api/client";
import { SessionProvider } from "./auth/session";
import { App } from "./App";
import { keys } from "./api/keys";

const client: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// A change's audit event shows at once in the histories on the page.
onChangeAccepted(() => void client.invalidateQueries({ queryKey: keys.allEvents }));

// A session that ended (signed out elsewhere, idle, password changed) sends the user to the
// sign-in page on the next request, which says why.
onSessionRefused(() => {
  if (client.getQueryData(keys.me)) client.setQueryData(keys.sessionEnded, true);
  client.setQueryData(keys.me, null);
});

// The Content-Security-Policy admits only the style elements that carry the page's nonce,
// which licensord writes into index.html; Mantine puts it on the ones it generates.
// Modals lock the page's scroll with a style element of their own (react-remove-scroll),
// which takes its nonce from get-nonce.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";
setNonce(styleNonce);

// No animation for who asked for reduced motion; every dialog's close button says what it
// does to a screen reader.
const theme = createTheme({
  respectReducedMotion: true,
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
  },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={() => styleNonce}>
      <QueryClientProvider client={client}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
