// Demo catalogue: the taxonomy and a published CPSV-AP description of every demo service. Idempotent: a service
// that already has a catalogue entry is left as it is (agencies may have changed it since).
import type { Database } from '../../db/connection';
import { taxonomy } from './catalog-taxonomy';
import { services } from './demo-data';
import { publishVersion } from '../../db/catalog/read-model';
import { inTransaction } from '../../db/transaction';
import type { ChannelDescription, ServiceDescription, Text } from '../../db/catalog/description';

const t = (lv: string, en: string): Text => ({ lv, en });
const AGENCY_SECTOR: Record<string, string> = {
  pmlp: 'interior',
  vid: 'finance',
  vzd: 'justice',
  csdd: 'transport',
  ur: 'justice',
  riga: 'smart-administration',
  jelgava: 'smart-administration',
};
const AGENCY_OFFICES: Record<string, string[]> = {
  pmlp: ['pmlp-riga-1', 'vpvkac-riga', 'vpvkac-jelgava', 'vpvkac-valmiera'],
  vid: ['vid-riga', 'vpvkac-riga'],
  csdd: ['csdd-riga'],
  riga: ['vpvkac-riga'],
  jelgava: ['vpvkac-jelgava'],
};
// E-services not (yet) run by the platform live on the agency's own portal.
const AGENCY_ESERVICES: Record<string, string> = {
  vid: 'https://eds.vid.gov.lv/',
  vzd: 'https://www.kadastrs.lv/',
  csdd: 'https://e.csdd.lv/',
  ur: 'https://www.ur.gov.lv/',
  riga: 'https://eriga.lv/',
  jelgava: 'https://www.jelgava.lv/',
};
const PHONES: Record<string, string> = {
  pmlp: '+371 67209400',
  vid: '+371 67120000',
  vzd: '+371 67038626',
  csdd: '+371 67025777',
  ur: '+371 67031703',
  riga: '+371 80000800',
  jelgava: '+371 63005555',
};

interface Extra {
  description: Text;
  thematicAreas: string[];
  lifeEvents?: string[];
  businessEvents?: string[];
  keywords: { lv: string[]; en: string[] };
  requirements?: ServiceDescription['requirements'];
  evidence?: ServiceDescription['evidence'];
  outputs: ServiceDescription['outputs'];
  legalBasis: ServiceDescription['legalBasis'];
  related?: string[];
  processingTime: string;
  eservice?: string;
  municipalities?: string[];
}

const ID_CARD = {
  id: 'identity-document',
  name: t('Personu apliecinošs dokuments', 'Identity document'),
  description: t('Pase vai personas apliecība (eID karte).', 'A passport or an identity card (eID card).'),
};

