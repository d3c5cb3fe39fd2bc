'use strict';
// The Node.js binding against a real licensord: activation, validation, features, a suspension
// heard at the next heartbeat, the state listener, the logger, the vendor's sentences, and the
// example app. Run by CTest (sdk.node) with LICENSOR_LIBRARY, LICENSORD and LICENSOR_HEADER set.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const licensor = require('..');

const adminToken = 'lsr_node_binding_admin_token_0123456789abcdef';
const machine = { mac: '02:42:ac:11:00:41', disk: 'NODEDISK1' };

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// A licensord on loopback; over HTTPS with a certificate of its own (`certificate`) with `tls`.
async function startLicensord({ tls = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'licensor-node-'));
  const port = await freePort();
  const certificate = `${dir}/cert.pem`;
  const tlsArgs = tls ? ['--tls-cert', certificate, '--tls-key', `${dir}/key.pem`] : [];
  if (tls) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt',
      'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=licensing.test',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', `${dir}/key.pem`, '-out', certificate],
    { stdio: 'ignore' });
  }
  const child = spawn(process.env.LICENSORD, ['--data-dir', `${dir}/server`, '--listen',
    `127.0.0.1:${port}`, '--jobs-interval', '0', ...tlsArgs],
  { env: { ...process.env, LICENSOR_ADMIN_TOKEN: adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('listening')) resolve();
    });
    child.on('exit', () => reject(new Error(`licensord stopped: ${seen}`)));
  });
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const ca = tls ? fs.readFileSync(certificate) : undefined;
  const api = (method, route, body) => new Promise((resolve, reject) => {
    const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
    const request = (tls ? https : http).request(url + route, { method, headers, ca }, (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk) => { text += chunk; });
      answer.on('end', () => resolve(text ? JSON.parse(text) : null));
    });
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
  return { dir, url, api, certificate, stop: () => child.kill('SIGTERM') };
}

