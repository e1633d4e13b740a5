// CPSV-AP 3.2 JSON-LD of the catalogue, checked with a SHACL validator against the SEMIC shapes.
import { expect } from 'chai';
import { stack } from '../../setup';
import { validateCpsvAp, toStore, objectsOf } from '../../helpers/shacl';
import { services } from '../../../scripts/seed/demo-data';
import { demoDescription } from '../../../scripts/seed/catalog';
import {
  cpsvDocument,
  flattenNodes,
  graphDocument,
  idBaseFromEnv,
  publicServiceNode,
  toXsdDuration,
  type LinkOptions,
} from '../../../api/catalog/jsonld';
import { loadLinkedDataRefs, type LinkedDataRefs } from '../../../db/catalog/reference-data';
import { loadPublished, type PublishedService } from '../../../db/catalog/published';
import type { ServiceDescription } from '../../../db/catalog/description';

const LINKS: LinkOptions = { idBase: 'https://sdp.gov.lv/id/', portalOrigin: 'https://latvija.gov.lv' };
const DCT = 'http://purl.org/dc/terms/';

function asPublished(document: ServiceDescription, agencyId: string): PublishedService {
  return { serviceId: document.id, agencyId, version: 1, document, publishedAt: new Date('2025-01-15T10:00:00Z'), etag: '"test"' };
}

