#!/usr/bin/env node
'use strict';
// licensed-app: what a vendor's Node.js product does with the Licensor SDK.
//
//   node licensed-app.js --product ID --data-dir DIR --public-keys keys.json \
//     --server URL --code CODE [--activate] [--heartbeat] [--feature NAME]...
//
// It prints one line with the license's state (and the features asked about), and exits 0 when
// the license is valid, 1 when not, 2 on a usage error.
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const licensor = require('..');

async function main() {
  const { values } = parseArgs({
    options: {
      product: { type: 'string' }, 'data-dir': { type: 'string' },
      'public-keys': { type: 'string' }, server: { type: 'string', default: '' },
      code: { type: 'string', default: '' }, activate: { type: 'boolean', default: false },
      heartbeat: { type: 'boolean', default: false }, feature: { type: 'string', multiple: true, default: [] },
    },
  });
  if (!values.product || !values['data-dir'] || !values['public-keys']) {
    console.error('usage: licensed-app.js --product ID --data-dir DIR --public-keys FILE ...');
    return 2;
  }
  let client;
  try {
    client = new licensor.Client({
      productId: values.product, dataDir: values['data-dir'],
      publicKeysJson: fs.readFileSync(values['public-keys'], 'utf8'),
      serverUrl: values.server, licenseCode: values.code,
    });
  } catch (error) {
    console.error(`licensed-app: ${error.message}`);
    return 2;
  }
  try {
    let step = licensor.Code.VALID;
    if (values.activate) step = await client.activate();
    if (values.heartbeat) step = await client.heartbeatOnce();
    if (step !== licensor.Code.VALID) {
      console.log(`step=${licensor.codeName(step)} detail="${client.detail()}" cause="${client.cause()}"`);
    }
    const state = client.validate();
    let line = `state=${licensor.codeName(state)} valid=${licensor.isValid(state) ? 'yes' : 'no'}`;
    const info = client.info;
    if (info.loaded) line += ` license=${info.licenseId} days_left=${info.daysLeft}`;
    for (const feature of values.feature) {
      line += ` feature:${feature}=${client.hasFeature(feature) ? 'yes' : 'no'}`;
    }
    if (!licensor.isValid(state)) line += ` message="${client.detail()}"`;
    console.log(line);
    return licensor.isValid(state) ? 0 : 1;
  } finally {
    await client.close();
  }
}

main().then((code) => { process.exitCode = code; });
