// The browser validates e-service forms with the same JSON Schemas (2020-12) the API validates with, and the same
// platform keywords (forms/form-rules.ts: date bounds, address fields). ajv compiles a schema to a function (new
// Function), which is why the UI's CSP allows 'unsafe-eval' (see api/platform/app.ts); the server validates again on
// submit and is the authority.
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';
import { addFormRuleKeywords } from '../../../../forms/form-rules';

export const validator = customizeValidator({ AjvClass: Ajv2020, extenderFn: (ajv) => addFormRuleKeywords(ajv) });
