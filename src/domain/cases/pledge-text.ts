/**
 * The pledge (告知承诺书) an applicant signs when applying for a service that allows pledge-based
 * approval (告知承诺制): instead of proving every fact up front, they promise the facts are true and
 * accept later verification. The case worker may then approve on the pledge (approveOnPledge), and the
 * pledge is verified within a set period or the approval is revoked.
 *
 * Source: 国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）
 * asks that a pledge state what is promised, that the applicant accepts verification, and the
 * consequences of a false pledge (revocation and a record in the credit system). This wording is our
 * own default summary of those points — 未在已存资料中核对原文 (not checked against the text of the
 * opinion, which is not among our stored sources); a city may replace it with its own.
 *
 * Versioned: a case records the version its applicant signed, so a later change of wording does not
 * change what an earlier applicant promised.
 */

export interface PledgeText {
  /** Recorded with each signature; change it whenever the wording changes. */
  version: string;
  title: { zh: string; en: string };
  /** The promises, one per paragraph, in the order shown. */
  paragraphs: readonly { zh: string; en: string }[];
}

export const PLEDGE_TEXT: PledgeText = {
  version: 'pledge-2020-42-v1',
  title: { zh: '告知承诺书', en: 'Pledge (notification and commitment)' },
  paragraphs: [
    {
      zh: '本人已知晓本事项的申请条件、所需材料和办理要求。',
      en: 'I know the conditions, the materials required and the procedure of this service.',
    },
    {
      zh: '本人所填写的情况和提交的材料真实、完整、有效。',
      en: 'The facts I have stated and the materials I have provided are true, complete and valid.',
    },
    {
      zh: '对尚未提交的材料，本人将在规定期限内补齐；本人同意并配合有关部门在核查期限内进行核查。',
      en: 'I will provide any missing materials within the set period, and I accept and will assist verification by the authorities within the verification period.',
    },
    {
      zh: '本人知晓：承诺不实的，已作出的批准将被撤销，并可能依法记入本人信用记录，承担相应法律责任。',
      en: 'I know that if my pledge proves false, the approval will be revoked, it may be recorded in my credit record as the law provides, and I bear the legal consequences.',
    },
  ],
};

/** What a case records when its applicant signed: the China date and the version of the text. */
export interface PledgeSignature {
  on: string;
  textVersion: string;
}
