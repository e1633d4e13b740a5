// Reference data the catalogue pages label codes with: the taxonomy (concept schemes, agencies, sectors,
// municipalities), the office register, the services list and the platform's e-services. Each is read once per page load and shared.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../app/api/client';
import type { Localized } from '../app/api/types';
import { useLocalized } from '../app/i18n/useLocalized';
import type { Office, Offices, Scheme, ServiceRef, ServiceRefs, Taxonomy } from './types';
import type { EServiceList } from '../applications/types';

export const AGENCY_BASE = '/api/v1/agency/catalog/services';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | null = null;
  return () => {
    cached ??= load().catch((e: unknown) => {
      cached = null;
      throw e;
    });
    return cached;
  };
}

export const loadTaxonomy = once(() => api<Taxonomy>('/api/v1/catalog/taxonomy'));
export const loadOffices = once(() => api<Offices>('/api/v1/offices').then((r) => r.items));
export const loadServices = once(() => api<ServiceRefs>('/api/v1/services').then((r) => r.items));
/** The platform's published e-services: which catalogue entry is each one's own (its serviceId). */
export const loadEServices = once(() => api<EServiceList>('/api/v1/eservice-definitions').then((r) => r.items));

/** Loads once and keeps the value; `failed` when it could not be read. */
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; failed: boolean } {
  const [state, setState] = useState<{ value: T | null; failed: boolean }>({ value: null, failed: false });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => {
        if (live) setState({ value, failed: false });
      },
      () => {
        if (live) setState({ value: null, failed: true });
      },
    );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}

export interface Labeller {
  concept(scheme: Scheme, code: string): string;
  agency(id: string): string;
  sector(id: string): string;
  municipality(code: string): string;
  office(id: string): string;
  service(id: string): string;
}

/** Labels for every code in the current language; a code that is not (yet) known shows as itself. */
export function useLabeller(taxonomy: Taxonomy | null, offices: Office[] | null = null, services: ServiceRef[] | null = null): Labeller {
  const loc = useLocalized();
  const find = useCallback(
    <T>(items: T[] | undefined | null, match: (t: T) => boolean, name: (t: T) => Localized, fallback: string) => {
      const hit = items?.find(match);
      return hit ? loc(name(hit)) : fallback;
    },
    [loc],
  );
  return {
    concept: (scheme, code) =>
      find(
        taxonomy?.schemes[scheme],
        (c) => c.code === code,
        (c) => c.label,
        code,
      ),
    agency: (id) =>
      find(
        taxonomy?.agencies,
        (a) => a.id === id,
        (a) => a.name,
        id,
      ),
    sector: (id) =>
      find(
        taxonomy?.sectors,
        (s) => s.id === id,
        (s) => s.name,
        id,
      ),
    municipality: (code) =>
      find(
        taxonomy?.municipalities,
        (m) => m.code === code,
        (m) => m.name,
        code,
      ),
    office: (id) =>
      find(
        offices,
        (o) => o.id === id,
        (o) => o.name,
        id,
      ),
    service: (id) =>
      find(
        services,
        (s) => s.id === id,
        (s) => s.title,
        id,
      ),
  };
}
