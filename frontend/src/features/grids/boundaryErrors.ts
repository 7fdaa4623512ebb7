/** The server's refusals of a boundary, placed on their polygon, ring and position, in words. */
import { ApiError } from '../../api/problem';
import type { Boundary } from '../../api/types';
import { hasMessage, type Translate } from '../../lib/i18n';
import { boundaryPlace, positionAt } from './geo';

export interface BoundaryProblem {
  /** Where, in words: 第 2 块区域 · 外边界 · 第 5 个点 */
  where: string;
  message: string;
  /** The position at fault, [lng, lat], when the error names one. */
  point: [number, number] | null;
}

export function isBoundaryField(field: string): boolean {
  return field === 'boundary' || field.startsWith('boundary.');
}

export function boundaryProblems(error: unknown, boundary: Boundary | null, t: Translate): BoundaryProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors
    .filter((fieldError) => isBoundaryField(fieldError.field))
    .map((fieldError) => {
      const place = boundary ? boundaryPlace(boundary.type, fieldError.field) : null;
      const parts: string[] = [];
      if (place?.polygon !== null && place?.polygon !== undefined) parts.push(t('grid.boundaryPolygon', { n: place.polygon + 1 }));
      if (place?.ring !== null && place?.ring !== undefined) {
        parts.push(place.ring === 0 ? t('grid.boundaryShell') : t('grid.boundaryHole', { n: place.ring }));
      }
      if (place?.position !== null && place?.position !== undefined) parts.push(t('grid.boundaryPosition', { n: place.position + 1 }));
      const key = `grid.boundaryError.${fieldError.code}`;
      const generic = `error.field.${fieldError.code}`;
      return {
        where: parts.length ? parts.join(' · ') : t('grid.boundary'),
        message: hasMessage(key) ? t(key) : hasMessage(generic) ? t(generic) : t('error.field.invalid'),
        point: place && boundary ? positionAt(boundary, place) : null,
      };
    });
}
