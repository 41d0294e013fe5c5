/**
 * The offices that handle one-stop cases: one 政务服务中心 per district (and per functional zone, since
 * residents of a zone apply there too), derived from the pack's areas — no separate office list to
 * keep in step with the districts. Codes are `O-<area code>`. Pure: the areas are passed in.
 */

export interface Office {
  code: string;
  areaCode: string;
  name: string;
  nameEn: string;
}

interface AreaLike {
  code: string;
  name: string;
  nameEn: string;
  kind: string;
}

export function officeCodeFor(areaCode: string): string {
  return `O-${areaCode}`;
}

/** The offices of the areas a resident may live in (every area but the city), in pack order. */
export function officesOf(areas: readonly AreaLike[]): Office[] {
  return areas
    .filter((a) => a.kind !== 'city')
    .map((a) => ({
      code: officeCodeFor(a.code),
      areaCode: a.code,
      name: `${a.name}政务服务中心`,
      nameEn: `${a.nameEn} Government Service Centre`,
    }));
}
