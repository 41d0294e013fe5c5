/**
 * The facts an entitlement rule may read about a person and their household (GLOSSARY: person,
 * household). One registry for the rule loader (a rule naming an unknown fact or comparing it with
 * the wrong kind of value is refused), the engine (derived facts), the self-check (the question to
 * ask) and the synthetic population (one column per fact).
 *
 * A fact may be unknown: the engine then says "cannot decide" and names it; it is never read as 0.
 */

export type FactType = 'number' | 'boolean' | 'enum' | 'date';

export interface FactDefinition {
  readonly type: FactType;
  /** The allowed values of an enum fact, in the order a form lists them. */
  readonly values?: readonly string[];
  /** Chinese labels of the enum values, same order as `values`. */
  readonly valueLabels?: readonly string[];
  /** English labels of the enum values, same order as `values` (English mode of the web UI). */
  readonly valueLabelsEn?: readonly string[];
  readonly unit?: string;
  readonly unitEn?: string;
  /** How a trace names the fact (Chinese). */
  readonly label: string;
  readonly labelEn: string;
  /** What the self-check asks when the fact is needed (Chinese, plain words). */
  readonly question: string;
  /** The same question in plain English (English mode of the self-check and the portal form). */
  readonly questionEn: string;
  /** Derived facts are computed by the engine from these facts (and the evaluation date). */
  readonly derivedFrom?: readonly string[];
}

export const HUKOU_TYPES = ['urban', 'rural'] as const;
export const HUKOU_PLACES = ['chengdu', 'sichuanOther', 'otherProvince'] as const;
export const STUDENT_STAGES = [
  'none',
  'preschool',
  'primary',
  'juniorSecondary',
  'seniorSecondary',
  'vocationalSecondary',
  'tertiary',
] as const;
export const EMPLOYMENT_STATUSES = [
  'employed',
  'selfEmployed',
  'flexible',
  'registeredUnemployed',
  'unemployed',
  'retired',
  'notInLabourForce',
] as const;
export const MEDICAL_INSURANCE = ['employee', 'resident', 'none'] as const;
export const PENSION_INSURANCE = ['employee', 'resident', 'none'] as const;
export const DISABILITY_TYPES = [
  'none',
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export const VETERAN_STATUSES = [
  'none',
  'veteran',
  'disabledVeteran',
  'martyrFamily',
  'servicemanFamily',
] as const;
export const SELF_CARE = ['full', 'partial', 'none'] as const;
export const ASSISTANCE_STATUSES = ['none', 'lowIncome', 'dibao', 'tekun'] as const;
export const HOUSING_STATUSES = ['owned', 'rented', 'publicRental', 'none'] as const;
export const SEXES = ['male', 'female'] as const;
/** A member's relation to the household's head (户主), as the household register (户口簿) records it. */
export const RELATIONS_TO_HEAD = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'other',
] as const;

