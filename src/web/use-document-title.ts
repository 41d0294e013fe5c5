/** Keep the browser tab title in step with the screen (screen readers announce it on navigation). */
import { useEffect } from 'preact/hooks';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 服务 fuwu`;
  }, [title]);
}