const extras: Record<string, Extra> = {
  'declared-address-statement': {
    description: t(
      'Izziņa par jūsu deklarēto dzīvesvietu no Fizisko personu reģistra, sagatavota uzreiz.',
      'A statement of your declared place of residence from the Register of Natural Persons, issued at once.',
    ),
    thematicAreas: ['residence-and-migration'],
    lifeEvents: ['moving-house'],
    keywords: { lv: ['izziņa', 'deklarētā adrese', 'dzīvesvieta'], en: ['statement', 'declared address', 'residence'] },
    outputs: [{ id: 'statement', name: t('Izziņa par deklarēto dzīvesvietu', 'Statement of declared address') }],
    legalBasis: [
      {
        id: 'dzivesvietas-deklaresanas-likums',
        title: t('Dzīvesvietas deklarēšanas likums', 'Law on the Declaration of the Place of Residence'),
        url: 'https://likumi.lv/ta/id/317193',
      },
    ],
    related: ['residence-declaration'],
    processingTime: 'PT1M',
    eservice: '/services?start=declared-address-statement',
  },
  'residence-declaration': {
    description: t(
      'Deklarējiet savu dzīvesvietu, ja esat pārcēlies uz jaunu adresi Latvijā. Adresi pārbauda Valsts adrešu reģistrā.',
      'Declare your place of residence when you have moved to a new address in Latvia. The address is checked against the State Address Register.',
    ),
    thematicAreas: ['residence-and-migration'],
    lifeEvents: ['moving-house', 'becoming-an-adult'],
    keywords: { lv: ['deklarēšana', 'pārcelšanās', 'adrese'], en: ['declaration', 'moving', 'address'] },
    requirements: [
      {
        id: 'right-to-use',
        name: t('Tiesības izmantot mājokli', 'Right to use the dwelling'),
        description: t('Jums jābūt tiesībām dzīvot norādītajā adresē.', 'You must have the right to live at the address.'),
      },
    ],
    evidence: [
      ID_CARD,
      {
        id: 'owner-consent',
        name: t('Īpašnieka piekrišana', 'Consent of the owner'),
        description: t('Ja mājoklis nav jūsu īpašums.', 'If you do not own the dwelling.'),
      },
    ],
    outputs: [{ id: 'decision', name: t('Lēmums par dzīvesvietas deklarēšanu', 'Decision on the declaration of residence') }],
    legalBasis: [
      {
        id: 'dzivesvietas-deklaresanas-likums',
        title: t('Dzīvesvietas deklarēšanas likums', 'Law on the Declaration of the Place of Residence'),
        url: 'https://likumi.lv/ta/id/317193',
      },
    ],
    related: ['declared-address-statement'],
    processingTime: 'P3D',
    eservice: '/services?start=residence-declaration',
  },
  'passport-issue': {
    description: t(
      'Pases izsniegšana Latvijas pilsonim vai nepilsonim. Pieteikties jāierodas klātienē, lai nodotu biometriskos datus.',
      'Issuing a passport to a Latvian citizen or non-citizen. Apply in person to give your biometric data.',
    ),
    thematicAreas: ['identity-documents'],
    lifeEvents: ['travelling-abroad', 'becoming-an-adult'],
    keywords: { lv: ['pase', 'ceļošana', 'personu apliecinošs dokuments'], en: ['passport', 'travel', 'identity document'] },
    evidence: [ID_CARD, { id: 'photo', name: t('Fotoattēls', 'Photograph'), description: t('Uzņem nodaļā.', 'Taken at the office.') }],
    outputs: [{ id: 'passport', name: t('Pase', 'Passport') }],
    legalBasis: [
      {
        id: 'personu-apliecinoso-dokumentu-likums',
        title: t('Personu apliecinošo dokumentu likums', 'Personal Identification Documents Law'),
        url: 'https://likumi.lv/ta/id/243484',
      },
    ],
    processingTime: 'P10D',
  },
  'trade-permit': {
    description: t(
      'Atļauja tirgoties publiskās vietās Rīgā: ielu tirdzniecība, gadatirgi un sezonas tirdzniecība.',
      'A permit to sell goods in public places in Riga: street trade, fairs and seasonal trade.',
    ),
    thematicAreas: ['business-and-trade'],
    businessEvents: ['selling-goods-in-public', 'doing-business'],
    keywords: { lv: ['tirdzniecība', 'atļauja', 'ielu tirdzniecība'], en: ['trade', 'permit', 'street trade'] },
    requirements: [
      {
        id: 'registered-trader',
        name: t('Reģistrēts tirgotājs', 'Registered trader'),
        description: t('Komersants vai saimnieciskās darbības veicējs.', 'A company or a self-employed person.'),
      },
    ],
    evidence: [{ id: 'site-plan', name: t('Tirdzniecības vietas plāns', 'Plan of the trading site') }],
    outputs: [{ id: 'permit', name: t('Tirdzniecības atļauja', 'Trade permit') }],
    legalBasis: [
      {
        id: 'mk-noteikumi-440',
        title: t('MK noteikumi Nr. 440 par tirdzniecību publiskās vietās', 'Cabinet Regulation No. 440 on trade in public places'),
        url: 'https://likumi.lv/ta/id/267447',
      },
    ],
    processingTime: 'P10D',
    municipalities: ['0001000'],
    related: ['jelgava-trade-permit'],
  },
  'kindergarten-enrolment': {
    description: t(
      'Pieteikt bērnu rindā uz vietu pašvaldības pirmsskolas izglītības iestādē Rīgā.',
      'Put a child on the waiting list for a place in a municipal kindergarten in Riga.',
    ),
    thematicAreas: ['education', 'family'],
    lifeEvents: ['having-a-child', 'starting-school'],
    keywords: { lv: ['bērnudārzs', 'pirmsskola', 'rinda'], en: ['kindergarten', 'pre-school', 'waiting list'] },
    requirements: [{ id: 'declared-in-riga', name: t('Deklarēta dzīvesvieta Rīgā', 'Residence declared in Riga') }],
    evidence: [{ id: 'birth-certificate', name: t('Bērna dzimšanas apliecība', 'Birth certificate of the child') }],
    outputs: [{ id: 'queue-place', name: t('Vieta rindā', 'Place on the waiting list') }],
    legalBasis: [{ id: 'izglitibas-likums', title: t('Izglītības likums', 'Education Law'), url: 'https://likumi.lv/ta/id/50759' }],
    processingTime: 'P5D',
    municipalities: ['0001000'],
  },
};

