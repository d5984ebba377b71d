import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { escapeHtml, Html, HtmlBuilder, HtmlBytes, html, KeptMarkup } from './html.ts';

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

  it('puts a page together as bytes from Html and kept bytes, in order', () => {
    const kept = HtmlBytes.of(html`<li>${'Dùn & Còmhla'}</li>`);
    const page = new HtmlBuilder()
      .add(html`<ul>`)
      .add(kept)
      .add(html`<li>${'’quoted’'}</li>`)
      .add(kept)
      .add(html`</ul>`)
      .bytes();
    expect(page).toBeInstanceOf(Buffer);
    expect(page.toString('utf8')).toBe(
      '<ul><li>Dùn &amp; Còmhla</li><li>’quoted’</li><li>Dùn &amp; Còmhla</li></ul>',
    );
    expect(new HtmlBuilder().bytes().length).toBe(0);
  });

  it('makes a kept piece once for each key, and forgets them all when full', () => {
    const kept = new KeptMarkup<string>(2);
    let made = 0;
    const make = (text: string) => () => {
      made += 1;
      return text;
    };
    expect(kept.get('a', make('A'))).toBe('A');
    expect(kept.get('a', make('not this'))).toBe('A');
    expect(kept.get('b', make('B'))).toBe('B');
    expect(made).toBe(2);
    // Full: a third key empties it, so "a" is made again.
    expect(kept.get('c', make('C'))).toBe('C');
    expect(kept.get('a', make('A again'))).toBe('A again');
    expect(made).toBe(4);
  });
});
