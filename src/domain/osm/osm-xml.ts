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
 *
 * OsmXmlParser takes the text in chunks (a file read piece by piece, so an extract of hundreds of
 * megabytes never becomes one string); readOsmXml and parseOsmXml are it fed with one string.
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

function malformed(line: number, en: string, zh: string): FuwuError {
  return new FuwuError(
    'import_rejected',
    `OSM 文件第 ${line} 行格式错误：${zh}`,
    `OSM XML malformed at line ${line}: ${en}`,
    [{ field: 'osm', zh, en, row: line }],
  );
}

/** Line number of an offset (in the current text). */
type LineOf = (pos: number) => number;

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes entity references in an attribute value; `lineOf` maps an offset in it to a line, for errors. */
export function decodeEntities(value: string, lineOf: LineOf = () => 1): string {
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
      throw malformed(lineOf(amp), 'unterminated entity reference', '实体引用未结束');
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
      throw malformed(lineOf(amp), `unknown entity &${name};`, `未知实体 &${name};`);
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
  /** Line of the '<'. */
  line: number;
  /** Offset just after the '>'. */
  end: number;
}

/** Reads a start tag at `lt` (text[lt] === '<', not followed by '/', '!' or '?'). */
function readStartTag(text: string, lt: number, lineOf: LineOf): Tag {
  let i = lt + 1;
  const nameStart = i;
  while (i < text.length && !isNameEnd(text.charCodeAt(i))) i++;
  const name = text.slice(nameStart, i);
  if (name.length === 0) throw malformed(lineOf(lt), 'element without a name', '元素缺少名称');
  const attrs = new Map<string, string>();
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) throw malformed(lineOf(lt), `unclosed tag <${name}`, `标签 <${name} 未闭合`);
    const c = text.charCodeAt(i);
    if (c === 62) return { name, attrs, selfClosing: false, line: lineOf(lt), end: i + 1 };
    if (c === 47) {
      if (text.charCodeAt(i + 1) !== 62)
        throw malformed(lineOf(i), `stray '/' in <${name}>`, `<${name}> 中有多余的 '/'`);
      return { name, attrs, selfClosing: true, line: lineOf(lt), end: i + 2 };
    }
    const attrStart = i;
    while (i < text.length && !isNameEnd(text.charCodeAt(i))) i++;
    const attr = text.slice(attrStart, i);
    if (attr.length === 0 || attr.includes('<')) {
      throw malformed(lineOf(attrStart), `bad attribute in <${name}>`, `<${name}> 中的属性无效`);
    }
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61) {
      throw malformed(
        lineOf(i),
        `attribute ${attr} of <${name}> has no value`,
        `<${name}> 的属性 ${attr} 缺少值`,
      );
    }
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const q = text.charCodeAt(i);
    if (q !== 34 && q !== 39) {
      throw malformed(
        lineOf(i),
        `value of ${attr} in <${name}> must be quoted`,
        `<${name}> 的属性 ${attr} 的值必须加引号`,
      );
    }
    const close = text.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0) throw malformed(lineOf(i), `unterminated value of ${attr}`, `属性 ${attr} 的值未结束`);
    const valueStart = i + 1;
    const raw = text.slice(valueStart, close);
    if (raw.includes('<'))
      throw malformed(lineOf(i), `'<' in value of ${attr}`, `属性 ${attr} 的值中含有 '<'`);
    if (attrs.has(attr))
      throw malformed(lineOf(attrStart), `duplicate attribute ${attr}`, `属性 ${attr} 重复`);
    attrs.set(
      attr,
      decodeEntities(raw, (p) => lineOf(valueStart + p)),
    );
    i = close + 1;
    const next = text.charCodeAt(i);
    if (!isSpace(next) && next !== 47 && next !== 62) {
      throw malformed(lineOf(i), `missing space after attribute ${attr}`, `属性 ${attr} 后缺少空格`);
    }
  }
}

const INTEGER = /^-?[0-9]{1,16}$/;

function intAttr(tag: Tag, attr: string): number {
  const v = tag.attrs.get(attr);
  if (v === undefined || !INTEGER.test(v) || !Number.isSafeInteger(Number(v))) {
    throw malformed(
      tag.line,
      `<${tag.name}> needs an integer ${attr}, got ${v ?? 'none'}`,
      `<${tag.name}> 的 ${attr} 必须是整数，实际为 ${v ?? '无'}`,
    );
  }
  return Number(v);
}

