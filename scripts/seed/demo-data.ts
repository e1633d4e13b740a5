// Demo reference data: sectors (ministries), municipalities (ATVK codes), agencies, VPVKAC offices, services.
// Seeding is idempotent (upserts), so `npm start` may run it on every start.

export const sectors = [
  { id: 'interior', ministryCode: 'IEM', nameLv: 'Iekšlietu ministrija', nameEn: 'Ministry of the Interior' },
  { id: 'finance', ministryCode: 'FM', nameLv: 'Finanšu ministrija', nameEn: 'Ministry of Finance' },
  { id: 'justice', ministryCode: 'TM', nameLv: 'Tieslietu ministrija', nameEn: 'Ministry of Justice' },
  { id: 'transport', ministryCode: 'SM', nameLv: 'Satiksmes ministrija', nameEn: 'Ministry of Transport' },
  { id: 'smart-administration', ministryCode: 'VARAM', nameLv: 'Viedās administrācijas un reģionālās attīstības ministrija', nameEn: 'Ministry of Smart Administration and Regional Development' },
];

export const municipalities = [
  { code: '0001000', nameLv: 'Rīga', nameEn: 'Riga' },
  { code: '0054000', nameLv: 'Jelgava', nameEn: 'Jelgava' },
  { code: '0940200', nameLv: 'Valmieras novads', nameEn: 'Valmiera Municipality' },
  { code: '0050000', nameLv: 'Daugavpils', nameEn: 'Daugavpils' },
];

export const agencies = [
  { id: 'pmlp', creditorIban: 'LV11TREL0130000090001', registrationNumber: '90000094011', kind: 'state', sectorId: 'interior', municipalityCode: null, nameLv: 'Pilsonības un migrācijas lietu pārvalde', nameEn: 'Office of Citizenship and Migration Affairs' },
  { id: 'vid', creditorIban: 'LV81TREL0130000090002', registrationNumber: '90000069281', kind: 'state', sectorId: 'finance', municipalityCode: null, nameLv: 'Valsts ieņēmumu dienests', nameEn: 'State Revenue Service' },
  { id: 'vzd', creditorIban: 'LV54TREL0130000090003', registrationNumber: '90000018622', kind: 'state', sectorId: 'justice', municipalityCode: null, nameLv: 'Valsts zemes dienests', nameEn: 'State Land Service' },
  { id: 'csdd', creditorIban: 'LV27TREL0130000090004', registrationNumber: '40003345377', kind: 'state', sectorId: 'transport', municipalityCode: null, nameLv: 'Ceļu satiksmes drošības direkcija', nameEn: 'Road Traffic Safety Directorate' },
  { id: 'ur', creditorIban: 'LV97TREL0130000090005', registrationNumber: '90000270634', kind: 'state', sectorId: 'justice', municipalityCode: null, nameLv: 'Latvijas Republikas Uzņēmumu reģistrs', nameEn: 'Register of Enterprises' },
  { id: 'riga', creditorIban: 'LV70TREL0130000090006', registrationNumber: '90011524360', kind: 'municipality', sectorId: 'smart-administration', municipalityCode: '0001000', nameLv: 'Rīgas valstspilsētas pašvaldība', nameEn: 'Riga City Municipality' },
  { id: 'jelgava', creditorIban: 'LV43TREL0130000090007', registrationNumber: '90000042516', kind: 'municipality', sectorId: 'smart-administration', municipalityCode: '0054000', nameLv: 'Jelgavas valstspilsētas pašvaldība', nameEn: 'Jelgava City Municipality' },
] as const;

const weekdays = (opens: string, closes: string) =>
  ['Mo', 'Tu', 'We', 'Th', 'Fr'].map((day) => ({ day, opens, closes }));