test('the Node.js binding', async (t) => {
  const server = await startLicensord();
  t.after(() => server.stop());
  const keys = JSON.stringify(await server.api('GET', '/v1/keys/public'));
  const customer = await server.api('POST', '/v1/customers', { name: 'Acme' });
  const product = await server.api('POST', '/v1/products', { name: 'Widget' });
  const policy = await server.api('POST', '/v1/policies', {
    product_id: product.id, name: 'yearly', deployment_mode: 'HYBRID', duration_days: 365,
    features: ['core', 'reports'], heartbeat_interval_s: 3600, max_activations: 5,
  });
  const license = await server.api('POST', '/v1/licenses',
    { policy_id: policy.id, customer_id: customer.id });
  const open = (dataDir, extra = {}) => new licensor.Client({
    productId: product.id, dataDir, publicKeysJson: keys, serverUrl: server.url,
    licenseCode: license.code, components: machine, ...extra,
  });

  await t.test('a trial deactivated offline frees its slot', async () => {
    const trial = await server.api('POST', '/v1/policies', {
      product_id: product.id, name: 'trial', deployment_mode: 'HYBRID', duration_days: 14,
      trial: true, features: ['core'], max_activations: 1,
    });
    const trialLicense = await server.api('POST', '/v1/licenses',
      { policy_id: trial.id, customer_id: customer.id });
    const dataDir = path.join(server.dir, 'trial');
    const client = open(dataDir, { licenseCode: ` ${trialLicense.code.toLowerCase()} ` });
    assert.equal(await client.activate(), licensor.Code.VALID, client.cause());
    assert.equal(client.info.trial, true);
    assert.equal(client.info.daysLeft, 14);
    const proof = path.join(dataDir, 'proof.json');
    assert.equal(client.deactivateOffline(proof), licensor.Code.VALID);
    assert.equal(client.validate(), licensor.Code.NOT_ACTIVATED);
    await client.close();
    const route = `/v1/licenses/${trialLicense.id}`;
    assert.equal((await server.api('GET', `${route}/activations`)).data.length, 1);
    const answer = await server.api('POST', `${route}/offline-deactivations`,
      { proof: JSON.parse(fs.readFileSync(proof, 'utf8')) });
    assert.equal(answer.released.license_id, trialLicense.id);
    assert.deepEqual((await server.api('GET', `${route}/activations`)).data, []);
  });

  await t.test('the codes are those of licensor.h', () => {
    const header = fs.readFileSync(process.env.LICENSOR_HEADER, 'utf8');
    const numbers = Object.fromEntries(
      [...header.matchAll(/LICENSOR_([A-Z_]+) = (\d+)/g)].map(([, name, n]) => [name, Number(n)]));
    assert.deepEqual(numbers, { ...licensor.Code });
    assert.deepEqual(
      Object.keys(licensor.Code).filter((name) => licensor.needsActivation(licensor.Code[name])),
      ['NOT_ACTIVATED', 'ACTIVATION_LIMIT_REACHED', 'RELEASED']);
  });

  await t.test('activates, validates and hears a suspension', async () => {
    const client = open(path.join(server.dir, 'one'));
    const lines = [];
    const changes = [];
    client.setLogger((level, line) => lines.push(`${level} ${line}`));
    assert.equal(client.validate(), licensor.Code.NOT_ACTIVATED);
    assert.equal(await client.activate(), licensor.Code.VALID, client.cause());
    assert.equal(client.hasFeature('reports'), true);
    assert.equal(client.hasFeature('export'), false);
    const info = client.info;
    assert.equal(info.loaded, true);
    assert.equal(info.licenseId, license.id);
    assert.equal(info.daysLeft, 365);
    assert.deepEqual(info.features, ['core', 'reports']);
    assert.match(client.fingerprint, /^fp1-/);

    const heard = new Promise((resolve) => {
      client.onStateChange((previous, current) => {
        changes.push([previous, current]);
        if (current === licensor.Code.LICENSE_SUSPENDED) resolve();
      });
    });
    await server.api('POST', `/v1/licenses/${license.id}/actions/suspend`);
    assert.equal(await client.heartbeatOnce(), licensor.Code.LICENSE_SUSPENDED);
    assert.equal(client.validate(), licensor.Code.LICENSE_SUSPENDED);
    assert.match(client.detail(), /suspended/);
    await heard;
    assert.deepEqual(changes.at(-1), [licensor.Code.VALID, licensor.Code.LICENSE_SUSPENDED]);
    await server.api('POST', `/v1/licenses/${license.id}/actions/reinstate`);
    assert.equal(await client.heartbeatOnce(), licensor.Code.VALID, client.cause());
    await client.close();
    await client.close(); // idempotent
    assert.throws(() => client.validate(), /closed/);
    const log = lines.join('\n');
    assert.match(log, /1 POST \/v1\/client\/activate: HTTP 201/);
    assert.equal(log.includes(license.code), false);
  });

  await t.test('reads this machine and adds a component of its own', async () => {
    const machine = licensor.collectMachine();
    assert.match(machine.fingerprint, /^fp1-/);
    assert.ok(Object.keys(machine.components).length > 0);
    const same = open(path.join(server.dir, 'machine'), { components: machine.components });
    assert.equal(same.fingerprint, machine.fingerprint);
    await same.close();
    const extended = open(path.join(server.dir, 'machine'),
      { components: { ...machine.components, dongle: 'D-42' } });
    assert.notEqual(extended.fingerprint, machine.fingerprint);
    await extended.close();
  });

  await t.test('the vendor\'s sentences and a bad configuration', async () => {
    const client = open(path.join(server.dir, 'two'),
      { messages: { [licensor.Code.NOT_ACTIVATED]: 'Pas encore activé.' } });
    assert.equal(client.detail(), 'Pas encore activé.');
    await client.close();
    assert.throws(() => new licensor.Client({ productId: '', dataDir: server.dir, publicKeysJson: keys }),
      (error) => error instanceof licensor.LicensorError && error.code === licensor.Code.INVALID_ARGUMENT);
  });

  await t.test('the example app activates and reports', () => {
    const keysFile = path.join(server.dir, 'keys.json');
    fs.writeFileSync(keysFile, keys);
    const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', 'licensed-app.js'),
      '--product', product.id, '--data-dir', path.join(server.dir, 'app'), '--public-keys', keysFile,
      '--server', server.url, '--code', license.code, '--activate', '--feature', 'core'],
    { encoding: 'utf8' });
    assert.match(out, /state=VALID valid=yes/);
    assert.match(out, /feature:core=yes/);
  });
});

test('over HTTPS, the binding trusts only the given authority and key', async () => {
  const server = await startLicensord({ tls: true });
  try {
    const keys = JSON.stringify(await server.api('GET', '/v1/keys/public'));
    const customer = await server.api('POST', '/v1/customers', { name: 'Acme' });
    const product = await server.api('POST', '/v1/products', { name: 'Widget' });
    const policy = await server.api('POST', '/v1/policies',
      { product_id: product.id, name: 'yearly', duration_days: 365 });
    const license = await server.api('POST', '/v1/licenses',
      { policy_id: policy.id, customer_id: customer.id });
    let clients = 0;
    const activate = async (tls) => {
      const client = new licensor.Client({
        productId: product.id, dataDir: path.join(server.dir, `tls-${++clients}`),
        publicKeysJson: keys, serverUrl: server.url, licenseCode: license.code,
        components: machine, ...tls,
      });
      try {
        return [await client.activate(), client.cause()];
      } finally {
        await client.close();
      }
    };
    // The system's authorities do not know this certificate.
    let [code, cause] = await activate({});
    assert.equal(code, licensor.Code.SERVER_UNREACHABLE);
    assert.match(cause, /certificate/);
    [code, cause] = await activate(
      { caFile: server.certificate, pinnedPublicKey: `sha256//${'A'.repeat(43)}=` });
    assert.equal(code, licensor.Code.SERVER_UNREACHABLE);
    assert.match(cause, /pinned/);
    [code, cause] = await activate({ caFile: server.certificate });
    assert.equal(code, licensor.Code.VALID, cause);
  } finally {
    server.stop();
  }
});
