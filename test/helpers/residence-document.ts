// The residence declaration's document for a tenant (the form requires it for a tenant or another basis), filled in
// the browser as a person does: the kind chosen by its name, the number and the date typed day first.
import type { Page } from 'playwright-core';
import { dayFromToday, dotted } from './dates';

export const LEASE_NUMBER = 'ĪL-2026/118';

export async function stateLeaseAgreement(page: Page, lang: 'lv' | 'en' = 'lv', number = LEASE_NUMBER): Promise<void> {
  await page.locator('#root_residenceDocument_kind').selectOption({ label: lang === 'lv' ? 'Īres līgums' : 'Lease agreement' });
  await page.locator('#root_residenceDocument_number').fill(number);
  await page.locator('#root_residenceDocument_date').fill(dotted(dayFromToday(-30)));
}
