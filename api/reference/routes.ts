// Public reference data: agencies, services (the minimal list until the catalogue issue), offices.
import { route } from '../platform/routing';

export const referenceRoutes = [
  route({
    method: 'get',
    path: '/api/v1/agencies',
    tag: 'Reference data',
    summary: 'Agencies and their sectors',
    auth: 'public',
    responses: { 200: { description: 'Agencies', schema: 'get-agencies-response' } },
    async handler(ctx) {
      const { rows } = await ctx.deps.db.pool.query(
        `SELECT a.id, a.registration_number, a.kind, a.sector_id, a.municipality_code, a.name_lv, a.name_en, s.ministry_code
           FROM agencies a JOIN sectors s ON s.id = a.sector_id ORDER BY a.id`,
      );
      return {
        body: {
          items: rows.map((r) => ({
            id: r.id,
            registrationNumber: r.registration_number,
            kind: r.kind,
            sectorId: r.sector_id,
            ministryCode: r.ministry_code,
            municipalityCode: r.municipality_code,
            name: { lv: r.name_lv, en: r.name_en },
          })),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/services',
    tag: 'Reference data',
    summary: 'Services with their channels',
    auth: 'public',
    responses: { 200: { description: 'Services', schema: 'get-services-response' } },
    async handler(ctx) {
      const { rows } = await ctx.deps.db.pool.query(
        'SELECT id, agency_id, title_lv, title_en, channels, price_eur FROM services ORDER BY agency_id, id',
      );
      return {
        body: {
          items: rows.map((r) => ({
            id: r.id,
            agencyId: r.agency_id,
            title: { lv: r.title_lv, en: r.title_en },
            channels: r.channels,
            priceEur: r.price_eur === null ? null : Number(r.price_eur),
          })),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/offices',
    tag: 'Reference data',
    summary: 'Customer centres (VPVKAC) and agency offices',
    auth: 'public',
    responses: { 200: { description: 'Offices', schema: 'get-offices-response' } },
    async handler(ctx) {
      const { rows } = await ctx.deps.db.pool.query('SELECT * FROM offices ORDER BY id');
      return {
        body: {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            agencyId: r.agency_id,
            municipalityCode: r.municipality_code,
            name: { lv: r.name_lv, en: r.name_en },
            address: r.address,
            latitude: r.latitude,
            longitude: r.longitude,
            openingHours: r.opening_hours,
          })),
        },
      };
    },
  }),
];
