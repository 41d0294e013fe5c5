import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, readOsmXml } from '../../../src/domain/osm/osm-xml.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

function errorOf(text: string): FuwuError {
  try {
    readOsmXml(text);
  } catch (e) {
    expect(e).toBeInstanceOf(FuwuError);
    return e as FuwuError;
  }
  throw new Error('expected a FuwuError');
}

describe('readOsmXml', () => {
  it('reads nodes and ways with attributes in any order, both quotes, self-closing and open/close', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <node id="99"/> inside -->
<osm version="0.6">
  <node lon='104.06' id="1" lat='30.65'/>
  <node id='2' lat="30.651" lon="104.061" >
    <tag v="bench" k='amenity' />
  </node>
  <way id="10"><nd ref="1"/><nd ref='2'/><tag k="highway" v="footway"/></way>
  <way id="11"/>
  <relation id="5"><member type="way" ref="10" role=""/><tag k="highway" v="path"/></relation>
</osm>`;
    const { nodes, ways } = readOsmXml(text);
    expect(nodes).toEqual([
      { type: 'node', id: 1, lat: 30.65, lon: 104.06, tags: {} },
      { type: 'node', id: 2, lat: 30.651, lon: 104.061, tags: { amenity: 'bench' } },
    ]);
    expect(ways).toEqual([
      { type: 'way', id: 10, refs: [1, 2], tags: { highway: 'footway' } },
      { type: 'way', id: 11, refs: [], tags: {} },
    ]);
  });

  it('decodes named and numeric entities', () => {
    const text = `<osm><node id="1" lat="0" lon="0"><tag k="name" v="&#x6210;&#37117; &amp; &lt;x&gt; &quot;q&quot; &apos;a&apos;"/></node></osm>`;
    expect(readOsmXml(text).nodes[0]!.tags['name']).toBe('成都 & <x> "q" \'a\'');
  });

  it('keeps large ids exactly and accepts negative ids', () => {
    const text = `<osm><node id="9007199254740991" lat="1" lon="2"/><node id="-3" lat="1" lon="2"/></osm>`;
    expect(readOsmXml(text).nodes.map((n) => n.id)).toEqual([9007199254740991, -3]);
  });

  it.each([
    ['unclosed element', '<osm>\n<node id="1" lat="0" lon="0">\n</osm>', 3],
    ['element never closed', '<osm>\n<way id="1">\n', 2],
    ['unquoted attribute', '<osm>\n\n<node id=1 lat="0" lon="0"/>\n</osm>', 3],
    ['unknown entity', '<osm>\n<node id="1" lat="0" lon="0">\n<tag k="a" v="&nbsp;"/></node>\n</osm>', 3],
    ['bad numeric entity', '<osm>\n<node id="1" lat="0" lon="0"><tag k="a" v="&#xZZ;"/></node></osm>', 2],
    ['missing lat', '<osm>\n<node id="1" lon="0"/>\n</osm>', 2],
    ['non-numeric id', '<osm>\n<way id="x1"/>\n</osm>', 2],
    ['bad nd ref', '<osm>\n<way id="1">\n<nd ref="a"/>\n</way>\n</osm>', 3],
    ['unclosed comment', '<osm>\n<!-- oops\n</osm>', 2],
    ['unterminated value', '<osm>\n<node id="1 lat="0" lon="0"/>\n</osm>', 2],
    ['no root', '<?xml version="1.0"?>\n', 1],
    ['latitude out of range', '<osm>\n<node id="1" lat="91" lon="0"/></osm>', 2],
  ])('rejects %s naming line %i', (_name, text, line) => {
    const e = errorOf(text);
    expect(e.code).toBe('import_rejected');
    expect(e.message).toContain(`line ${line}`);
    expect(e.zh).toContain(`第 ${line} 行`);
    expect(e.problems[0]!.row).toBe(line);
  });

  it('round-trips any tag value through escaping (property)', () => {
    const escape = (s: string) =>
      s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (v, single) => {
        const q = single ? "'" : '"';
        const text = `<osm><way id="1"><tag k="k" v=${q}${escape(v)}${q}/></way></osm>`;
        expect(readOsmXml(text).ways[0]!.tags['k']).toBe(v);
      }),
    );
  });

  it('decodes numeric references of any code point (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
        (cp) => {
          const s = String.fromCodePoint(cp);
          expect(decodeEntities(`&#${cp};`)).toBe(s);
          expect(decodeEntities(`&#x${cp.toString(16)};`)).toBe(s);
        },
      ),
    );
  });
});
