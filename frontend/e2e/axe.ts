import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rules GB/T 37668-2019 and the elderly-friendly (适老化) rules follow: WCAG 2.0 and 2.1, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per violation and element, to read in a failed test's message. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact ?? ''}): ${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
    )
    .join('\n');
}

/** Runs axe over the page as it is now; any violation of WCAG 2.0/2.1 A or AA fails the test. */
export async function expectAccessible(page: Page, where = page.url(), { soft = false } = {}): Promise<void> {
  // Charts and tables settle after their data; Ant Design animates menus and drawers open.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  (soft ? expect.soft : expect)(results.violations, `${where} at ${page.viewportSize()?.width ?? 0} px:\n${describe(results.violations)}`).toEqual([]);
}
