import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from './views.ts';

describe('the trim filter', () => {
  const env = createTemplateEnvironment();

  it('trims spaces, tabs and new lines at both ends only', () => {
    expect(env.renderString('[{{ text | trim }}]', { text: ' \n\t a  b \r\n ' })).toBe('[a  b]');
    expect(env.renderString('[{{ text | trim }}]', { text: '   ' })).toBe('[]');
  });

  it('keeps marked-safe HTML safe and escapes the rest, as Nunjucks’s own does', () => {
    expect(env.renderString('{{ html | safe | trim }}', { html: '  <b>x</b>  ' })).toBe('<b>x</b>');
    expect(env.renderString('{{ html | trim }}', { html: '  <b>x</b>  ' })).toBe('&lt;b&gt;x&lt;/b&gt;');
  });
});
