/**
 * The case state machine of one-stop service (一网通办) as data: states, and for each action the states
 * it leaves from, the state it leads to, who may take it, whether a reason is required, what it does to
 * the deadline clock and whether it ends the case.
 *
 * Why a typed constant and not YAML in the pack: the procedure follows national law (行政许可法: 受理,
 * 补正, 决定, 送达; 告知承诺制), not a city's plan, and the code acts on its clock effects and guards; a
 * constant lets the compiler check every state and actor name. What a city may set differently — the
 * verification period of a pledge, the near-deadline warning — is in CASE_SETTINGS, passed in by the
 * caller so the next increment can read it from the pack.
 */

export const CASE_STATES = [
  'submitted', // 已提交: the applicant has applied; not yet accepted
  'accepted', // 已受理: the decision clock runs
  'notAccepted', // 不予受理 (with reason); may be appealed
  'supplementRequested', // 待补正: the clock pauses until the applicant answers
  'meansCheck', // 家庭经济状况核对中
  'approved', // 已批准
  'rejected', // 不予批准 (with reason); may be appealed
  'approvedOnPledge', // 告知承诺已批准: in effect, the pledge to be verified within the set period
  'verified', // 承诺已核实
  'revoked', // 核查不实，已撤销 (with reason)
  'delivered', // 已办结送达
  'withdrawn', // 已撤回 by the applicant
  'reviewing', // 复核中 after an appeal
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTORS = ['resident', 'caseWorker', 'supervisor', 'system'] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];

