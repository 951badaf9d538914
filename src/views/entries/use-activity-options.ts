// The catalogue's activities as a form offers them (calls, walks): id, name and theme, by name.
import { useMemo } from 'preact/hooks';
import { useCatalogue } from '../../db/use-catalogue';

export interface ActivityOption {
  id: string;
  name: string;
  themeName: string;
}

export function useActivityOptions(): ActivityOption[] {
  const catalogue = useCatalogue();
  return useMemo(() => {
    if (!catalogue) return [];
    const themeName = new Map(catalogue.themes.map((theme) => [theme.id, theme.name]));
    return catalogue.activities
      .map((activity) => ({
        id: activity.id,
        name: activity.name,
        themeName: themeName.get(activity.themeId) ?? '',
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }, [catalogue]);
}
