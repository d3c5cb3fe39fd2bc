/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The console is served by licensord at /, its API under /v1. `npm run dev` proxies the API to
// a licensord on 127.0.0.1:8080.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    // Nothing inlined as data: URLs or inline scripts: the Content-Security-Policy allows only
    // files from licensord itself.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { "/v1": "http://127.0.0.1:8080" } },
  test: { include: ["src/**/*.test.ts"], testTimeout: 30_000 },
});
