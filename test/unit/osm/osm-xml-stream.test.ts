/** The streaming OSM XML parser: any cut of the text gives the same elements and the same errors. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OsmElement } from '../../../src/domain/osm/osm-xml.ts';
import { MAX_CONSTRUCT_CHARS, OsmXmlParser, readOsmXml } from '../../../src/domain/osm/osm-xml.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

const FIXTURE = readFileSync(
  fileURLToPath(new URL('../../fixtures/osm/small-grid.osm', import.meta.url)),
  'utf8',
);

function parseInChunks(text: string, cuts: number[], options = {}): OsmElement[] {
  const parser = new OsmXmlParser(options);
  const out: OsmElement[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...parser.push(text.slice(at, cut)));
    at = cut;
  }
  out.push(...parser.push(text.slice(at)));
  out.push(...parser.end());
  return out;
}

function errorLine(f: () => unknown): number | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FuwuError);
    return (e as FuwuError).problems[0]?.row;
  }
  return undefined;
}

const cutsOf = (text: string) => fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 40 });

describe('OsmXmlParser in chunks', () => {
  const whole = readOsmXml(FIXTURE);

  it('gives the same nodes and ways however the text is cut (property)', () => {
    fc.assert(
      fc.property(cutsOf(FIXTURE), (cuts) => {
        const els = parseInChunks(FIXTURE, cuts);
        expect(els.filter((e) => e.type === 'node')).toEqual(whole.nodes);
        expect(els.filter((e) => e.type === 'way')).toEqual(whole.ways);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same elements one character at a time, with a byte-order mark', () => {
    const els = parseInChunks(`\ufeff${FIXTURE}`, [...Array(FIXTURE.length).keys()]);
    expect(els).toHaveLength(whole.nodes.length + whole.ways.length);
  });

  it('emits only the kinds asked for', () => {
    expect(parseInChunks(FIXTURE, [100, 2000], { nodes: false }).every((e) => e.type === 'way')).toBe(true);
    expect(parseInChunks(FIXTURE, [100, 2000], { ways: false })).toEqual(whole.nodes);
  });

  it.each([
    '<osm>\n<node id="1" lat="0" lon="0">\n</osm>',
    '<osm>\n<way id="1">\n',
    '<osm>\n\n<node id=1 lat="0" lon="0"/>\n</osm>',
    '<osm>\n<node id="1" lat="0" lon="0">\n<tag k="a" v="&nbsp;"/></node>\n</osm>',
    '<osm>\n<!-- oops\n</osm>',
    '<osm>\n<node id="1 lat="0" lon="0"/>\n</osm>',
    '<?xml version="1.0"?>\n',
    '<osm>\n<node id="1" lat="0" lon="0"/>\n\n</way></osm>',
  ])('names the same line for a malformed document however it is cut: %j', (text) => {
    const line = errorLine(() => readOsmXml(text));
    expect(line).toBeGreaterThan(0);
    fc.assert(
      fc.property(cutsOf(text), (cuts) => {
        expect(errorLine(() => parseInChunks(text, cuts))).toBe(line);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a tag or comment that never ends instead of buffering the whole file', () => {
    const parser = new OsmXmlParser();
    parser.push('<osm>\n<!-- ');
    expect(() => parser.push('x'.repeat(MAX_CONSTRUCT_CHARS + 10))).toThrow(/more than/);
  });
});
