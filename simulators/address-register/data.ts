// Seeded addresses of the address register simulator, in the register's wire format (VZD ARIS-like field names).
// Municipality (ATVK) codes match scripts/seed/demo-data.ts. Anna's and Jānis's declared addresses are marked.

export type AddressPurpose = 'dwelling' | 'garage' | 'shop' | 'office';

export interface WireAddress {
  adr_cd: string;
  std: string;
  atvk: string;
  index: string;
  purpose: AddressPurpose;
}

const RIGA = '0001000';
const JELGAVA = '0054000';
const VALMIERA = '0940200';
const DAUGAVPILS = '0050000';

const a = (adr_cd: string, std: string, atvk: string, purpose: AddressPurpose = 'dwelling'): WireAddress => ({
  adr_cd,
  std,
  atvk,
  purpose,
  index: /LV-[0-9]{4}$/.exec(std)?.[0] ?? '',
});

export const ANNA_ADDRESS_CODE = '105360201';
export const JANIS_ADDRESS_CODE = '103207115';

export const addresses: WireAddress[] = [
  // Rīga
  a(ANNA_ADDRESS_CODE, 'Brīvības iela 100 - 12, Rīga, LV-1011', RIGA),
  a('105360219', 'Brīvības iela 137 - 4, Rīga, LV-1012', RIGA),
  a('101715224', 'Brīvības iela 49/53, Rīga, LV-1010', RIGA, 'office'),
  a('105124308', 'Elizabetes iela 21 - 7, Rīga, LV-1010', RIGA),
  a('105118562', 'Krišjāņa Barona iela 54 - 9, Rīga, LV-1011', RIGA),
  a('105241173', 'Ģertrūdes iela 33 - 15, Rīga, LV-1011', RIGA),
  a('105132906', 'Dzirnavu iela 67 - 22, Rīga, LV-1011', RIGA),
  a('104852011', 'Āgenskalna iela 18 - 3, Rīga, LV-1046', RIGA),
  a('106023487', 'Maskavas iela 240 - 45, Rīga, LV-1063', RIGA),
  a('106110254', 'Ķengaraga iela 8 - 101, Rīga, LV-1063', RIGA),
  a('105780932', 'Purvciema iela 12 - 30, Rīga, LV-1035', RIGA),
  a('101906640', 'Čiekurkalna 1. līnija 1, Rīga, LV-1026', RIGA, 'office'),
  a('105499120', 'Krasta iela 52 - G14, Rīga, LV-1003', RIGA, 'garage'),
  a('105266731', 'Tērbatas iela 30, Rīga, LV-1011', RIGA, 'shop'),
  // Jelgava
  a(JANIS_ADDRESS_CODE, 'Lielā iela 5 - 3, Jelgava, LV-3001', JELGAVA),
  a('103207123', 'Lielā iela 11, Jelgava, LV-3001', JELGAVA, 'office'),
  a('103211480', 'Katoļu iela 2 - 8, Jelgava, LV-3001', JELGAVA),
  a('103254617', 'Dobeles iela 44 - 17, Jelgava, LV-3007', JELGAVA),
  a('103230095', 'Rīgas iela 22 - 5, Jelgava, LV-3002', JELGAVA),
  a('103198843', 'Akadēmijas iela 9 - 11, Jelgava, LV-3001', JELGAVA),
  a('103221056', 'Pasta iela 37, Jelgava, LV-3001', JELGAVA, 'shop'),
  // Valmieras novads
  a('104416372', 'Rīgas iela 10 - 2, Valmiera, Valmieras nov., LV-4201', VALMIERA),
  a('104416380', 'Lāčplēša iela 2, Valmiera, Valmieras nov., LV-4201', VALMIERA, 'office'),
  a('104430518', 'Georga Apiņa iela 6 - 14, Valmiera, Valmieras nov., LV-4201', VALMIERA),
  a('104421907', 'Cēsu iela 19 - 3, Valmiera, Valmieras nov., LV-4201', VALMIERA),
  a('104433260', 'Stacijas iela 4 - G2, Valmiera, Valmieras nov., LV-4201', VALMIERA, 'garage'),
  a('75320114', '"Kalnieši", Kauguru pag., Valmieras nov., LV-4224', VALMIERA),
  // Daugavpils
  a('100012431', 'Rīgas iela 22 - 7, Daugavpils, LV-5401', DAUGAVPILS),
  a('100015786', 'Saules iela 15 - 31, Daugavpils, LV-5401', DAUGAVPILS),
  a('100031142', '18. novembra iela 120 - 56, Daugavpils, LV-5404', DAUGAVPILS),
  a('100010978', 'Cietokšņa iela 60 - 2, Daugavpils, LV-5401', DAUGAVPILS),
  a('100019204', 'Vienības iela 8, Daugavpils, LV-5401', DAUGAVPILS, 'shop'),
  a('100044719', 'Jātnieku iela 88 - G5, Daugavpils, LV-5410', DAUGAVPILS, 'garage'),
];

export function addressByCode(code: string): WireAddress | undefined {
  return addresses.find((address) => address.adr_cd === code);
}