export const offices = [
  { id: 'vpvkac-riga', kind: 'vpvkac', agencyId: null, municipalityCode: '0001000', nameLv: 'VPVKAC Rīgā', nameEn: 'Unified customer centre, Riga', address: 'Brīvības iela 49/53, Rīga, LV-1010', latitude: 56.9561, longitude: 24.1217, openingHours: weekdays('08:30', '17:00') },
  { id: 'vpvkac-jelgava', kind: 'vpvkac', agencyId: null, municipalityCode: '0054000', nameLv: 'VPVKAC Jelgavā', nameEn: 'Unified customer centre, Jelgava', address: 'Lielā iela 11, Jelgava, LV-3001', latitude: 56.6511, longitude: 23.7214, openingHours: weekdays('09:00', '17:00') },
  { id: 'vpvkac-valmiera', kind: 'vpvkac', agencyId: null, municipalityCode: '0940200', nameLv: 'VPVKAC Valmierā', nameEn: 'Unified customer centre, Valmiera', address: 'Lāčplēša iela 2, Valmiera, LV-4201', latitude: 57.5411, longitude: 25.4275, openingHours: weekdays('08:00', '16:30') },
  { id: 'pmlp-riga-1', kind: 'agency', agencyId: 'pmlp', municipalityCode: '0001000', nameLv: 'PMLP Rīgas 1. nodaļa', nameEn: 'PMLP Riga office 1', address: 'Čiekurkalna 1. līnija 1, Rīga, LV-1026', latitude: 56.9787, longitude: 24.1633, openingHours: weekdays('08:30', '16:30') },
  { id: 'vid-riga', kind: 'agency', agencyId: 'vid', municipalityCode: '0001000', nameLv: 'VID klientu apkalpošanas centrs Rīgā', nameEn: 'SRS customer service centre, Riga', address: 'Talejas iela 1, Rīga, LV-1978', latitude: 56.9677, longitude: 24.1976, openingHours: weekdays('08:15', '17:00') },
  { id: 'csdd-riga', kind: 'agency', agencyId: 'csdd', municipalityCode: '0001000', nameLv: 'CSDD Rīgas nodaļa', nameEn: 'CSDD Riga branch', address: 'Bauskas iela 86, Rīga, LV-1004', latitude: 56.9128, longitude: 24.1203, openingHours: weekdays('08:00', '19:00') },
] as const;

const ALL = ['eservice', 'in_person', 'phone', 'email', 'post', 'other'];
export const services = [
  { id: 'declared-address-statement', agencyId: 'pmlp', titleLv: 'Izziņa par deklarēto dzīvesvietu', titleEn: 'Statement of declared address', channels: ALL, priceEur: null },
  { id: 'residence-declaration', agencyId: 'pmlp', titleLv: 'Dzīvesvietas deklarēšana', titleEn: 'Declaration of place of residence', channels: ALL, priceEur: null },
  { id: 'passport-issue', agencyId: 'pmlp', titleLv: 'Pases izsniegšana', titleEn: 'Issuing a passport', channels: ['in_person', 'other'], priceEur: 30 },
  { id: 'income-tax-return', agencyId: 'vid', titleLv: 'Gada ienākumu deklarācija', titleEn: 'Annual income tax return', channels: ALL, priceEur: null },
  { id: 'tax-consultation', agencyId: 'vid', titleLv: 'Nodokļu konsultācija', titleEn: 'Tax consultation', channels: ALL, priceEur: null },
  { id: 'cadastre-statement', agencyId: 'vzd', titleLv: 'Kadastra informācijas izziņa', titleEn: 'Cadastre information statement', channels: ALL, priceEur: 7.11 },
  { id: 'vehicle-registration', agencyId: 'csdd', titleLv: 'Transportlīdzekļa reģistrācija', titleEn: 'Vehicle registration', channels: ['eservice', 'in_person', 'other'], priceEur: 24.05 },
  { id: 'driving-licence-renewal', agencyId: 'csdd', titleLv: 'Vadītāja apliecības maiņa', titleEn: 'Driving licence renewal', channels: ['eservice', 'in_person', 'other'], priceEur: 22.09 },
  { id: 'company-registration', agencyId: 'ur', titleLv: 'Komersanta reģistrācija', titleEn: 'Registration of a company', channels: ['eservice', 'in_person', 'post', 'other'], priceEur: 45 },
  { id: 'trade-permit', agencyId: 'riga', titleLv: 'Tirdzniecības atļauja', titleEn: 'Trade permit', channels: ALL, priceEur: 10 },
  { id: 'kindergarten-enrolment', agencyId: 'riga', titleLv: 'Pieteikšana pirmsskolas izglītības iestādē', titleEn: 'Kindergarten enrolment', channels: ALL, priceEur: null },
  { id: 'jelgava-trade-permit', agencyId: 'jelgava', titleLv: 'Tirdzniecības atļauja Jelgavā', titleEn: 'Trade permit in Jelgava', channels: ALL, priceEur: 10 },
];
