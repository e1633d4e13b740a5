// The demo catalogue's descriptions beyond the five written out in catalog.ts, shorter: enough text for the search to
// be judged on (test/api/catalog/search-judgements.json), as an agency would write them.
import type { ServiceDescription, Text } from '../../db/catalog/description';

export const t = (lv: string, en: string): Text => ({ lv, en });

/** What a demo service's description has beyond its register entry (scripts/seed/demo-data.ts). */
export interface Extra {
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

const law = (id: string, lv: string, en: string, url: string) => [{ id, title: t(lv, en), url }];
const brief = (
  description: Text,
  areas: { thematicAreas: string[]; lifeEvents?: string[]; businessEvents?: string[]; municipalities?: string[] },
  keywords: { lv: string[]; en: string[] },
  output: Text,
  legalBasis: ServiceDescription['legalBasis'],
  processingTime = 'P10D',
): Extra => ({ description, ...areas, keywords, outputs: [{ id: 'result', name: output }], legalBasis, processingTime });

export const moreDescriptions: Record<string, Extra> = {
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
};
