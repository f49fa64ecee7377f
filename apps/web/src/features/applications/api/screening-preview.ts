import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

type Form = Record<string, string | number | boolean>;

/**
 * What screening would say of this form before it is submitted: `POST /calculator` with the form
 * as a what-if for the program (unmet conditions, missing facts, the exclusivity group's choice).
 */
export function useScreeningPreview(
  enterpriseId: string | undefined,
  programCode: string | undefined,
  fiscalYear: number | undefined,
  form: Form | undefined,
) {
  return useQuery({
    queryKey: ['calculator', enterpriseId, programCode, fiscalYear, form],
    queryFn: async () => {
      const view = await unwrap(
        api.POST('/calculator', {
          body: {
            enterpriseId: enterpriseId ?? '',
            fiscalYear,
            forms: { [programCode ?? '']: form ?? {} },
          },
        }),
      );
      return view.results.find((r) => r.programCode === programCode) ?? null;
    },
    enabled: !!enterpriseId && !!programCode && !!form,
  });
}
