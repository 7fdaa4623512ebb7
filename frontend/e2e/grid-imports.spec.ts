import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, expectNoRawErrors, screenshot, signInAt } from './support';

/**
 * Grids come in from a table through the import wizard: the dry run lists a refused row with its
 * reason, the corrected file is checked again and imported, and the new grids are in the list.
 */

const COMMUNITY_CODE = '330127001201';
const SUFFIX = Date.now().toString(36).toUpperCase();
const HEADERS = '所属组织编码,网格编码,网格名称,户数,人口数';
const FIRST = `${COMMUNITY_CODE},IMP-${SUFFIX}-1,导入测试一网格,120,360`;
const SECOND = `${COMMUNITY_CODE},IMP-${SUFFIX}-2,导入测试二网格,80,200`;
const BAD_FILE = `\uFEFF${HEADERS}\r\n${FIRST}\r\n${COMMUNITY_CODE},IMP-${SUFFIX}-1,编码重复的网格,10,20\r\n`;
const CLEAN_FILE = `\uFEFF${HEADERS}\r\n${FIRST}\r\n${SECOND}\r\n`;

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await expect(page.getByText(name)).toBeVisible();
}

test('staff import grids: the dry run refuses a repeated code, the corrected file goes in', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAt(page, '/grids');
  await page.getByRole('button', { name: '批量导入' }).click();
  await page.getByRole('menuitem', { name: '批量导入网格', exact: true }).click();
  await expect(page).toHaveURL(/\/imports\/grids$/);
  await expect(page.getByRole('heading', { name: '批量导入网格' })).toBeVisible();
  await expect(page.getByText('所属组织编码、网格编码、网格名称')).toBeVisible();

  // The dry run: the third row repeats the second row's code.
  await chooseFile(page, 'grids-bad.csv', BAD_FILE);
  await page.getByRole('button', { name: '检查文件' }).click();
  await expect(page.getByText('检查发现问题，暂不能导入')).toBeVisible();
  const problems = page.getByRole('table');
  const refused = problems.getByRole('row').filter({ hasText: '网格编码' }).last();
  await expect(refused).toContainText('3');
  await expect(refused).toContainText('同一组织的网格编码在文件中重复出现');
  await expect(refused).toContainText(`IMP-${SUFFIX}-1`);
  await expect(refused).toContainText('与第 2 行不同的编码');
  await expect(page.getByRole('button', { name: /导入这/ })).toHaveCount(0);
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-grid-import-problems');

  // Nothing was stored by the dry run: the corrected file passes, and goes in.
  await page.getByRole('button', { name: '重新选择文件' }).click();
  await chooseFile(page, 'grids-clean.csv', CLEAN_FILE);
  await page.getByRole('button', { name: '检查文件' }).click();
  await expect(page.getByText('检查通过：全部 2 行都可以导入。')).toBeVisible();
  await page.getByRole('button', { name: '导入这 2 行' }).click();
  await expect(page.getByText('已导入 2 个网格')).toBeVisible();
  await screenshot(page, 'desktop-grid-import-done');
  await page.getByRole('button', { name: '查看网格列表' }).click();
  await expect(page).toHaveURL(/\/grids$/);
  await page.goto(`/grids?q=IMP-${SUFFIX}`);
  await expect(page.getByText('共 2 个网格')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '导入测试一网格' })).toContainText('360');
  await expect(page.getByRole('link', { name: `IMP-${SUFFIX}-2` })).toBeVisible();
});