function coordAttr(tag: Tag, attr: 'lat' | 'lon'): number {
  const v = tag.attrs.get(attr);
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  const limit = attr === 'lat' ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    throw malformed(
      tag.line,
      `<node> needs ${attr} within ±${limit}, got ${v ?? 'none'}`,
      `<node> 的 ${attr} 必须在 ±${limit} 之内，实际为 ${v ?? '无'}`,
    );
  }
  return n;
}

interface Open {
  name: string;
  line: number;
}

/** A tag, comment or declaration still unfinished after this many characters is an error. */
export const MAX_CONSTRUCT_CHARS = 16 * 1024 * 1024;

/** What a parser emits; pass `false` to skip one kind (it is still checked, not built). */
export interface OsmXmlParserOptions {
  nodes?: boolean;
  ways?: boolean;
}

/**
 * End of the start tag at `lt`: the offset just after its '>' (quoted values may hold '>'), or -1
 * when the text ends first.
 */
function startTagEnd(text: string, lt: number): number {
  for (let i = lt + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62) return i + 1;
    if (c === 34 || c === 39) {
      const close = text.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/**
 * A streaming OSM XML parser: push the text in chunks of any size (cut anywhere, even inside a tag
 * or between the halves of a surrogate pair), get back the elements completed so far; end() checks
 * the document is complete. Only the unfinished tail is kept between chunks, so memory does not
 * grow with the file. Errors name the line in the whole document.
 */
export class OsmXmlParser {
  private buf = '';
  /** Line of buf[0]. */
  private bufLine = 1;
  private readonly stack: Open[] = [];
  private node: { id: number; lat: number; lon: number; tags: Record<string, string> } | undefined;
  private way: { id: number; refs: number[]; tags: Record<string, string> } | undefined;
  private sawRoot = false;
  private started = false;
  private out: OsmElement[] = [];
  private readonly emitNodes: boolean;
  private readonly emitWays: boolean;

  constructor(options: OsmXmlParserOptions = {}) {
    this.emitNodes = options.nodes !== false;
    this.emitWays = options.ways !== false;
  }

  /** Adds text; returns the elements it completes. */
  push(chunk: string): OsmElement[] {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.scan(false);
    return this.drain();
  }

  /** The end of the document: returns the last elements, or throws when it is incomplete. */
  end(): OsmElement[] {
    this.scan(true);
    const open = this.stack.pop();
    if (open !== undefined) {
      throw malformed(open.line, `<${open.name}> is never closed`, `<${open.name}> 没有闭合`);
    }
    if (!this.sawRoot) throw malformed(1, 'no root element', '缺少根元素');
    return this.drain();
  }

  private drain(): OsmElement[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private scan(final: boolean): void {
    const text = this.buf;
    // Line numbers: counted forward from a moving mark, so the whole scan counts each newline once.
    let mark = 0;
    let markLine = this.bufLine;
    const lineOf: LineOf = (pos) => {
      if (pos >= mark) {
        markLine += countNewlines(text, mark, pos);
        mark = pos;
        return markLine;
      }
      return markLine - countNewlines(text, pos, mark);
    };
    const incomplete = (lt: number) => {
      if (text.length - lt > MAX_CONSTRUCT_CHARS) {
        throw malformed(
          lineOf(lt),
          `a tag, comment or declaration runs on for more than ${MAX_CONSTRUCT_CHARS} characters`,
          `标签、注释或声明超过 ${MAX_CONSTRUCT_CHARS} 个字符仍未结束`,
        );
      }
    };
    let i = 0;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        i = text.length;
        break;
      }
      i = lt;
      // Wait for enough text to tell '<!--' and '<![CDATA[' from other markup.
      if (!final && text.length - lt < 9) break;
      let end: number;
      if (text.startsWith('<!--', lt)) {
        end = text.indexOf('-->', lt + 4);
        if (end < 0) {
          if (!final) break;
          throw malformed(lineOf(lt), 'unclosed comment', '注释未闭合');
        }
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        end = text.indexOf(']]>', lt);
        if (end < 0) {
          if (!final) break;
          throw malformed(lineOf(lt), 'unclosed CDATA section', 'CDATA 段未闭合');
        }
        i = end + 3;
      } else if (text.startsWith('<?', lt)) {
        end = text.indexOf('?>', lt);
        if (end < 0) {
          if (!final) break;
          throw malformed(lineOf(lt), 'unclosed declaration', '声明未闭合');
        }
        i = end + 2;
      } else if (text.startsWith('<!', lt)) {
        end = text.indexOf('>', lt);
        if (end < 0) {
          if (!final) break;
          throw malformed(lineOf(lt), 'unclosed declaration', '声明未闭合');
        }
        i = end + 1;
      } else if (text.startsWith('</', lt)) {
        end = text.indexOf('>', lt);
        if (end < 0) {
          if (!final) break;
          throw malformed(lineOf(lt), 'unclosed end tag', '结束标签未闭合');
        }
        this.endTag(text.slice(lt + 2, end).trim(), lineOf(lt));
        i = end + 1;
      } else {
        if (!final && startTagEnd(text, lt) < 0) break;
        const tag = readStartTag(text, lt, lineOf);
        this.startTag(tag);
        i = tag.end;
      }
    }
    if (!final) incomplete(i);
    this.bufLine = lineOf(i);
    this.buf = text.slice(i);
  }

  private endTag(name: string, line: number): void {
    const open = this.stack.pop();
    if (open === undefined || open.name !== name) {
      throw malformed(
        line,
        open === undefined
          ? `unexpected </${name}>`
          : `</${name}> does not close <${open.name}> (line ${open.line})`,
        open === undefined ? `多余的 </${name}>` : `</${name}> 与第 ${open.line} 行的 <${open.name}> 不匹配`,
      );
    }
    if (name === 'node' && this.node !== undefined && this.stack.length === 1) {
      if (this.emitNodes) this.out.push({ type: 'node', ...this.node });
      this.node = undefined;
    } else if (name === 'way' && this.way !== undefined && this.stack.length === 1) {
      if (this.emitWays) this.out.push({ type: 'way', ...this.way });
      this.way = undefined;
    }
  }

  private startTag(tag: Tag): void {
    const depth = this.stack.length;
    if (depth === 0 && this.sawRoot) {
      throw malformed(tag.line, `second root element <${tag.name}>`, `第二个根元素 <${tag.name}>`);
    }
    this.sawRoot = true;
    // Elements directly under the root: node / way start; anything else (relation, bounds) is skipped.
    if (depth === 1 && tag.name === 'node') {
      const n = {
        id: intAttr(tag, 'id'),
        lat: coordAttr(tag, 'lat'),
        lon: coordAttr(tag, 'lon'),
        tags: {} as Record<string, string>,
      };
      if (!tag.selfClosing) this.node = n;
      else if (this.emitNodes) this.out.push({ type: 'node', ...n });
    } else if (depth === 1 && tag.name === 'way') {
      const w = { id: intAttr(tag, 'id'), refs: [] as number[], tags: {} as Record<string, string> };
      if (!tag.selfClosing) this.way = w;
      else if (this.emitWays) this.out.push({ type: 'way', ...w });
    } else if (depth === 2 && tag.name === 'tag' && (this.node !== undefined || this.way !== undefined)) {
      const k = tag.attrs.get('k');
      const v = tag.attrs.get('v');
      if (k === undefined || v === undefined) {
        throw malformed(tag.line, '<tag> needs k and v', '<tag> 必须有 k 和 v');
      }
      (this.node ?? this.way)!.tags[k] = v;
    } else if (depth === 2 && tag.name === 'nd' && this.way !== undefined) {
      this.way.refs.push(intAttr(tag, 'ref'));
    }
    if (!tag.selfClosing) this.stack.push({ name: tag.name, line: tag.line });
  }
}

/**
 * Yields the nodes and ways of an OSM XML document in document order. `<tag k v>` children give
 * tags, `<nd ref>` children of a way give its node refs; a node or way is yielded when it closes.
 */
export function* parseOsmXml(text: string): Generator<OsmElement> {
  const parser = new OsmXmlParser();
  yield* parser.push(text);
  yield* parser.end();
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
