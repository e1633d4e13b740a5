import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title for the page: "<page> – <portal>". */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} – ${t('layout.brand')}` : t('layout.brand');
  }, [title, t]);
}