// The descriptions of the other demo services, shorter: enough text for the search to be judged on (test/api/catalog/search-judgements.json).
const law = (id: string, lv: string, en: string, url: string) => [{ id, title: t(lv, en), url }];
const brief = (
  description: Text,
  areas: { thematicAreas: string[]; lifeEvents?: string[]; businessEvents?: string[]; municipalities?: string[] },
  keywords: { lv: string[]; en: string[] },
  output: Text,
  legalBasis: ServiceDescription['legalBasis'],
  processingTime = 'P10D',
): Extra => ({ description, ...areas, keywords, outputs: [{ id: 'result', name: output }], legalBasis, processingTime });

Object.assign(extras, {
  'income-tax-return': brief(
    t(
      'Iesniedziet gada ienākumu deklarāciju par iepriekšējo gadu un atgūstiet pārmaksāto iedzīvotāju ienākuma nodokli par ārstniecību un izglītību.',
      'File the annual income tax return for the previous year and get back overpaid personal income tax for medical and education expenses.',
    ),
    { thematicAreas: ['taxes'], lifeEvents: ['earning-income'], businessEvents: ['paying-taxes'] },
    { lv: ['IIN', 'nodokļu atmaksa', 'attaisnotie izdevumi'], en: ['income tax', 'tax refund', 'eligible expenses'] },
    t('Pieņemta deklarācija', 'Accepted tax return'),
    law('likums-par-iin', 'Likums "Par iedzīvotāju ienākuma nodokli"', 'Law on Personal Income Tax', 'https://likumi.lv/ta/id/56880'),
  ),
  'tax-consultation': brief(
    t(
      'Konsultācija par nodokļu maksāšanu, deklarācijām un nodokļu atvieglojumiem.',
      'Advice on paying taxes, tax returns and tax reliefs.',
    ),
    { thematicAreas: ['taxes'], businessEvents: ['paying-taxes'] },
    { lv: ['nodokļi', 'padoms'], en: ['taxes', 'advice'] },
    t('Atbilde uz jautājumu', 'Answer to the question'),
    [],
    'P5D',
  ),
  'cadastre-statement': brief(
    t(
      'Izziņa no Nekustamā īpašuma valsts kadastra informācijas sistēmas par zemes vienību, būvi vai telpu grupu.',
      'A statement from the State Real Estate Cadastre about a land unit, a building or a group of premises.',
    ),
    { thematicAreas: ['property-and-land'], lifeEvents: ['buying-property'] },
    { lv: ['kadastrs', 'zeme', 'nekustamais īpašums'], en: ['cadastre', 'land', 'real estate'] },
    t('Kadastra izziņa', 'Cadastre statement'),
    law('kadastra-likums', 'Nekustamā īpašuma valsts kadastra likums', 'Real Estate Cadastre Law', 'https://likumi.lv/ta/id/140911'),
    'P5D',
  ),
  'cadastral-survey': brief(
    t(
      'Zemes vienības vai būves kadastrālā uzmērīšana un datu reģistrēšana kadastrā, piemēram, pēc būvniecības.',
      'Cadastral survey of a land unit or a building and registering the data in the cadastre, for example after construction.',
    ),
    { thematicAreas: ['property-and-land'], lifeEvents: ['buying-property'] },
    { lv: ['uzmērīšana', 'kadastrs', 'zemes robežas'], en: ['survey', 'cadastre', 'land boundaries'] },
    t('Kadastrālās uzmērīšanas lieta', 'Cadastral survey file'),
    law('kadastra-likums', 'Nekustamā īpašuma valsts kadastra likums', 'Real Estate Cadastre Law', 'https://likumi.lv/ta/id/140911'),
    'P30D',
  ),
  'vehicle-registration': brief(
    t(
      'Reģistrējiet nopirktu vai ievestu automašīnu, motociklu vai piekabi un saņemiet numura zīmes un reģistrācijas apliecību.',
      'Register a car, motorcycle or trailer you bought or imported and get its number plates and registration certificate.',
    ),
    { thematicAreas: ['transport'], lifeEvents: ['buying-a-vehicle'] },
    { lv: ['auto', 'numura zīmes', 'īpašnieka maiņa'], en: ['car', 'number plates', 'change of owner'] },
    t('Transportlīdzekļa reģistrācijas apliecība', 'Vehicle registration certificate'),
    law('celu-satiksmes-likums', 'Ceļu satiksmes likums', 'Road Traffic Law', 'https://likumi.lv/ta/id/45467'),
    'P1D',
  ),
  'driving-licence-renewal': brief(
    t(
      'Vadītāja apliecības maiņa, kad beidzas tās derīguma termiņš, mainīts vārds vai uzvārds vai apliecība ir bojāta vai nozaudēta.',
      'Renew your driving licence when it expires, your name has changed, or it is damaged or lost.',
    ),
    { thematicAreas: ['transport'], lifeEvents: ['driving'] },
    { lv: ['vadītāja apliecība', 'tiesības', 'derīguma termiņš'], en: ['driving licence', 'expiry', 'replacement'] },
    t('Vadītāja apliecība', 'Driving licence'),
    law('celu-satiksmes-likums', 'Ceļu satiksmes likums', 'Road Traffic Law', 'https://likumi.lv/ta/id/45467'),
    'P5D',
  ),
  'driving-test': brief(
    t(
      'Pieteikšanās teorijas un braukšanas eksāmenam, lai pirmo reizi iegūtu transportlīdzekļa vadītāja kvalifikāciju.',
      'Book the theory and practical exams to qualify as a driver for the first time.',
    ),
    { thematicAreas: ['transport'], lifeEvents: ['driving', 'becoming-an-adult'] },
    { lv: ['eksāmens', 'braukšana', 'teorija'], en: ['exam', 'driving', 'theory test'] },
    t('Vadītāja kvalifikācija', 'Driving qualification'),
    law('celu-satiksmes-likums', 'Ceļu satiksmes likums', 'Road Traffic Law', 'https://likumi.lv/ta/id/45467'),
    'P14D',
  ),
  'vehicle-inspection': brief(
    t(
      'Ikgadējā transportlīdzekļa tehniskā stāvokļa pārbaude: bremzes, gaismas, izmeši.',
      'The yearly check of a vehicle’s technical condition: brakes, lights, emissions.',
    ),
    { thematicAreas: ['transport'], lifeEvents: ['driving', 'buying-a-vehicle'] },
    { lv: ['tehniskā apskate', 'auto'], en: ['inspection', 'car'] },
    t('Tehniskās apskates uzlīme', 'Inspection sticker'),
    law('celu-satiksmes-likums', 'Ceļu satiksmes likums', 'Road Traffic Law', 'https://likumi.lv/ta/id/45467'),
    'P1D',
  ),
  'company-registration': brief(
    t(
      'Sabiedrības ar ierobežotu atbildību (SIA), individuālā komersanta vai akciju sabiedrības reģistrācija komercreģistrā.',
      'Registering a limited liability company (SIA), a sole trader or a joint-stock company in the Commercial Register.',
    ),
    { thematicAreas: ['business-and-trade'], businessEvents: ['starting-a-business'] },
    { lv: ['SIA', 'uzņēmuma dibināšana', 'komercreģistrs'], en: ['limited company', 'starting a business', 'commercial register'] },
    t('Reģistrācijas apliecība', 'Registration certificate'),
    law('komerclikums', 'Komerclikums', 'Commercial Law', 'https://likumi.lv/ta/id/5490'),
    'P3D',
  ),
  'company-liquidation': brief(
    t(
      'Komersanta darbības izbeigšana: likvidācijas uzsākšana, likvidatora iecelšana un izslēgšana no komercreģistra.',
      'Closing a company: starting the liquidation, appointing a liquidator and removal from the Commercial Register.',
    ),
    { thematicAreas: ['business-and-trade'], businessEvents: ['closing-a-business'] },
    { lv: ['likvidācija', 'slēgšana'], en: ['liquidation', 'closing'] },
    t('Ieraksts komercreģistrā', 'Entry in the Commercial Register'),
    law('komerclikums', 'Komerclikums', 'Commercial Law', 'https://likumi.lv/ta/id/5490'),
  ),
  'self-employed-registration': brief(
    t(
      'Reģistrējieties kā saimnieciskās darbības veicējs, lai strādātu patstāvīgi, piemēram, kā frizieris vai tulkotājs.',
      'Register as a self-employed person to work on your own account, for example as a hairdresser or a translator.',
    ),
    { thematicAreas: ['business-and-trade', 'taxes'], businessEvents: ['starting-a-business'], lifeEvents: ['earning-income'] },
    { lv: ['pašnodarbinātais', 'individuālā darbība'], en: ['sole proprietor', 'freelancer'] },
    t('Reģistrācija nodokļu maksātāju reģistrā', 'Entry in the register of taxpayers'),
    law('likums-par-iin', 'Likums "Par iedzīvotāju ienākuma nodokli"', 'Law on Personal Income Tax', 'https://likumi.lv/ta/id/56880'),
    'P3D',
  ),
  'vat-registration': brief(
    t(
      'Pievienotās vērtības nodokļa maksātāja reģistrācija, kad apgrozījums pārsniedz slieksni vai darbojaties ES tirgū.',
      'Registering for value added tax when your turnover passes the threshold or you trade in the EU market.',
    ),
    { thematicAreas: ['taxes', 'business-and-trade'], businessEvents: ['paying-taxes', 'doing-business'] },
    { lv: ['pievienotās vērtības nodoklis'], en: ['value added tax'] },
    t('PVN numurs', 'VAT number'),
    law('pvn-likums', 'Pievienotās vērtības nodokļa likums', 'Value Added Tax Law', 'https://likumi.lv/ta/id/253451'),
    'P5D',
  ),
  'identity-card-issue': brief(
    t(
      'Personas apliecības (eID kartes) izsniegšana. Ar eID karti var apliecināt identitāti, parakstīties un ceļot ES.',
      'Issuing an identity card (eID card). It proves your identity, signs electronically and is a travel document in the EU.',
    ),
    { thematicAreas: ['identity-documents'], lifeEvents: ['becoming-an-adult', 'travelling-abroad'] },
    { lv: ['eID', 'personu apliecinošs dokuments'], en: ['eID', 'identity document'] },
    t('Personas apliecība', 'Identity card'),
    law(
      'personu-apliecinoso-dokumentu-likums',
      'Personu apliecinošo dokumentu likums',
      'Personal Identification Documents Law',
      'https://likumi.lv/ta/id/243484',
    ),
  ),
  'residence-permit': brief(
    t(
      'Termiņuzturēšanās vai pastāvīgās uzturēšanās atļaujas pieprasīšana ārzemniekam, kas vēlas dzīvot Latvijā.',
      'Applying for a temporary or permanent residence permit for a foreigner who wants to live in Latvia.',
    ),
    { thematicAreas: ['residence-and-migration'], lifeEvents: ['moving-house'] },
    { lv: ['ārzemnieks', 'imigrācija', 'vīza'], en: ['foreigner', 'immigration', 'visa'] },
    t('Uzturēšanās atļauja', 'Residence permit'),
    law('imigracijas-likums', 'Imigrācijas likums', 'Immigration Law', 'https://likumi.lv/ta/id/68522'),
    'P30D',
  ),
  'public-event-permit': brief(
    t(
      'Atļauja rīkot publisku izklaides vai svētku pasākumu Rīgā: koncertu, festivālu, sporta sacensības.',
      'A permit to hold a public entertainment or festive event in Riga: a concert, a festival, a sports competition.',
    ),
    { thematicAreas: ['business-and-trade'], businessEvents: ['doing-business'], municipalities: ['0001000'] },
    { lv: ['pasākums', 'koncerts', 'festivāls'], en: ['event', 'concert', 'festival'] },
    t('Pasākuma atļauja', 'Event permit'),
    law(
      'pasakumu-drosibas-likums',
      'Publisku izklaides un svētku pasākumu drošības likums',
      'Public Entertainment and Festivity Events Safety Law',
      'https://likumi.lv/ta/id/58053',
    ),
  ),
  'birth-registration': brief(
    t(
      'Bērna dzimšanas reģistrācija dzimtsarakstu nodaļā un dzimšanas apliecības izsniegšana.',
      'Registering a child’s birth at the registry office and issuing the birth certificate.',
    ),
    { thematicAreas: ['family'], lifeEvents: ['having-a-child'], municipalities: ['0001000'] },
    { lv: ['dzimtsarakstu nodaļa', 'jaundzimušais'], en: ['registry office', 'newborn'] },
    t('Dzimšanas apliecība', 'Birth certificate'),
    law(
      'civilstavokla-aktu-likums',
      'Civilstāvokļa aktu reģistrācijas likums',
      'Civil Status Documents Law',
      'https://likumi.lv/ta/id/253442',
    ),
    'P1D',
  ),
  'marriage-registration': brief(
    t(
      'Laulības noslēgšana un reģistrācija dzimtsarakstu nodaļā: iesniegums, ceremonijas laiks, laulības apliecība.',
      'Getting married at the registry office: the application, the time of the ceremony, the marriage certificate.',
    ),
    { thematicAreas: ['family'], municipalities: ['0001000'] },
    { lv: ['kāzas', 'dzimtsarakstu nodaļa'], en: ['wedding', 'registry office'] },
    t('Laulības apliecība', 'Marriage certificate'),
    law(
      'civilstavokla-aktu-likums',
      'Civilstāvokļa aktu reģistrācijas likums',
      'Civil Status Documents Law',
      'https://likumi.lv/ta/id/253442',
    ),
    'P30D',
  ),
  'building-permit': brief(
    t(
      'Būvatļauja jaunas ēkas būvniecībai vai pārbūvei Rīgā, iesniedzot būvniecības ieceri Būvniecības informācijas sistēmā.',
      'A building permit for a new building or a reconstruction in Riga, applied for through the Construction Information System.',
    ),
    { thematicAreas: ['property-and-land'], lifeEvents: ['buying-property'], municipalities: ['0001000'] },
    { lv: ['būvniecība', 'būvniecības iecere', 'BIS'], en: ['construction', 'building', 'BIS'] },
    t('Būvatļauja', 'Building permit'),
    law('buvniecibas-likums', 'Būvniecības likums', 'Construction Law', 'https://likumi.lv/ta/id/258572'),
    'P30D',
  ),
} satisfies Record<string, Extra>);