describe('api/catalog/jsonld', () => {
  let refs: LinkedDataRefs;
  before(async () => {
    refs = await loadLinkedDataRefs(stack.db.pool);
  });

  const seeded = () => services.map((s) => asPublished(demoDescription(s), s.agencyId));
  const documentOf = (p: PublishedService) => cpsvDocument(publicServiceNode(p, refs, LINKS), LINKS.idBase);

  it('maps every seeded service to JSON-LD that conforms to the CPSV-AP 3.2 shapes', async () => {
    expect(services).to.have.length.greaterThan(10);
    for (const p of seeded()) {
      const outcome = await validateCpsvAp(documentOf(p));
      expect(outcome.violations, `${p.serviceId}:\n${outcome.violations.join('\n')}`).to.deep.equal([]);
      expect(outcome.conforms, p.serviceId).to.equal(true);
      expect(outcome.triples, p.serviceId).to.be.greaterThan(50);
    }
  });

  it('maps whatever is published now (seeded and added by other tests) to conforming JSON-LD', async () => {
    const published = await loadPublished(stack.db.pool);
    expect(published).to.not.be.empty;
    for (const p of published) {
      const outcome = await validateCpsvAp(documentOf(p));
      expect(outcome.conforms, `${p.serviceId}:\n${outcome.violations.join('\n')}`).to.equal(true);
    }
  });

  it('reports a broken document as not conforming, naming what is wrong', async () => {
    const trade = seeded().find((p) => p.serviceId === 'trade-permit') as PublishedService;
    const noTitle = documentOf(trade) as Record<string, any>;
    delete noTitle['dct:title'];
    const missingTitle = await validateCpsvAp(noTitle);
    expect(missingTitle.conforms).to.equal(false);
    expect(missingTitle.violations.join('\n')).to.contain(`${DCT}title`).and.contain('MinCountConstraintComponent');

    const untypedAuthority = documentOf(trade) as Record<string, any>;
    delete untypedAuthority['cv:hasCompetentAuthority']['@type'];
    const outcome = await validateCpsvAp(untypedAuthority);
    expect(outcome.conforms).to.equal(false);
    expect(outcome.violations.join('\n'))
      .to.contain('http://data.europa.eu/m8g/hasCompetentAuthority')
      .and.contain('ClassConstraintComponent');
  });

  it('carries the texts, authority, events, channels with costs, offices and the e-service link', async () => {
    const trade = seeded().find((p) => p.serviceId === 'trade-permit') as PublishedService;
    const store = await toStore(documentOf(trade));
    const service = 'https://sdp.gov.lv/id/service/trade-permit';
    const literals = (s: string, p: string) =>
      store.getObjects(s, p, null).map((o) => `${o.value}@${(o as { language?: string }).language ?? ''}`);
    expect(literals(service, `${DCT}title`)).to.have.members(['Tirdzniecības atļauja@lv', 'Trade permit@en']);
    expect(objectsOf(store, service, 'http://data.europa.eu/m8g/hasCompetentAuthority')).to.deep.equal([
      'https://sdp.gov.lv/id/organisation/riga',
    ]);
    expect(objectsOf(store, service, 'http://data.europa.eu/m8g/isGroupedBy')).to.include(
      'https://sdp.gov.lv/id/event/business-event/selling-goods-in-public',
    );
    expect(objectsOf(store, service, `${DCT}relation`)).to.deep.equal(['https://sdp.gov.lv/id/service/jelgava-trade-permit']);
    expect(objectsOf(store, service, 'http://data.europa.eu/m8g/hasChannel')).to.have.length(5);

    const eservice = `${service}/channel/eservice`;
    expect(objectsOf(store, eservice, 'http://xmlns.com/foaf/0.1/page')).to.deep.equal(['https://eriga.lv/']); // the municipality's portal
    expect(objectsOf(store, `${eservice}/cost`, 'http://data.europa.eu/m8g/hasValue').map(Number)).to.deep.equal([10]); // xsd:double, canonically "1.0E1"
    expect(objectsOf(store, `${eservice}/cost`, 'http://data.europa.eu/m8g/ifAccessedThrough')).to.deep.equal([eservice]);

    const office = 'https://sdp.gov.lv/id/office/vpvkac-riga';
    expect(objectsOf(store, `${service}/channel/in_person`, 'http://data.europa.eu/m8g/contactPoint')).to.include(office);
    expect(objectsOf(store, `${office}/opening-hours`, 'http://schema.org/openingHours')).to.deep.equal(['Mo-Fr 08:30-17:00']);
    expect(objectsOf(store, `${office}/location`, 'http://www.w3.org/ns/locn#geometry')).to.deep.equal(['POINT(24.1217 56.9561)']);
  });

  it('writes ISO 8601 weeks as days, which xsd:duration requires', async () => {
    expect(toXsdDuration('P2W')).to.equal('P14D');
    expect(toXsdDuration('P1Y2W3DT4H')).to.equal('P1Y17DT4H');
    expect(toXsdDuration('PT1M')).to.equal('PT1M');
    const statement = seeded()[0];
    const weekly = { ...statement.document, channels: statement.document.channels.map((c) => ({ ...c, processingTime: 'P2W' })) };
    const outcome = await validateCpsvAp(documentOf({ ...statement, document: weekly }));
    expect(outcome.conforms, outcome.violations.join('\n')).to.equal(true);
  });

  it('puts every IRI under the configured base and keeps a flattened catalogue conforming', async () => {
    expect(idBaseFromEnv({})).to.equal('https://sdp.gov.lv/id/');
    expect(idBaseFromEnv({ LINKED_DATA_ID_BASE: 'https://data.example.lv/ld/' })).to.equal('https://data.example.lv/ld/');
    expect(() => idBaseFromEnv({ LINKED_DATA_ID_BASE: 'data.example.lv' })).to.throw(/LINKED_DATA_ID_BASE/);

    const links = { ...LINKS, idBase: 'https://data.example.lv/ld/' };
    const nodes = flattenNodes(seeded().map((p) => publicServiceNode(p, refs, links)));
    const ids = nodes.map((n) => n['@id'] as string);
    expect(new Set(ids).size, 'each node once').to.equal(ids.length);
    expect(ids.filter((id) => id.includes('/organisation/'))).to.have.length(7);
    const outcome = await validateCpsvAp(graphDocument(nodes, links.idBase));
    expect(outcome.conforms, outcome.violations.join('\n')).to.equal(true);
    const graph = await toStore(graphDocument(nodes, links.idBase));
    const subjects = [...new Set(graph.getSubjects(null, null, null).map((s) => s.value))];
    // Outside the base only: EU vocabularies, legal acts, and the web pages of e-services run on agencies' portals.
    const pages = new Set(graph.getObjects(null, 'http://xmlns.com/foaf/0.1/page', null).map((o) => o.value));
    expect(
      subjects.filter(
        (s) =>
          !s.startsWith('https://data.example.lv/ld/') &&
          !s.startsWith('http://publications.europa.eu/') &&
          !s.startsWith('https://likumi.lv/') &&
          !pages.has(s),
      ),
    ).to.deep.equal([]);
  });
});
