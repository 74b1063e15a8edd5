import { describe, expect, it } from 'vitest';
import { chartLink } from './chart-render';

describe('chartLink: where a chart mark’s href may take a person', () => {
  it('follows absolute http(s) links, in a new tab without access to the page', () => {
    expect(chartLink('https://example.com/a?b=1')).toEqual({ href: 'https://example.com/a?b=1', target: '_blank', rel: 'noopener noreferrer' });
    expect(chartLink('http://example.com')?.href).toBe('http://example.com/');
  });

  it('refuses javascript: however it is spelled', () => {
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' \tjavascript:alert(1)', 'java\nscript:alert(1)', '\u0000javascript:alert(1)']) {
      expect(chartLink(href), JSON.stringify(href)).toBeUndefined();
    }
  });

  it('refuses data:, blob:, file: and other schemes, relative links and non-text', () => {
    for (const href of ['data:text/html,<script>alert(1)</script>', 'blob:https://example.com/x', 'file:///etc/passwd', 'vbscript:x', '/?w=1', '#w=1.abc', '//example.com/x', '', null, 42]) {
      expect(chartLink(href), JSON.stringify(href)).toBeUndefined();
    }
  });
});