function generic(s: (typeof services)[number]): Extra {
  return {
    description: t(`${s.titleLv}: pakalpojuma apraksts.`, `${s.titleEn}: description of the service.`),
    thematicAreas:
      s.agencyId === 'vid'
        ? ['taxes']
        : s.agencyId === 'csdd'
          ? ['transport']
          : s.agencyId === 'vzd'
            ? ['property-and-land']
            : ['business-and-trade'],
    lifeEvents:
      s.agencyId === 'vid'
        ? ['earning-income']
        : s.agencyId === 'csdd'
          ? ['buying-a-vehicle', 'driving']
          : s.agencyId === 'vzd'
            ? ['buying-property']
            : [],
    businessEvents:
      s.agencyId === 'ur'
        ? ['starting-a-business']
        : s.agencyId === 'vid'
          ? ['paying-taxes']
          : s.agencyId === 'jelgava'
            ? ['selling-goods-in-public']
            : [],
    keywords: { lv: [s.titleLv.toLowerCase()], en: [s.titleEn.toLowerCase()] },
    outputs: [{ id: 'result', name: t(s.titleLv, s.titleEn) }],
    legalBasis: [],
    processingTime: 'P5D',
    ...(s.agencyId === 'jelgava' ? { municipalities: ['0054000'] } : {}),
  };
}

