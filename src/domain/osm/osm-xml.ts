/**
 * A small reader for OpenStreetMap XML (`.osm`), written by hand so the project needs no XML library.
 *
 * It scans the text once, left to right, and yields each `<node>` and `<way>` as soon as it is
 * complete (a generator, so a caller can stream elements into a builder without keeping them all).
 * Relations and their members are skipped; so are the XML declaration, comments, DOCTYPE, CDATA and
 * processing instructions. Attributes may come in any order with single or double quotes; values are
 * decoded for the five predefined entities and numeric references (`&#20013;`, `&#x4E2D;`).
 *
 * Malformed input (an unclosed tag or comment, a close tag that does not match, a bad attribute, an
 * unknown entity, a node without a numeric id/lat/lon) throws a FuwuError naming the 1-based line.
 */
import { FuwuError } from '../shared/errors.ts';

export type OsmTags = Readonly<Record<string, string>>;

export interface OsmNode {
  type: 'node';
  /** OSM id; ids fit in a double exactly (< 2^53). Negative ids (unsaved JOSM edits) are accepted. */
  id: number;
  lat: number;
  lon: number;
  tags: OsmTags;
}

export interface OsmWay {
  type: 'way';
  id: number;
  /** Node ids in way order. */
  refs: number[];
  tags: OsmTags;
}

export type OsmElement = OsmNode | OsmWay;

/** Parsed nodes and ways of a whole document. */
export interface OsmData {
  nodes: OsmNode[];
  ways: OsmWay[];
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function malformed(text: string, pos: number, en: string, zh: string): FuwuError {
  const line = lineAt(text, pos);
  return new FuwuError(
    'import_rejected',
    `OSM 文件第 ${line} 行格式错误：${zh}`,
    `OSM XML malformed at line ${line}: ${en}`,
    [{ field: 'osm', zh, en, row: line }],
  );
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes entity references in an attribute value; `pos` is the value's offset, for error lines. */
export function decodeEntities(value: string, text = value, pos = 0): string {
  if (!value.includes('&')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const amp = value.indexOf('&', i);
    if (amp < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, amp);
    const semi = value.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) {
      throw malformed(text, pos + amp, 'unterminated entity reference', '实体引用未结束');
    }
    const name = value.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) {
      decoded = codePoint(name.slice(2), 16);
    } else if (name.startsWith('#')) {
      decoded = codePoint(name.slice(1), 10);
    } else {
      decoded = NAMED_ENTITIES[name];
    }
    if (decoded === undefined) {
      throw malformed(text, pos + amp, `unknown entity &${name};`, `未知实体 &${name};`);
    }
    out += decoded;
    i = semi + 1;
  }
  return out;
}

function codePoint(digits: string, radix: 10 | 16): string | undefined {
  const ok = radix === 16 ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/;
  if (!ok.test(digits)) return undefined;
  const cp = Number.parseInt(digits, radix);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isNameEnd = (c: number) => isSpace(c) || c === 61 /* = */ || c === 47 /* / */ || c === 62; /* > */

interface Tag {
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
  /** Offset of the '<'. */
  start: number;
  /** Offset just after the '>'. */
  end: number;
}

/** Reads a start tag at `lt` (text[lt] === '<', not followed by '/', '!' or '?'). */
function readStartTag(text: string, lt: number): Tag {
  let i = lt + 1;
  const nameStart = i;
  while (i < text.length && !isNameEnd(text.charCodeAt(i))) i++;
  const name = text.slice(nameStart, i);
  if (name.length === 0) throw malformed(text, lt, 'element without a name', '元素缺少名称');
  const attrs = new Map<string, string>();
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) throw malformed(text, lt, `unclosed tag <${name}`, `标签 <${name} 未闭合`);
    const c = text.charCodeAt(i);
    if (c === 62) return { name, attrs, selfClosing: false, start: lt, end: i + 1 };
    if (c === 47) {
      if (text.charCodeAt(i + 1) !== 62)
        throw malformed(text, i, `stray '/' in <${name}>`, `<${name}> 中有多余的 '/'`);
      return { name, attrs, selfClosing: true, start: lt, end: i + 2 };
    }
    const attrStart = i;
    while (i < text.length && !isNameEnd(text.charCodeAt(i))) i++;
    const attr = text.slice(attrStart, i);
    if (attr.length === 0 || attr.includes('<')) {
      throw malformed(text, attrStart, `bad attribute in <${name}>`, `<${name}> 中的属性无效`);
    }
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61) {
      throw malformed(
        text,
        i,
        `attribute ${attr} of <${name}> has no value`,
        `<${name}> 的属性 ${attr} 缺少值`,
      );
    }
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const q = text.charCodeAt(i);
    if (q !== 34 && q !== 39) {
      throw malformed(
        text,
        i,
        `value of ${attr} in <${name}> must be quoted`,
        `<${name}> 的属性 ${attr} 的值必须加引号`,
      );
    }
    const close = text.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0) throw malformed(text, i, `unterminated value of ${attr}`, `属性 ${attr} 的值未结束`);
    const raw = text.slice(i + 1, close);
    if (raw.includes('<')) throw malformed(text, i, `'<' in value of ${attr}`, `属性 ${attr} 的值中含有 '<'`);
    if (attrs.has(attr)) throw malformed(text, attrStart, `duplicate attribute ${attr}`, `属性 ${attr} 重复`);
    attrs.set(attr, decodeEntities(raw, text, i + 1));
    i = close + 1;
    const next = text.charCodeAt(i);
    if (!isSpace(next) && next !== 47 && next !== 62) {
      throw malformed(text, i, `missing space after attribute ${attr}`, `属性 ${attr} 后缺少空格`);
    }
  }
}

