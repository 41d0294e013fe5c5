/**
 * Schema failures in the user's words. zod's messages are English only; each failure kind and its
 * parameters (expected type, bound, allowed values…) are put into Chinese here, so the zh text says
 * as much as the en one does.
 */
const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  date: '日期',
  bigint: '整数',
};

const ORIGIN_ZH: Record<string, { unit: string; noun: string }> = {
  string: { unit: ' 个字符', noun: '长度' },
  array: { unit: ' 项', noun: '项数' },
  set: { unit: ' 项', noun: '项数' },
  file: { unit: ' 字节', noun: '大小' },
  number: { unit: '', noun: '数值' },
  int: { unit: '', noun: '数值' },
  bigint: { unit: '', noun: '数值' },
  date: { unit: '', noun: '日期' },
};

const FORMAT_ZH: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  date: '日期（YYYY-MM-DD）',
  datetime: '日期时间（ISO 8601）',
  regex: '规定的格式',
};

/**
 * Chinese reason for one failure, from its kind (zod issue code), the parameters and, for a
 * missing field, zod's English message (issues do not carry the input unless asked to).
 */
export function schemaReasonZh(kind: string, params: Record<string, unknown> = {}, message = ''): string {
  switch (kind) {
    case 'invalid_type': {
      const expected = String(params.expected ?? '');
      if (('input' in params && params.input === undefined) || /received undefined/.test(message))
        return '缺少该字段';
      return `应为${TYPE_ZH[expected] ?? expected}`;
    }
    case 'too_small':
    case 'too_big': {
      const origin = ORIGIN_ZH[String(params.origin ?? 'number')] ?? { unit: '', noun: '数值' };
      const bound = kind === 'too_small' ? params.minimum : params.maximum;
      const inclusive = params.inclusive !== false;
      const word =
        kind === 'too_small' ? (inclusive ? '不能小于' : '应大于') : inclusive ? '不能大于' : '应小于';
      return `${origin.noun}${word} ${String(bound)}${origin.unit}`;
    }
    case 'invalid_value': {
      const values = Array.isArray(params.values) ? params.values.map(String) : [];
      return values.length > 0 ? `应为以下之一：${values.join('、')}` : '取值不在允许范围内';
    }
    case 'invalid_format':
      return `格式不正确，应为${FORMAT_ZH[String(params.format ?? '')] ?? '规定的格式'}`;
    case 'not_multiple_of':
      return `应为 ${String(params.divisor)} 的整数倍`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(params.keys) ? params.keys.map(String) : [];
      return `含有不认识的字段：${keys.join('、')}`;
    }
    default:
      return '输入无效';
  }
}