function describe(s: (typeof services)[number]): ServiceDescription {
  const x = extras[s.id] ?? generic(s);
  const evidence = x.evidence ?? [];
  const cost = s.priceEur ? { cost: { amountEur: s.priceEur, description: t('Valsts nodeva', 'State fee') } } : {};
  const offices = AGENCY_OFFICES[s.agencyId];
  const channels: ChannelDescription[] = [];
  const steps = (lv: string, en: string) => [t(lv, en)];
  for (const type of s.channels) {
    const base = { evidence: evidence.map((e) => e.id), processingTime: x.processingTime, ...cost };
    if (type === 'eservice')
      channels.push({
        type,
        ...base,
        steps: steps('Pierakstieties portālā un aizpildiet e-pakalpojumu.', 'Sign in to the portal and fill in the e-service.'),
        eserviceUrl: x.eservice ?? AGENCY_ESERVICES[s.agencyId] ?? 'https://latvija.gov.lv/',
      });
    if (type === 'in_person' && offices)
      channels.push({
        type,
        ...base,
        steps: steps('Ierodieties klientu apkalpošanas centrā ar dokumentiem.', 'Come to a customer service centre with your documents.'),
        offices,
      });
    if (type === 'phone')
      channels.push({
        type,
        ...base,
        evidence: [],
        steps: steps('Zvaniet konsultācijai darba laikā.', 'Call for advice in working hours.'),
        phone: PHONES[s.agencyId] ?? '+371 80001234',
        hours: t('Darba dienās 8.30–17.00', 'Working days 8:30–17:00'),
      });
    if (type === 'email')
      channels.push({
        type,
        ...base,
        steps: steps(
          'Nosūtiet iesniegumu, parakstītu ar drošu elektronisko parakstu.',
          'Send the application signed with a qualified electronic signature.',
        ),
        email: `pasts@${s.agencyId}.gov.lv`,
      });
    if (type === 'post')
      channels.push({
        type,
        ...base,
        steps: steps('Nosūtiet parakstītu iesniegumu pa pastu.', 'Send the signed application by post.'),
        postalAddress: 'Smilšu iela 1, Rīga, LV-1050',
      });
  }
  return {
    id: s.id,
    title: t(s.titleLv, s.titleEn),
    description: x.description,
    sector: AGENCY_SECTOR[s.agencyId] ?? 'smart-administration',
    thematicAreas: x.thematicAreas,
    lifeEvents: x.lifeEvents ?? [],
    businessEvents: x.businessEvents ?? [],
    keywords: x.keywords,
    requirements: x.requirements ?? [],
    evidence,
    outputs: x.outputs,
    legalBasis: x.legalBasis,
    relatedServices: x.related ?? [],
    municipalities: x.municipalities ?? [],
    channels,
  };
}

