// Public reference data: agencies, services (the minimal list until the catalogue issue), offices.
import { route } from '../platform/routing';
import { listAgencies, listOffices, listServices } from '../../db/reference';

export const referenceRoutes = [
  route({
    method: 'get',
    path: '/api/v1/agencies',
    tag: 'Reference data',
    summary: 'Agencies and their sectors',
    auth: 'public',
    responses: { 200: { description: 'Agencies', schema: 'get-agencies-response' } },
    async handler(ctx) {
      const rows = await listAgencies(ctx.deps.db.pool);
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
      const rows = await listServices(ctx.deps.db.pool);
      return {
        body: {
          items: rows.map((r) => ({
            id: r.id,
            agencyId: r.agencyId,
            title: { lv: r.titleLv, en: r.titleEn },
            channels: r.channels,
            priceEur: r.priceEur === null ? null : Number(r.priceEur),
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
      const rows = await listOffices(ctx.deps.db.pool);
      return {
        body: {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            agencyId: r.agencyId,
            municipalityCode: r.municipalityCode,
            name: { lv: r.nameLv, en: r.nameEn },
            address: r.address,
            latitude: r.latitude,
            longitude: r.longitude,
            openingHours: r.openingHours,
          })),
        },
      };
    },
  }),
];
