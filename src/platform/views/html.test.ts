import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { escapeHtml, Html, html } from './html.ts';

describe('html written in TypeScript', () => {
  it('escapes the five characters autoescape escapes, in the same way', () => {
    const text = `<a href="x">Tom & Jerry's</a> ‘quoted’ – ok`;
    expect(escapeHtml(text)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; ‘quoted’ – ok',
    );
    const autoescaped = new nunjucks.Environment(null, { autoescape: true }).renderString('{{ t }}', {
      t: text,
    });
    expect(escapeHtml(text)).toBe(autoescaped);
    expect(escapeHtml('plain')).toBe('plain');
  });

  it('escapes every value put into a template, and takes only Html as markup', () => {
    const name = '<script>alert(1)</script>';
    const page = html`<p title="${name}">${name} ${3} ${null}${undefined}${false}${html`<b>${name}</b>`}</p>`;
    expect(page).toBeInstanceOf(Html);
    expect(page.text).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt; 3 <b>&lt;script&gt;alert(1)&lt;/script&gt;</b></p>',
    );
    expect(html`<ul>${['<i>', 'b'].map((item) => html`<li>${item}</li>`)}</ul>`.text).toBe(
      '<ul><li>&lt;i&gt;</li><li>b</li></ul>',
    );
  });
});