export async function seedTaxonomy(db: Database): Promise<void> {
  for (const [scheme, concepts] of Object.entries(taxonomy)) {
    for (const [code, lv, en] of concepts) {
      await db.pool.query(
        `INSERT INTO taxonomy_concepts (scheme, code, label_lv, label_en) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scheme, code) DO UPDATE SET label_lv = EXCLUDED.label_lv, label_en = EXCLUDED.label_en`,
        [scheme, code, lv, en],
      );
    }
  }
}

/** The demo descriptions as published version 1 (review in a year), written as the catalogue administrator. */
export async function seedCatalog(db: Database): Promise<void> {
  await seedTaxonomy(db);
  for (const s of services) {
    await inTransaction(db.pool, async (client) => {
      const created = await client.query(
        `INSERT INTO catalog_services (service_id, agency_id, latest_version, review_by) VALUES ($1, $2, 1, current_date + 365)
         ON CONFLICT (service_id) DO NOTHING RETURNING service_id`,
        [s.id, s.agencyId],
      );
      if (created.rows[0]) {
        await client.query(
          `INSERT INTO catalog_service_versions (service_id, version, document, stage, author_id, author_name) VALUES ($1, 1, $2, 'catalogue_review', 'catalogue-admin', 'Demo data')`,
          [s.id, JSON.stringify(describe(s))],
        );
        await client.query(
          `INSERT INTO catalog_review_events (service_id, version, action, actor_id, actor_name) VALUES ($1, 1, 'created', 'catalogue-admin', 'Demo data')`,
          [s.id],
        );
        await publishVersion(client, s.id, 1);
      }
    });
  }
}

export { describe as demoDescription };