const INTEGER = /^-?[0-9]{1,16}$/;

function intAttr(text: string, tag: Tag, attr: string): number {
  const v = tag.attrs.get(attr);
  if (v === undefined || !INTEGER.test(v) || !Number.isSafeInteger(Number(v))) {
    throw malformed(
      text,
      tag.start,
      `<${tag.name}> needs an integer ${attr}, got ${v ?? 'none'}`,
      `<${tag.name}> 的 ${attr} 必须是整数，实际为 ${v ?? '无'}`,
    );
  }
  return Number(v);
}

function coordAttr(text: string, tag: Tag, attr: 'lat' | 'lon'): number {
  const v = tag.attrs.get(attr);
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  const limit = attr === 'lat' ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    throw malformed(
      text,
      tag.start,
      `<node> needs ${attr} within ±${limit}, got ${v ?? 'none'}`,
      `<node> 的 ${attr} 必须在 ±${limit} 之内，实际为 ${v ?? '无'}`,
    );
  }
  return n;
}

interface Open {
  name: string;
  start: number;
}

/**
 * Yields the nodes and ways of an OSM XML document in document order. `<tag k v>` children give
 * tags, `<nd ref>` children of a way give its node refs; a node or way is yielded when it closes.
 */
export function* parseOsmXml(text: string): Generator<OsmElement> {
  const stack: Open[] = [];
  let node: { id: number; lat: number; lon: number; tags: Record<string, string> } | undefined;
  let way: { id: number; refs: number[]; tags: Record<string, string> } | undefined;
  let sawRoot = false;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) throw malformed(text, lt, 'unclosed comment', '注释未闭合');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      if (end < 0) throw malformed(text, lt, 'unclosed CDATA section', 'CDATA 段未闭合');
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt);
      if (end < 0) throw malformed(text, lt, 'unclosed declaration', '声明未闭合');
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt);
      if (end < 0) throw malformed(text, lt, 'unclosed declaration', '声明未闭合');
      i = end + 1;
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt);
      if (end < 0) throw malformed(text, lt, 'unclosed end tag', '结束标签未闭合');
      const name = text.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) {
        throw malformed(
          text,
          lt,
          open === undefined
            ? `unexpected </${name}>`
            : `</${name}> does not close <${open.name}> (line ${lineAt(text, open.start)})`,
          open === undefined
            ? `多余的 </${name}>`
            : `</${name}> 与第 ${lineAt(text, open.start)} 行的 <${open.name}> 不匹配`,
        );
      }
      if (name === 'node' && node !== undefined && stack.length === 1) {
        yield { type: 'node', ...node };
        node = undefined;
      } else if (name === 'way' && way !== undefined && stack.length === 1) {
        yield { type: 'way', ...way };
        way = undefined;
      }
      i = end + 1;
    } else {
      const tag = readStartTag(text, lt);
      if (stack.length === 0 && sawRoot) {
        throw malformed(text, lt, `second root element <${tag.name}>`, `第二个根元素 <${tag.name}>`);
      }
      sawRoot = true;
      // Elements directly under the root: node / way start; anything else (relation, bounds) is skipped.
      if (stack.length === 1 && tag.name === 'node') {
        const n = {
          id: intAttr(text, tag, 'id'),
          lat: coordAttr(text, tag, 'lat'),
          lon: coordAttr(text, tag, 'lon'),
          tags: {} as Record<string, string>,
        };
        if (tag.selfClosing) yield { type: 'node', ...n };
        else node = n;
      } else if (stack.length === 1 && tag.name === 'way') {
        const w = { id: intAttr(text, tag, 'id'), refs: [] as number[], tags: {} as Record<string, string> };
        if (tag.selfClosing) yield { type: 'way', ...w };
        else way = w;
      } else if (stack.length === 2 && tag.name === 'tag' && (node !== undefined || way !== undefined)) {
        const k = tag.attrs.get('k');
        const v = tag.attrs.get('v');
        if (k === undefined || v === undefined) {
          throw malformed(text, lt, '<tag> needs k and v', '<tag> 必须有 k 和 v');
        }
        (node ?? way)!.tags[k] = v;
      } else if (stack.length === 2 && tag.name === 'nd' && way !== undefined) {
        way.refs.push(intAttr(text, tag, 'ref'));
      }
      if (!tag.selfClosing) stack.push({ name: tag.name, start: lt });
      i = tag.end;
    }
  }
  const open = stack.pop();
  if (open !== undefined) {
    throw malformed(text, open.start, `<${open.name}> is never closed`, `<${open.name}> 没有闭合`);
  }
  if (!sawRoot) throw malformed(text, 0, 'no root element', '缺少根元素');
}

/** Parses a whole document into arrays of nodes and ways. */
export function readOsmXml(text: string): OsmData {
  const nodes: OsmNode[] = [];
  const ways: OsmWay[] = [];
  for (const el of parseOsmXml(text)) {
    if (el.type === 'node') nodes.push(el);
    else ways.push(el);
  }
  return { nodes, ways };
}
