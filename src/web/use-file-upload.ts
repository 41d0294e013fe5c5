/**
 * The state of a one-file import form: the chosen file, whether it is missing, busy, the result or
 * the API's rejection. `submit(url)` posts the file as multipart field `file`.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from './api.ts';
import { api, asApiError } from './api.ts';
import type { Text } from './i18n.ts';

export function useFileUpload<T>(unexpected: Text) {
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  /** Upload; resolves true when the server accepted the file. */
  const submit = async (url: string): Promise<boolean> => {
    setResult(null);
    setError(null);
    if (!file) {
      setMissing(true);
      return false;
    }
    setMissing(false);
    const body = new FormData();
    body.append('file', file, file.name);
    setBusy(true);
    try {
      setResult(await api.post<T>(url, body));
      return true;
    } catch (err) {
      setError(asApiError(err, unexpected));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { file, setFile, missing, busy, result, error, submit };
}
