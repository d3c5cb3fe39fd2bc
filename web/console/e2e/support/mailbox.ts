// An SMTP relay for the browser tests: Debian's aiosmtpd on loopback, demanding STARTTLS with a
// certificate of a throwaway authority, filing what it accepts in a Maildir that a test reads.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A port nothing listens on now, for a server that is told its own address before it starts.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function openssl(dir: string, args: string) {
  const run = spawnSync("bash", ["-c", `openssl ${args}`], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`openssl ${args}: ${run.stderr}`);
}

export class Mailbox {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly process: ChildProcess,
  ) {}

  static async start(): Promise<Mailbox> {
    const dir = mkdtempSync(join(tmpdir(), "licensor-mail-"));
    writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    const ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    openssl(dir, `req -x509 ${ec} -days 2 -keyout ca.key -out ca.pem -subj '/CN=Mail CA'`);
    openssl(dir, `req ${ec} -keyout relay.key -out relay.csr -subj '/CN=localhost'`);
    openssl(
      dir,
      "x509 -req -in relay.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 " +
        "-out relay.pem -extfile san.ext",
    );
    for (const box of ["tmp", "new", "cur"])
      mkdirSync(join(dir, "maildir", box), { recursive: true });
    const port = await freePort();
    const child = spawn(
      "/usr/bin/python3",
      ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "--tlscert", join(dir, "relay.pem")]
        .concat(["--tlskey", join(dir, "relay.key"), "-c", "aiosmtpd.handlers.Mailbox"])
        .concat([join(dir, "maildir")]),
      { stdio: "ignore" },
    );
    const mailbox = new Mailbox(dir, port, child);
    await mailbox.listening();
    return mailbox;
  }

  // licensord's flags for sending through this relay, with links to `consoleUrl`.
  smtpArgs(consoleUrl: string): string[] {
    return [
      "--smtp-url",
      `smtp://localhost:${this.port}`,
      "--smtp-ca-file",
      join(this.dir, "ca.pem"),
      "--smtp-from",
      "Licensor <licensor@vendor.example>",
      "--public-url",
      consoleUrl,
    ];
  }

  // The bodies of the messages to `to`, oldest first.
  messagesTo(to: string): string[] {
    const box = join(this.dir, "maildir", "new");
    return readdirSync(box)
      .sort()
      .map((name) => readFileSync(join(box, name), "utf8"))
      .filter((text) => text.includes(`\nTo: <${to}>`))
      .map((text) => text.slice(text.indexOf("\n\n") + 2));
  }

  // The last link to `page` (e.g. "/invitation") mailed to `to`.
  linkTo(to: string, page: string): string {
    const bodies = this.messagesTo(to);
    const match = new RegExp(`(http\\S+${page}#token=\\S+)`).exec(bodies.at(-1) ?? "");
    if (!match) throw new Error(`no ${page} link mailed to ${to}: ${bodies.join("\n---\n")}`);
    return match[1]!;
  }

  stop() {
    this.process.kill();
  }

  private async listening() {
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const probe = connect(this.port, "127.0.0.1");
        probe.once("connect", () => {
          probe.destroy();
          resolve(true);
        });
        probe.once("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the SMTP relay (python3-aiosmtpd) did not start");
  }
}
