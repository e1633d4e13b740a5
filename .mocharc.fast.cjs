// The fast tier (npm run test:fast): every test that needs no stack, without test/setup.ts's root hooks.
// Which tests those are follows from their imports (test/tiers.ts).
const { require: tsRequire } = require('tsx/cjs/api');
const { fastTier } = tsRequire('./test/tiers.ts', __filename);
const shared = require('./.mocharc.json');

module.exports = { ...shared, file: ['test/fast-setup.ts'], spec: fastTier() };