export const CASE_ACTIONS = [
  'accept',
  'notAccept',
  'requestSupplement',
  'answerSupplement',
  'startMeansCheck',
  'approve',
  'reject',
  'approveOnPledge',
  'verifyPledge',
  'revokePledge',
  'deliver',
  'withdraw',
  'appeal',
  'approveOnReview',
  'rejectOnReview',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * What an action does to the decision clock: start it (acceptance: 行政许可法 第四十二条 counts the
 * decision period from acceptance), pause or resume it (a supplement awaited), stop it (a decision or
 * a withdrawal), or nothing.
 */
export type ClockEffect = 'start' | 'pause' | 'resume' | 'stop' | 'none';

/**
 * A condition beyond the state and the actor: pledge approval only where the service allows it and
 * the applicant signed the pledge (告知承诺书) when applying; one appeal.
 */
export type TransitionGuard = 'pledgeAllowed' | 'pledgeSigned' | 'notAppealedBefore';

export interface TransitionDefinition {
  action: CaseAction;
  from: readonly CaseState[];
  to: CaseState;
  actors: readonly CaseActor[];
  reasonRequired: boolean;
  clock: ClockEffect;
  /** The case is finished after it (an appeal may still reopen notAccepted and rejected). */
  endsCase: boolean;
  /** All must hold, checked in this order (the first that fails is the reason given). */
  guards?: readonly TransitionGuard[];
  /** Approval on pledge sets a verification due date, N working days later (CASE_SETTINGS). */
  createsPledgeVerification?: boolean;
}

/** The states the applicant may withdraw from: the case is open and undecided. */
export const OPEN_STATES = [
  'submitted',
  'accepted',
  'supplementRequested',
  'meansCheck',
] as const satisfies readonly CaseState[];

export const CASE_TRANSITIONS: readonly TransitionDefinition[] = [
  {
    action: 'accept',
    from: ['submitted'],
    to: 'accepted',
    actors: ['caseWorker'],
    reasonRequired: false,
    clock: 'start',
    endsCase: false,
  },
  {
    action: 'notAccept',
    from: ['submitted'],
    to: 'notAccepted',
    actors: ['caseWorker'],
    reasonRequired: true,
    clock: 'none',
    endsCase: true,
  },
  {
    action: 'requestSupplement',
    from: ['accepted', 'meansCheck'],
    to: 'supplementRequested',
    actors: ['caseWorker'],
    reasonRequired: true,
    clock: 'pause',
    endsCase: false,
  },
  {
    action: 'answerSupplement',
    from: ['supplementRequested'],
    to: 'accepted',
    actors: ['resident'],
    reasonRequired: false,
    clock: 'resume',
    endsCase: false,
  },
  {
    action: 'startMeansCheck',
    from: ['accepted'],
    to: 'meansCheck',
    actors: ['caseWorker'],
    reasonRequired: false,
    clock: 'none',
    endsCase: false,
  },
  {
    action: 'approve',
    from: ['accepted', 'meansCheck'],
    to: 'approved',
    actors: ['caseWorker', 'supervisor'],
    reasonRequired: false,
    clock: 'stop',
    endsCase: false,
  },
  {
    action: 'reject',
    from: ['accepted', 'meansCheck'],
    to: 'rejected',
    actors: ['caseWorker', 'supervisor'],
    reasonRequired: true,
    clock: 'stop',
    endsCase: true,
  },
  {
    action: 'approveOnPledge',
    from: ['accepted'],
    to: 'approvedOnPledge',
    actors: ['caseWorker', 'supervisor'],
    reasonRequired: false,
    clock: 'stop',
    endsCase: false,
    guards: ['pledgeAllowed', 'pledgeSigned'],
    createsPledgeVerification: true,
  },
  {
    action: 'verifyPledge',
    from: ['approvedOnPledge'],
    to: 'verified',
    actors: ['caseWorker', 'supervisor'],
    reasonRequired: false,
    clock: 'none',
    endsCase: false,
  },
  {
    action: 'revokePledge',
    from: ['approvedOnPledge'],
    to: 'revoked',
    actors: ['caseWorker', 'supervisor'],
    reasonRequired: true,
    clock: 'none',
    endsCase: true,
  },
  {
    action: 'deliver',
    from: ['approved', 'verified'],
    to: 'delivered',
    actors: ['caseWorker', 'system'],
    reasonRequired: false,
    clock: 'none',
    endsCase: true,
  },
  {
    action: 'withdraw',
    from: OPEN_STATES,
    to: 'withdrawn',
    actors: ['resident'],
    reasonRequired: false,
    clock: 'stop',
    endsCase: true,
  },
  {
    action: 'appeal',
    from: ['notAccepted', 'rejected'],
    to: 'reviewing',
    actors: ['resident'],
    reasonRequired: true,
    clock: 'none',
    endsCase: false,
    guards: ['notAppealedBefore'],
  },
  {
    action: 'approveOnReview',
    from: ['reviewing'],
    to: 'approved',
    actors: ['supervisor'],
    reasonRequired: true,
    clock: 'none',
    endsCase: false,
  },
  {
    action: 'rejectOnReview',
    from: ['reviewing'],
    to: 'rejected',
    actors: ['supervisor'],
    reasonRequired: true,
    clock: 'none',
    endsCase: true,
  },
];

export interface CaseSettings {
  /**
   * Working days after a pledge approval within which the pledge must be verified. Assumption (假设，
   * 待核实): 国办发〔2020〕42号 (证明事项告知承诺制) requires verification but sets no national period;
   * 20 working days matches the common 20-day decision period of 行政许可法 第四十二条.
   */
  pledgeVerificationWorkingDays: number;
  /** A case is flagged near its deadline when at most this many working days are left (issue 6). */
  nearDeadlineWorkingDays: number;
}

export const CASE_SETTINGS: CaseSettings = { pledgeVerificationWorkingDays: 20, nearDeadlineWorkingDays: 2 };

export const CASE_STATE_LABELS: Record<CaseState, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  notAccepted: { zh: '不予受理', en: 'Not accepted' },
  supplementRequested: { zh: '待补正', en: 'Supplement requested' },
  meansCheck: { zh: '家庭经济状况核对中', en: 'Means check' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '不予批准', en: 'Rejected' },
  approvedOnPledge: { zh: '告知承诺已批准（待核查）', en: 'Approved on pledge (to be verified)' },
  verified: { zh: '承诺已核实', en: 'Pledge verified' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  delivered: { zh: '已办结送达', en: 'Delivered' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  reviewing: { zh: '复核中', en: 'Under review' },
};

export const CASE_ACTION_LABELS: Record<CaseAction, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accept' },
  notAccept: { zh: '不予受理', en: 'not accept' },
  requestSupplement: { zh: '要求补正', en: 'request a supplement' },
  answerSupplement: { zh: '提交补正材料', en: 'answer the supplement request' },
  startMeansCheck: { zh: '开始家庭经济状况核对', en: 'start the means check' },
  approve: { zh: '批准', en: 'approve' },
  reject: { zh: '不予批准', en: 'reject' },
  approveOnPledge: { zh: '按告知承诺批准', en: 'approve on pledge' },
  verifyPledge: { zh: '核查属实', en: 'verify the pledge' },
  revokePledge: { zh: '核查不实并撤销', en: 'revoke (pledge not verified)' },
  deliver: { zh: '送达办结', en: 'deliver' },
  withdraw: { zh: '撤回申请', en: 'withdraw' },
  appeal: { zh: '申请复核', en: 'appeal' },
  approveOnReview: { zh: '复核后批准', en: 'approve on review' },
  rejectOnReview: { zh: '复核维持不予批准', en: 'uphold the rejection on review' },
};

export const CASE_ACTOR_LABELS: Record<CaseActor, { zh: string; en: string }> = {
  resident: { zh: '申请人', en: 'the applicant' },
  caseWorker: { zh: '窗口工作人员', en: 'a case worker' },
  supervisor: { zh: '审核负责人', en: 'a supervisor' },
  system: { zh: '系统', en: 'the system' },
};
