// The full tier (npm run test:full): every test that needs the stack, which test/setup.ts's root hooks start
// (.mocharc.json). Which tests those are follows from their imports (test/tiers.ts).
const { require: tsRequire } = require('tsx/cjs/api');
const { fullTier } = tsRequire('./test/tiers.ts', __filename);
const shared = require('./.mocharc.json');

module.exports = { ...shared, spec: fullTier() };
