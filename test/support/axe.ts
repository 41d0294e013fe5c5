/**
 * WCAG 2.1 AA in the browser tests (issue 6): axe-core injected into the page as it is now and run
 * on the whole document (or `context`). A failure lists every violation with its id, impact, help
 * text and the first elements it found, so the message alone says what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The rule tags issue 6 asks for: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** How many target selectors of each violation the message shows. */
const TARGETS_SHOWN = 3;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  count: number;
}

/** axe-core's element context: a selector, or {include, exclude} as axe.run takes it. */
export type AxeContext = string | { include?: string[][] | string[]; exclude?: string[][] | string[] };

/** Run axe on the page and return its violations, reduced to what a failure message needs. */
export async function axeViolations(page: Page, context?: AxeContext): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  // Evaluated, not added as a <script>: the app's Content-Security-Policy (script-src 'self') blocks inline
  // scripts, and the test must see the page under the policy it ships with.
  if (!loaded) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(
    async ({ context, tags }) => {
      interface AxeNode {
        target: unknown[];
      }
      interface AxeResult {
        id: string;
        impact?: string | null;
        help: string;
        nodes: AxeNode[];
      }
      const axe = (
        window as unknown as {
          axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeResult[] }> };
        }
      ).axe;
      const result = await axe.run(context ?? document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
        count: v.nodes.length,
      }));
    },
    { context: context ?? null, tags: [...WCAG_TAGS] },
  );
}

/** The violations as lines a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const shown = v.targets.slice(0, TARGETS_SHOWN).join(' | ');
      const more = v.count > TARGETS_SHOWN ? ` (+${v.count - TARGETS_SHOWN} more)` : '';
      return `- ${v.id} [${v.impact ?? 'unknown'}] ${v.help}: ${shown}${more}`;
    })
    .join('\n');
}

/** Fail with every violation listed when axe finds any WCAG 2.1 A/AA problem on the page. */
export async function expectNoAxeViolations(page: Page, context?: AxeContext): Promise<void> {
  const violations = await axeViolations(page, context);
  if (violations.length > 0) {
    const where = page.url();
    throw new Error(
      `axe found ${violations.length} WCAG 2.1 AA violation(s) on ${where}:\n${describeViolations(violations)}`,
    );
  }
}
