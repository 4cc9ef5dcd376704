import { parseDocument } from 'yaml';

const agents = Array.from({ length: 128 }, (_, i) =>
  [
    `  - id: agent_${i + 1}`,
    '    backend:',
    '      type: chatcompletion',
    `      model: model-${i + 1}`,
    `      base_url: http://127.0.0.1:1234/v1`,
    '      api_key: k',
  ].join('\n'),
);
const text = `agents:\n${agents.join('\n')}\nui:\n  logging_enabled: true\n`;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  parseDocument(text, { uniqueKeys: false }).toJS();
  console.log(i, (performance.now() - t).toFixed(1));
}
