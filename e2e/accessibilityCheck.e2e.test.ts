import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowser } from './support/browser.ts';

describe('the accessibility check every page goes through', () => {
  const browser = useBrowser();

  it('finds the problems a page has, by rule', async () => {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html><head><title>Broken</title></head><body>
      <main><h1>Broken page</h1>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <form><input type="text" name="unlabelled"></form>
      <p style="color:#ccc;background:#fff">Pale text on white</p></main></body></html>`);
    const violations = await axeViolations(page);
    const rules = violations.map((v) => v.split(' ')[0]);
    expect(rules).toEqual(expect.arrayContaining(['image-alt', 'label', 'color-contrast', 'html-has-lang']));
  });

  it('finds nothing on a page that has no problems', async () => {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body>
      <main><h1>A fine page</h1><p>Plain text.</p></main></body></html>`);
    expect(await axeViolations(page)).toEqual([]);
  });
});
