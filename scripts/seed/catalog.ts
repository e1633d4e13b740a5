// Demo catalogue: the taxonomy and a published CPSV-AP description of every demo service. Idempotent: a service
// that already has a catalogue entry is left as it is (agencies may have changed it since).
import type { Database } from '../../db/connection';
import { taxonomy } from './catalog-taxonomy';
import { moreDescriptions, t, type Extra } from './catalog-descriptions';
import { services } from './demo-data';
import { publishVersion } from '../../db/catalog/read-model';
import { inTransaction } from '../../db/transaction';
import type { ChannelDescription, ServiceDescription } from '../../db/catalog/description';

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

const ID_CARD = {
  id: 'identity-document',
  name: t('Personu apliecinošs dokuments', 'Identity document'),
  description: t('Pase vai personas apliecība (eID karte).', 'A passport or an identity card (eID card).'),
};

const extras: Record<string, Extra> = {
  ...moreDescriptions,
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
