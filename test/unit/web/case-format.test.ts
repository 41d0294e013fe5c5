/**
 * The case-worker screens' pure helpers (src/web/components/cases/case-format.ts): the queue filters
 * kept in the hash query, the flags and the per-state counts of the queue, the words for states,
 * actions, roles and changes, facts grouped by person and household, and the offices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATES,
  CASE_TRANSITIONS,
} from '../../../src/domain/cases/case-machine-definition.ts';
import type { CaseState } from '../../../src/domain/cases/case-machine-definition.ts';
import type { Area } from '../../../src/domain/plan/pack.schema.ts';
import {
  actionNeedsReason,
  actionText,
  bytesText,
  caseFlags,
  changeText,
  countByState,
  decisionClockRunning,
  factValueText,
  groupFacts,
  officeOptions,
  officeText,
  queueApiPath,
  readQueueFilters,
  roleText,
  stateText,
} from '../../../src/web/components/cases/case-format.ts';
import type { CaseSummary, DeadlineFlagsView } from '../../../src/web/components/cases/case-types.ts';

const area = (code: string, name: string, nameEn: string, kind: Area['kind']): Area => ({
  code,
  name,
  nameEn,
  kind,
  residentPopulation: null,
  residentPopulationYear: null,
  registeredPopulation: null,
  areaKm2: null,
  hasBoundary: false,
  provenance: 'test',
});
const AREAS: Area[] = [
  area('510100', '成都市', 'Chengdu', 'city'),
  area('510104', '锦江区', 'Jinjiang', 'district'),
  area('Z-tianfu', '天府新区', 'Tianfu New Area', 'zone'),
];

const flagsOf = (due: string, left: number): DeadlineFlagsView => ({
  due,
  workingDaysLeft: left,
  overdue: left < 0,
  nearDeadline: left >= 0 && left <= 2,
});

function caseOf(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'C-20240102-abcdef12',
    serviceCode: 'S-1-04',
    applicant: { username: 'alice', displayName: 'Alice' },
    districtCode: '510104',
    officeCode: 'O-510104',
    acceptedAtOffice: null,
    leadDepartment: '市民政局',
    state: 'accepted',
    submittedOn: '2024-01-02',
    revision: 2,
    createdAt: '2024-01-02T01:00:00Z',
    updatedAt: '2024-01-02T01:00:00Z',
    deadlines: {
      decision: flagsOf('2024-02-20', 10),
      pausedWithWorkingDaysLeft: null,
      decidedLate: null,
      pledgeVerification: null,
    },
    allowedActions: [],
    entitlement: { outcome: 'eligible', date: '2024-01-02', likelyToQualify: true },
    ...over,
  };
}

describe('queue filters in the hash query', () => {
  it('keeps known values and drops unknown states and deadlines', () => {
    const f = readQueueFilters(new URLSearchParams('service=S-1-04&state=nope&deadline=soon&escalated=yes'));
    expect(f).toEqual({ service: 'S-1-04', district: '', state: '', deadline: '', escalated: '' });
    expect(
      readQueueFilters(new URLSearchParams('state=accepted&deadline=overdue&escalated=1')),
    ).toMatchObject({
      state: 'accepted',
      deadline: 'overdue',
      escalated: '1',
    });
    expect(queueApiPath(readQueueFilters(new URLSearchParams('')))).toBe('/api/cases');
  });

  it('sends exactly the filters that are set (property)', () => {
    const arb = fc.record({
      service: fc.constantFrom('', 'S-1-04', 'S-2-01'),
      district: fc.constantFrom('', '510104', 'Z-tianfu'),
      state: fc.constantFrom('', ...CASE_STATES),
      deadline: fc.constantFrom('', 'overdue', 'near'),
      escalated: fc.constantFrom('', '1'),
    });
    fc.assert(
      fc.property(arb, (f) => {
        const path = queueApiPath(f);
        const sent = new URLSearchParams(path.split('?')[1] ?? '');
        // Read back through the same parser the page uses: the round trip loses nothing.
        expect(readQueueFilters(sent)).toEqual(f);
        const set = Object.values(f).filter((v) => v !== '').length;
        expect([...sent.keys()].length).toBe(set);
      }),
    );
  });
});

describe('flags and counts', () => {
  it('flags an overdue decision, a near one, escalation, proactive cases and pledges to verify', () => {
    expect(caseFlags(caseOf())).toEqual([]);
    expect(
      caseFlags(caseOf({ deadlines: { ...caseOf().deadlines, decision: flagsOf('2024-01-03', -2) } })),
    ).toEqual(['overdue']);
    expect(
      caseFlags(caseOf({ deadlines: { ...caseOf().deadlines, decision: flagsOf('2024-01-03', 1) } })),
    ).toEqual(['near']);
    expect(
      caseFlags(
        caseOf({
          escalation: { kind: 'overdue', at: '2024-01-05T01:00:00Z', due: '2024-01-03' },
          origin: 'proactive',
        }),
      ),
    ).toEqual(['escalated', 'proactive']);
    // A decided case's old deadline flags nothing; its pledge verification does.
    const pledged = caseOf({
      state: 'approvedOnPledge',
      deadlines: {
        decision: flagsOf('2024-01-03', -5),
        pausedWithWorkingDaysLeft: null,
        decidedLate: false,
        pledgeVerification: flagsOf('2024-02-01', 1),
      },
    });
    expect(caseFlags(pledged)).toEqual(['near', 'pledgeDue']);
    expect(decisionClockRunning(pledged)).toBe(false);
    expect(decisionClockRunning(caseOf())).toBe(true);
    const paused = caseOf({
      state: 'supplementRequested',
      deadlines: {
        decision: null,
        pausedWithWorkingDaysLeft: 7,
        decidedLate: null,
        pledgeVerification: null,
      },
    });
    expect(decisionClockRunning(paused)).toBe(false);
    expect(caseFlags(paused)).toEqual([]);
  });

  it('counts every case once, in the state machine order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CASE_STATES), { maxLength: 40 }), (states) => {
        const counts = countByState(states.map((s: CaseState) => caseOf({ state: s })));
        expect(counts.reduce((n, c) => n + c.count, 0)).toBe(states.length);
        expect(counts.every((c) => c.count > 0)).toBe(true);
        const order = counts.map((c) => CASE_STATES.indexOf(c.state));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
    );
  });
});

describe('words', () => {
  it('names every state, action and role in both languages', () => {
    for (const s of CASE_STATES) {
      expect(stateText(s, 'zh')).not.toBe(s);
      expect(stateText(s, 'en')).toMatch(/^[A-Z]/);
    }
    for (const a of CASE_ACTIONS) {
      expect(actionText(a, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      expect(actionText(a, 'en')).toMatch(/^[A-Z]/);
    }
    expect(actionText('reassign', 'zh')).toBe('转办');
    expect(actionText('accept', 'zh')).toBe('受理');
    expect(roleText('caseWorker', 'zh')).toBe('窗口工作人员');
    expect(roleText('supervisor', 'en')).toBe('A supervisor');
    expect(stateText(null, 'zh')).toBe('—');
  });

  it('asks for a reason exactly where the state machine requires one', () => {
    for (const d of CASE_TRANSITIONS) expect(actionNeedsReason(d.action)).toBe(d.reasonRequired);
    expect(actionNeedsReason('requestSupplement')).toBe(true);
    expect(actionNeedsReason('accept')).toBe(false);
  });

  it('describes a change in words: states, offices, the clock', () => {
    expect(changeText({ field: 'state', before: 'submitted', after: 'accepted' }, AREAS, 'zh')).toBe(
      '状态：已提交 → 已受理',
    );
    expect(changeText({ field: 'officeCode', before: 'O-510104', after: 'O-Z-tianfu' }, AREAS, 'en')).toBe(
      'Office: Jinjiang Government Service Centre → Tianfu New Area Government Service Centre',
    );
    expect(
      changeText(
        {
          field: 'clock',
          before: { startedOn: '2024-01-02', pauses: [], stoppedOn: null },
          after: { startedOn: '2024-01-02', pauses: [{ from: '2024-01-05', to: null }], stoppedOn: null },
        },
        AREAS,
        'zh',
      ),
    ).toBe('办理时限计时：计时中（自 2024-01-02） → 暂停中（待补正）');
  });

  it('formats sizes', () => {
    expect(bytesText(812)).toBe('812 B');
    expect(bytesText(14_540)).toBe('14.2 KB');
    expect(bytesText(3_250_000)).toBe('3.1 MB');
  });
});

describe('facts and offices', () => {
  it('groups facts by person and household in registry order, values in words, unknown as 未知', () => {
    const groups = groupFacts(
      {
        'household.memberCount': 3,
        'person.residenceDistrict': '510104',
        'person.hukouType': 'urban',
        'person.incomeMonthly': null,
        'x.custom': 'v',
      },
      AREAS,
      'zh',
    );
    expect(groups.map((g) => g.group)).toEqual(['person', 'household', 'other']);
    const person = groups[0]!.lines;
    expect(person.map((l) => l.key)).toEqual([
      'person.hukouType',
      'person.residenceDistrict',
      'person.incomeMonthly',
    ]);
    expect(person.find((l) => l.key === 'person.residenceDistrict')?.value).toBe('锦江区');
    expect(person.find((l) => l.key === 'person.incomeMonthly')?.value).toBe('未知');
    expect(person.find((l) => l.key === 'person.hukouType')?.value).not.toBe('urban');
    expect(groups[1]!.lines[0]).toMatchObject({ key: 'household.memberCount', value: '3' });
    expect(factValueText('person.incomeMonthly', undefined, AREAS, 'en')).toBe('unknown');
    expect(factValueText('person.residenceDistrict', '510104', AREAS, 'en')).toBe('Jinjiang');
    expect(groupFacts({}, AREAS, 'zh')).toEqual([]);
  });

  it('offers one office per district and zone, none for the city', () => {
    expect(officeOptions(AREAS).map((o) => o.code)).toEqual(['O-510104', 'O-Z-tianfu']);
    expect(officeText('O-510104', AREAS, 'zh')).toBe('锦江区政务服务中心');
    expect(officeText('O-999', AREAS, 'zh')).toBe('O-999');
    expect(officeText(null, AREAS, 'zh')).toBe('—');
  });
});
