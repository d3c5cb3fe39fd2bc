// A real licensord for a browser test: a fresh data directory, a clock the test moves (the
// --clock-file licensord reads the time from), and a preset admin token for setting things up
// through the API.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../../../..");
export const binaries = {
  licensord: process.env.LICENSORD ?? join(repo, "build/licensord"),
  licensorctl: process.env.LICENSORCTL ?? join(repo, "build/licensorctl"),
  fingerprint: process.env.LICENSOR_FINGERPRINT ?? join(repo, "build/licensor-fingerprint"),
  licensedApp: process.env.LICENSED_APP ?? join(repo, "build/licensed-app"),
};

// 2027-01-01T00:00:00Z, as in the C++ end-to-end tests.
export const startTime = 1798761600;

export class Licensord {
  readonly adminToken = "lsr_browser_tests_admin_token_0123456789abcdef";
  url = "";
  setupLink = "";
  now = startTime;
  private process?: ChildProcess;
  private output = "";

  private constructor(readonly dir: string) {}

  static async start(extraArgs: string[] = []): Promise<Licensord> {
    const server = new Licensord(mkdtempSync(join(tmpdir(), "licensor-console-")));
    server.setTime(startTime);
    await server.launch(extraArgs);
    return server;
  }

  // An installation's licensord, serving the registry of `installationId` and trusting the
  // keys `vendor` signs its files with.
  static async startRegistry(vendor: Licensord, installationId: string): Promise<Licensord> {
    const keys = vendor.path(`keys-for-${installationId}.json`);
    writeFileSync(keys, JSON.stringify(await vendor.api("GET", "/v1/keys/public")));
    return Licensord.start([
      "--registry-installation-id",
      installationId,
      "--registry-public-keys",
      keys,
    ]);
  }

  private launch(extraArgs: string[]): Promise<void> {
    const child = spawn(
      binaries.licensord,
      [
        "--data-dir",
        join(this.dir, "data"),
        ...(extraArgs.includes("--listen") ? [] : ["--listen", "127.0.0.1:0"]),
        "--clock-file",
        join(this.dir, "clock"),
        "--client-rate-limit",
        "0",
        "--jobs-interval",
        "0",
        ...extraArgs,
      ],
      { env: { ...process.env, LICENSOR_ADMIN_TOKEN: this.adminToken }, stdio: "pipe" },
    );
    this.process = child;
    child.stderr!.on("data", (chunk) => (this.output += chunk));
    return new Promise((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`licensord did not start:\n${this.output}`)),
        20_000,
      );
      child.on("exit", (code) => fail(new Error(`licensord exited (${code}):\n${this.output}`)));
      child.stdout!.on("data", (chunk) => {
        this.output += chunk;
        const link = /First sign-in: open (\S+)/.exec(this.output);
        if (link) this.setupLink = link[1]!;
        const listening = /licensord listening on (\S+)/.exec(this.output);
        if (listening) {
          clearTimeout(timer);
          this.url = listening[1]!;
          ready();
        }
      });
    });
  }

  setTime(t: number) {
    this.now = t;
    writeFileSync(join(this.dir, "clock.tmp"), String(t));
    renameSync(join(this.dir, "clock.tmp"), join(this.dir, "clock"));
  }
  advanceDays(days: number) {
    this.setTime(this.now + Math.round(days * 86400));
  }

  // A call of the admin API with the admin token; fails the test on an unexpected status.
  async api(method: string, path: string, body?: unknown, expectStatus?: number): Promise<any> {
    const res = await fetch(this.url + path, {
      method,
      headers: {
        Authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const want = expectStatus ?? (method === "POST" ? [200, 201] : [200, 204]);
    if (!(Array.isArray(want) ? want.includes(res.status) : want === res.status)) {
      throw new Error(`${method} ${path}: ${res.status} ${text}`);
    }
    return text ? JSON.parse(text) : null;
  }

  // A client call (the vendor's product), with no token.
  async client(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(this.url + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  // What a client does when a heartbeat says its license changed: fetch the signed file.
  async fetchLicenseFile(code: string, fingerprint: string): Promise<number> {
    const res = await fetch(this.url + "/v1/client/license-file", {
      headers: { Authorization: `License ${code}`, "Licensor-Fingerprint": fingerprint },
    });
    await res.arrayBuffer();
    return res.status;
  }

  // licensorctl against this server with the admin token: its exit status and what it printed.
  cli(args: string[]): { status: number | null; output: string } {
    const run = spawnSync(binaries.licensorctl, args, {
      env: { ...process.env, LICENSOR_URL: this.url, LICENSOR_TOKEN: this.adminToken },
      encoding: "utf8",
    });
    return { status: run.status, output: run.stdout + run.stderr };
  }

  // What licensor-fingerprint writes on a machine to license offline, saved in this server's
  // directory; returns the file's path.
  fingerprintRequest(name = "request.json"): string {
    const path = join(this.dir, name);
    const run = spawnSync(binaries.fingerprint, ["-o", path], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`licensor-fingerprint: ${run.stdout}${run.stderr}`);
    return path;
  }

  // The example product on this machine, with this server's keys and clock: installs the
  // offline license file, then gives it up offline; returns the proof's path.
  deactivationProof(productId: string, licenseFile: string): string {
    const keys = this.path("product-keys.json");
    const exported = this.cli(["keys", "public", "-o", keys]);
    if (exported.status !== 0) throw new Error(`licensorctl keys public: ${exported.output}`);
    const proof = this.path("deactivation.json");
    const app = (step: string[]) => {
      const run = spawnSync(
        binaries.licensedApp,
        [
          "--product",
          productId,
          "--data-dir",
          this.path("product"),
          "--public-keys",
          keys,
          "--clock-file",
          join(this.dir, "clock"),
          ...step,
        ],
        { encoding: "utf8" },
      );
      if (!run.stdout.includes("state="))
        throw new Error(`licensed-app: ${run.stdout}${run.stderr}`);
      return run.stdout;
    };
    if (!app(["--license-file", licenseFile]).includes("state=VALID")) {
      throw new Error("licensed-app did not install the license file");
    }
    app(["--deactivate-offline", proof]);
    return proof;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  log(): string {
    return this.output;
  }

  async stop() {
    const child = this.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  readFile(name: string): string {
    return readFileSync(join(this.dir, name), "utf8");
  }
}
