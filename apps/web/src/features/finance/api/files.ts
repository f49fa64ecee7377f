import { ApiProblem, isProblem } from '../../../lib/api/problem';
import { getToken } from '../../../lib/auth/session';
import { currentLanguage } from '../../../lib/i18n';

function headers(): Record<string, string> {
  const token = getToken();
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': currentLanguage() };
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads a file the API produces (payment files, CSV reports): a bearer-authorised request, the
 * answer saved under the name in its Content-Disposition. An error answer is thrown as an ApiProblem.
 */
export async function downloadFromApi(
  path: string,
  method: 'GET' | 'POST',
  fallbackName: string,
): Promise<void> {
  const response = await fetch(path, { method, headers: headers() });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiProblem(
      isProblem(body) ? body : { type: 'about:blank', title: response.statusText, status: response.status },
    );
  }
  saveBlob(await response.blob(), fileNameOf(response.headers.get('content-disposition')) ?? fallbackName);
}

/**
 * Uploads a bank statement (multipart field `file`) with XMLHttpRequest, so the upload's progress can
 * be shown; resolves with the API's answer (201 report or 202 queued import), rejects with its problem.
 */
export function uploadStatement(
  file: Blob & { name?: string },
  onProgress: (percent: number) => void,
): Promise<{ id: string; status: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/bank-statements');
    for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as { id: string; status: string });
      else
        reject(
          new ApiProblem(
            isProblem(body) ? body : { type: 'about:blank', title: xhr.statusText, status: xhr.status },
          ),
        );
    };
    xhr.onerror = () => reject(new Error('network error'));
    const form = new FormData();
    form.append('file', file, file.name ?? 'statement.csv');
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Rows as CSV text for Excel: UTF-8 with BOM, every field quoted, CRLF line ends. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const quote = (v: string | number | null | undefined) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return `\uFEFF${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

export function saveCsv(
  name: string,
  header: string[],
  rows: (string | number | null | undefined)[][],
): void {
  saveBlob(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), name);
}
