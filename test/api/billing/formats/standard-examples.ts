// An invoice whose account and reference are the standards' own examples, and the EPC069-12 version 002 payload it
// must carry, written out by hand: the Latvian IBAN of the SWIFT IBAN registry (LV80 BANK 0000 4351 9500 1) and the
// RF creditor reference of ISO 11649 (RF18 5390 0754 7034). Independent of the shared fixture's values.
import { invoiceView } from './fixture';

export const STANDARD_EXAMPLES = invoiceView({
  paymentReference: 'RF18539007547034',
  paymentReferenceFormatted: 'RF18 5390 0754 7034',
  creditor: {
    name: 'Pilsonības un migrācijas lietu pārvalde',
    iban: 'LV80BANK0000435195001',
    ibanFormatted: 'LV80 BANK 0000 4351 9500 1',
    bic: 'BANKLV2X',
  },
});

export const STANDARD_EXAMPLES_EPC =
  'BCD\n002\n1\nSCT\nBANKLV2X\nPilsonības un migrācijas lietu pārvalde\nLV80BANK0000435195001\nEUR42.18\n\nRF18539007547034\n\nPMLP-2026-10000042';
