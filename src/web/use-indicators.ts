/**
 * The plan's indicators for pickers (code, name, unit, target), taken from the city board of the
 * default year: the API has no separate indicator list, and the board row carries everything a
 * picker needs. The evaluation's `target` tells qualitative targets apart.
 */
import type { BoardView } from '../domain/plan/views.ts';
import { withQuery } from './api.ts';
import { useApp } from './app-context.ts';
import type { Resource } from './use-api.ts';
import { useApi } from './use-api.ts';

export function useIndicators(): Resource<BoardView> {
  const { meta } = useApp();
  return useApi<BoardView>(withQuery('/api/board', { year: meta.defaultYear, area: meta.pack.cityCode }));
}
