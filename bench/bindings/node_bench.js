'use strict';
// validate() and hasFeature() through the Node.js binding, beside a bare koffi call of an empty
// C function with the same signature. Usage: node node_bench.js FLOOR_LIBRARY DATA_DIR KEYS
// PRODUCT CODE (a data directory with an installed license).
const fs = require('node:fs');
const path = require('node:path');
const koffi = require(path.join(__dirname, '../../bindings/node/node_modules/koffi'));
const licensor = require('../../bindings/node');

const N = 1_000_000;
function bestNs(call, rounds = 5) {
  let best = Infinity;
  for (let r = 0; r < rounds; ++r) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; ++i) call();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / N);
  }
  return best;
}

const [floorPath, dataDir, keys, productId, licenseCode] = process.argv.slice(2);
const floor = koffi.load(floorPath).func('int licensor_ffi_floor(void* client)');
const client = new licensor.Client({
  productId, dataDir, publicKeysJson: fs.readFileSync(keys, 'utf8'), licenseCode,
});
if (client.validate() !== licensor.Code.VALID) throw new Error(client.detail());
const handle = client._handle;
const rows = [
  ['bare koffi call of an empty C function', bestNs(() => floor(handle))],
  ['Client.validate()', bestNs(() => client.validate())],
  ['Client.hasFeature("core")', bestNs(() => client.hasFeature('core'))],
];
const floorNs = rows[0][1];
for (const [name, ns] of rows) {
  console.log(`  node    ${name.padEnd(42)} ${ns.toFixed(0).padStart(8)} ns ${Math.round(1e9 / ns).toLocaleString('en-US').padStart(12)}/s  ${(ns - floorNs).toFixed(0).padStart(6)} ns above the bare call`);
}
client.close();
