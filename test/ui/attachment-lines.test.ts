import { describe, expect, it } from 'vitest';
import { automationPrinter } from '../../src/ui/automation-printer.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';
import { ev, runStart, viewOf } from './helpers.js';

const asFile = ev({
  type: 'attachment',
  agentId: 'a',
  name: 'report.pdf',
  path: '/d/report.pdf',
  form: 'file',
  mediaType: 'application/pdf',
  bytes: 14_500,
});
const asText = ev({
  type: 'attachment',
  agentId: 'a',
  name: 'plan.docx',
  path: '/d/plan.docx',
  form: 'text',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  bytes: 3 * 1024 * 1024,
});

describe('the attachment event in the displays', () => {
  it('the plain display prints which form the agent got; --automation prints nothing', () => {
    const plain: string[] = [];
    const print = plainPrinter({ write: (t) => plain.push(t) });
    print(asFile);
    print(asText);
    expect(plain.join('')).toBe(
      '📎 [a] report.pdf (application/pdf) as a file, 15 KB\n' +
        '📎 [a] plan.docx (application/vnd.openxmlformats-officedocument.wordprocessingml.document) as converted text, 3.0 MB\n',
    );
    const lines: string[] = [];
    const auto = automationPrinter({ write: (l) => lines.push(l) });
    auto(asFile);
    expect(lines).toEqual([]);
  });

  it('the terminal UI notes it in the agent panel', () => {
    const text = JSON.stringify(viewOf([runStart(['a']), asFile]).agents.a);
    expect(text).toContain('📎 report.pdf (application/pdf) as a file, 15 KB');
  });
});