const FACTS_DEFINED = {
  // ---- person: who they are
  'person.birthDate': {
    type: 'date',
    label: '出生日期',
    labelEn: 'date of birth',
    question: '您的出生日期是？',
    questionEn: 'What is your date of birth?',
  },
  'person.ageYears': {
    type: 'number',
    unit: '周岁',
    unitEn: 'years',
    label: '年龄（周岁）',
    labelEn: 'age (full years)',
    question: '您的出生日期是？',
    questionEn: 'What is your date of birth?',
    derivedFrom: ['person.birthDate'],
  },
  'person.ageMonths': {
    type: 'number',
    unit: '月龄',
    unitEn: 'months',
    label: '月龄',
    labelEn: 'age (full months)',
    question: '您的出生日期是？',
    questionEn: 'What is your date of birth?',
    derivedFrom: ['person.birthDate'],
  },
  'person.sex': {
    type: 'enum',
    values: SEXES,
    valueLabels: ['男', '女'],
    valueLabelsEn: ['male', 'female'],
    label: '性别',
    labelEn: 'sex',
    question: '您的性别是？',
    questionEn: 'What is your sex?',
  },
  'person.hukouPlace': {
    type: 'enum',
    values: HUKOU_PLACES,
    valueLabels: ['成都市', '四川省其他市州', '外省'],
    valueLabelsEn: ['Chengdu', 'elsewhere in Sichuan', 'another province'],
    label: '户籍所在地',
    labelEn: 'place of household registration',
    question: '您的户口在哪里？',
    questionEn: 'Where is your household registration (hukou)?',
  },
  'person.hukouType': {
    type: 'enum',
    values: HUKOU_TYPES,
    valueLabels: ['城镇', '农村'],
    valueLabelsEn: ['urban', 'rural'],
    label: '户籍类型',
    labelEn: 'registration type',
    question: '您是城镇户口还是农村户口？',
    questionEn: 'Is your household registration (hukou) urban or rural?',
  },
  'person.residenceDistrict': {
    type: 'enum',
    // District codes come from the plan pack; the loader checks values against the pack's areas.
    label: '常住区（市）县',
    labelEn: 'district of residence',
    question: '您现在住在哪个区（市）县？',
    questionEn: 'Which district or county do you live in now?',
  },
  'person.hasResidencePermit': {
    type: 'boolean',
    label: '持有成都市居住证',
    labelEn: 'holds a Chengdu residence permit',
    question: '您有成都市居住证吗？',
    questionEn: 'Do you have a Chengdu residence permit?',
  },
  'person.pregnant': {
    type: 'boolean',
    label: '正在怀孕',
    labelEn: 'pregnant',
    question: '您目前是否怀孕？',
    questionEn: 'Are you pregnant now?',
  },
  'person.planningPregnancy': {
    type: 'boolean',
    label: '计划怀孕',
    labelEn: 'planning a pregnancy',
    question: '您（夫妇）是否计划在近期怀孕？',
    questionEn: 'Are you (and your partner) planning a pregnancy soon?',
  },
  'person.studentStage': {
    type: 'enum',
    values: STUDENT_STAGES,
    valueLabels: ['不在学', '学前教育', '小学', '初中', '普通高中', '中等职业教育', '高等教育'],
    valueLabelsEn: [
      'not in school',
      'preschool',
      'primary school',
      'junior secondary school',
      'senior secondary school',
      'vocational secondary school',
      'higher education',
    ],
    label: '在读学段',
    labelEn: 'stage of schooling',
    question: '您（孩子）目前在读哪个学段？',
    questionEn: 'What stage of school are you (or your child) in now?',
  },
  'person.employmentStatus': {
    type: 'enum',
    values: EMPLOYMENT_STATUSES,
    valueLabels: ['受雇就业', '自主创业', '灵活就业', '登记失业', '失业未登记', '退休', '非劳动力'],
    valueLabelsEn: [
      'employed',
      'self-employed (own business)',
      'flexible work',
      'registered unemployed',
      'unemployed, not registered',
      'retired',
      'not in the labour force',
    ],
    label: '就业状况',
    labelEn: 'employment status',
    question: '您目前的就业状况是？',
    questionEn: 'What is your work situation now?',
  },
  'person.medicalInsurance': {
    type: 'enum',
    values: MEDICAL_INSURANCE,
    valueLabels: ['职工基本医疗保险', '城乡居民基本医疗保险', '未参保'],
    valueLabelsEn: [
      'employee basic medical insurance',
      'urban and rural resident basic medical insurance',
      'not insured',
    ],
    label: '基本医疗保险',
    labelEn: 'basic medical insurance',
    question: '您参加了哪种基本医疗保险？',
    questionEn: 'Which basic medical insurance do you have?',
  },
  'person.pensionInsurance': {
    type: 'enum',
    values: PENSION_INSURANCE,
    valueLabels: ['职工基本养老保险', '城乡居民基本养老保险', '未参保'],
    valueLabelsEn: [
      'employee basic pension insurance',
      'urban and rural resident basic pension insurance',
      'not insured',
    ],
    label: '基本养老保险',
    labelEn: 'basic pension insurance',
    question: '您参加了哪种基本养老保险？',
    questionEn: 'Which basic pension insurance do you pay into?',
  },
  'person.receivesPension': {
    type: 'boolean',
    label: '已按月领取养老金',
    labelEn: 'receives a monthly pension',
    question: '您是否已按月领取养老金？',
    questionEn: 'Do you already receive a monthly pension?',
  },
  'person.disabilityType': {
    type: 'enum',
    values: DISABILITY_TYPES,
    valueLabels: ['无残疾', '视力', '听力', '言语', '肢体', '智力', '精神', '多重'],
    valueLabelsEn: [
      'no disability',
      'visual',
      'hearing',
      'speech',
      'physical',
      'intellectual',
      'mental',
      'multiple',
    ],
    label: '残疾类别',
    labelEn: 'type of disability',
    question: '您是否持有残疾人证？残疾类别是？',
    questionEn: 'Do you have a disability certificate? What type of disability?',
  },
  'person.disabilityGrade': {
    type: 'number',
    unit: '级',
    unitEn: 'grade',
    label: '残疾等级',
    labelEn: 'disability grade (1 most severe … 4)',
    question: '您的残疾等级是几级（一至四级）？',
    questionEn: 'What is your disability grade (1 to 4)?',
  },
  'person.selfCare': {
    type: 'enum',
    values: SELF_CARE,
    valueLabels: ['能自理', '半失能', '失能'],
    valueLabelsEn: ['fully able', 'partly able', 'not able (needs care)'],
    label: '生活自理能力',
    labelEn: 'ability to care for oneself',
    question: '您的日常生活能自理吗？',
    questionEn: 'Can you look after yourself in daily life?',
  },
  'person.veteranStatus': {
    type: 'enum',
    values: VETERAN_STATUSES,
    valueLabels: ['无', '退役军人', '残疾退役军人', '烈士遗属', '现役军人家属'],
    valueLabelsEn: ['none', 'veteran', 'disabled veteran', "martyr's family", "serviceman's family"],
    label: '优抚身份',
    labelEn: 'veteran or military-family status',
    question: '您是否为退役军人、烈士遗属或军人家属？',
    questionEn: "Are you a veteran, a martyr's family member or a serviceman's family member?",
  },
  'person.hasCapableSupporter': {
    type: 'boolean',
    label: '有履行能力的法定赡养、抚养、扶养义务人',
    labelEn: 'has a legally obliged supporter able to provide',
    question: '您是否有能够赡养、抚养或扶养您的法定义务人（如子女、配偶、父母）？',
    questionEn:
      'Do you have a family member who must support you by law and is able to (e.g. child, spouse, parent)?',
  },
  'person.incomeMonthly': {
    type: 'number',
    unit: '元/月',
    unitEn: 'yuan/month',
    label: '个人月收入',
    labelEn: 'own monthly income',
    question: '您本人每月收入大约多少元？',
    questionEn: 'About how much is your own monthly income, in yuan?',
  },
  'person.hasLegalMatter': {
    type: 'boolean',
    label: '有需要法律帮助的事项',
    labelEn: 'has a legal matter needing help',
    question: '您目前是否有需要律师帮助的法律事项（如讨薪、赡养、工伤等）？',
    questionEn:
      "Do you have a legal matter you need a lawyer's help with (e.g. unpaid wages, family support, work injury)?",
  },
  'person.sufferedSuddenHardship': {
    type: 'boolean',
    label: '因突发事件、意外事故或重大疾病导致基本生活暂时困难',
    labelEn: 'basic living temporarily hard after an emergency, accident or serious illness',
    question: '您家是否因突发事件、意外事故或重大疾病，基本生活暂时出现困难？',
    questionEn: 'Has an emergency, accident or serious illness made daily life hard for your family for now?',
  },
  // ---- person: family relations and family planning (计划生育扶助, national standard category 12)
  'person.relationToHead': {
    type: 'enum',
    values: RELATIONS_TO_HEAD,
    valueLabels: ['户主', '配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他'],
    valueLabelsEn: [
      'head of household',
      'spouse',
      'child',
      'parent',
      'grandchild',
      'brother or sister',
      'other',
    ],
    label: '与户主关系',
    labelEn: 'relation to the head of household',
    question: '您与户主是什么关系？',
    questionEn: 'How are you related to the head of your household?',
  },
  'person.spouseBirthDate': {
    type: 'date',
    label: '配偶出生日期',
    labelEn: "spouse's date of birth",
    question: '您配偶的出生日期是？（没有配偶可不填）',
    questionEn: "What is your spouse's date of birth? (leave empty if you have no spouse)",
  },
  'person.spouseAgeYears': {
    type: 'number',
    unit: '周岁',
    unitEn: 'years',
    label: '配偶年龄（周岁）',
    labelEn: "spouse's age (full years)",
    question: '您配偶的出生日期是？（没有配偶可不填）',
    questionEn: "What is your spouse's date of birth? (leave empty if you have no spouse)",
    derivedFrom: ['person.spouseBirthDate'],
  },
  'person.childrenCount': {
    type: 'number',
    unit: '人',
    unitEn: 'persons',
    label: '现有存活子女数',
    labelEn: 'living children',
    question: '您现在有几个子女（含不在一起住的，不含已去世的）？',
    questionEn: 'How many living children do you have (including those living elsewhere)?',
  },
  'person.daughtersOnly': {
    // True only with at least one child: a childless person is not a "two girls" family.
    type: 'boolean',
    label: '子女均为女儿',
    labelEn: 'has children, all of them daughters',
    question: '您的子女是否都是女儿？',
    questionEn: 'Are all your children daughters?',
  },
  'person.onlyChildDied': {
    type: 'boolean',
    label: '独生子女死亡',
    labelEn: 'their only child has died',
    question: '您是否只生育（或合法收养）了一个子女，且该子女已去世？',
    questionEn: 'Did you have (or legally adopt) only one child, and has that child died?',
  },
  'person.onlyChildDisabledGrade3Plus': {
    // 三级以上 counts from the most severe: grades 1, 2 and 3 (person.disabilityGrade ≤ 3).
    type: 'boolean',
    label: '独生子女伤、病残达到三级以上',
    labelEn: 'their only child is disabled, grade 3 or more severe',
    question: '您是否只有一个子女，且该子女经鉴定伤、病残达到三级以上（一至三级）？',
    questionEn:
      'Do you have only one child, officially assessed as disabled at grade 3 or more severe (grades 1 to 3)?',
  },
  // ---- household
  'household.memberCount': {
    type: 'number',
    unit: '人',
    unitEn: 'persons',
    label: '共同生活的家庭成员人数',
    labelEn: 'household members living together',
    question: '您家共同生活的有几口人？',
    questionEn: 'How many people live together in your household?',
  },
  'household.incomeMonthly': {
    type: 'number',
    unit: '元/月',
    unitEn: 'yuan/month',
    label: '家庭月收入合计',
    labelEn: 'household monthly income',
    question: '您家每月收入合计大约多少元？',
    questionEn: "About how much is your household's total monthly income, in yuan?",
  },
  'household.incomePerCapitaMonthly': {
    type: 'number',
    unit: '元/人·月',
    unitEn: 'yuan per member per month',
    label: '家庭月人均收入',
    labelEn: 'household monthly income per member',
    question: '您家每月收入合计大约多少元？',
    questionEn: "About how much is your household's total monthly income, in yuan?",
    derivedFrom: ['household.incomeMonthly', 'household.memberCount'],
  },
  'household.financialAssets': {
    type: 'number',
    unit: '元',
    unitEn: 'yuan',
    label: '家庭金融资产合计',
    labelEn: 'household financial assets',
    question: '您家存款、理财等金融资产合计大约多少元？',
    questionEn: "About how much are your household's savings and other financial assets in total, in yuan?",
  },
  'household.financialAssetsPerCapita': {
    type: 'number',
    unit: '元/人',
    unitEn: 'yuan per member',
    label: '家庭人均金融资产',
    labelEn: 'household financial assets per member',
    question: '您家存款、理财等金融资产合计大约多少元？',
    questionEn: "About how much are your household's savings and other financial assets in total, in yuan?",
    derivedFrom: ['household.financialAssets', 'household.memberCount'],
  },
  'household.employedCount': {
    type: 'number',
    unit: '人',
    unitEn: 'persons',
    label: '家庭中就业人数',
    labelEn: 'household members in work',
    question: '您家法定劳动年龄内有几人在就业（含灵活就业）？',
    questionEn: 'How many people of working age in your household have work (including flexible work)?',
  },
  'household.workingAgeCount': {
    type: 'number',
    unit: '人',
    unitEn: 'persons',
    label: '家庭中法定劳动年龄内有劳动能力的人数',
    labelEn: 'household members of working age able to work',
    question: '您家法定劳动年龄内、有劳动能力的有几人？',
    questionEn: 'How many people in your household are of working age and able to work?',
  },
  'household.assistanceStatus': {
    type: 'enum',
    values: ASSISTANCE_STATUSES,
    valueLabels: ['无', '低收入家庭', '最低生活保障家庭', '特困供养'],
    valueLabelsEn: [
      'none',
      'low-income household',
      'minimum living allowance (dibao) household',
      'support for people in extreme poverty (tekun)',
    ],
    label: '社会救助身份',
    labelEn: 'social assistance status',
    question: '您家目前是否为低保家庭、特困供养人员或低收入家庭？',
    questionEn:
      'Does your household receive minimum living allowance (dibao), support for people in extreme poverty (tekun), or count as a low-income household?',
  },
  'household.housingStatus': {
    type: 'enum',
    values: HOUSING_STATUSES,
    valueLabels: ['自有住房', '租住私房', '租住公租房', '无固定住所'],
    valueLabelsEn: ['own home', 'renting privately', 'renting public housing', 'no fixed home'],
    label: '住房状况',
    labelEn: 'housing',
    question: '您家目前的住房状况是？',
    questionEn: "What is your household's housing situation now?",
  },
  'household.housingAreaPerCapita': {
    type: 'number',
    unit: '平方米/人',
    unitEn: 'm² per member',
    label: '家庭人均住房建筑面积',
    labelEn: 'housing floor area per member',
    question: '您家人均住房建筑面积大约多少平方米？（无房填0）',
    questionEn:
      'About how many square metres of floor area per person does your home have? (0 if you have no home)',
  },
  'household.hasChildUnder3': {
    type: 'boolean',
    label: '家中有3岁以下婴幼儿',
    labelEn: 'a child under 3 in the household',
    question: '您家中是否有3岁以下的婴幼儿？',
    questionEn: 'Is there a child under 3 in your household?',
  },
} as const satisfies Record<string, FactDefinition>;

export type FactKey = keyof typeof FACTS_DEFINED;
export const FACTS: Readonly<Record<FactKey, FactDefinition>> = FACTS_DEFINED;
export const FACT_KEYS = Object.keys(FACTS) as FactKey[];

export function isFactKey(key: string): key is FactKey {
  return Object.hasOwn(FACTS, key);
}

/** The facts a person gives (not derived): what the self-check asks and the population stores. */
export const INPUT_FACT_KEYS = FACT_KEYS.filter((k) => !('derivedFrom' in FACTS_DEFINED[k]));

/** A value of a fact: number, boolean, an enum value or an ISO date (YYYY-MM-DD). */
export type FactValue = number | boolean | string;

/** What is known about one person and their household; a missing key is unknown. */
export type Facts = Partial<Record<FactKey, FactValue>>;
