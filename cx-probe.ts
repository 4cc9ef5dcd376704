import { createFakeProvider } from './test/fake-provider/server.js';
import { consensus } from './test/fake-provider/scenario.js';
import { Codex } from '@openai/codex-sdk';
import { mkdtempSync } from 'node:fs';
import { startWorkflowMcpServer } from './src/adapters/workflow-mcp-server.js';
let n = 0; const fake = await createFakeProvider({ scenario: (req) => (n++ === 0 ? { toolCalls: [{ name: process.env.TOOLNAME!, args: { content: 'hi there' } }] } : { text: 'after' }) });
const home = mkdtempSync('/tmp/cx-');
const mcp = await startWorkflowMcpServer([{ name: 'new_answer', description: 'Give an answer', inputSchema: { type: 'object', properties: { content: { type: 'string' } }, required: ['content'] }, execute: async (a) => { console.log('CALLED', a); return { text: 'recorded', isError: false, final: true }; } }]);
const codex = new Codex({ apiKey: 'sk-fake', env: { PATH: process.env.PATH!, HOME: home, CODEX_HOME: home }, config: {
  model_provider: 'massgen',
  model_providers: { massgen: { name: 'MassGen', base_url: fake.baseUrls.openai, wire_api: 'responses', env_key: 'CODEX_API_KEY', supports_websockets: false, request_max_retries: 0, stream_max_retries: 0 } },
  developer_instructions: 'You are agent X. Call new_answer.',
  mcp_servers: { massgen: { url: mcp.url, default_tools_approval_mode: 'auto' } },
} });
const thread = codex.startThread({ workingDirectory: home, skipGitRepoCheck: true, model: 'gpt-5-codex', sandboxMode: 'read-only', approvalPolicy: 'never' });
const t0 = Date.now();
const { events } = await thread.runStreamed('Say hi');
for await (const e of events) console.log(Date.now() - t0, JSON.stringify(e).slice(0, 300));
for (const r of fake.requests) console.log(JSON.stringify(r.providerTools.map((t:any)=>[t.type,t.name,(t.tools??[]).map((x:any)=>x.name)])), r.path, r.model, r.stream, r.tools.map((t) => t.name).join(','), r.system.slice(0, 100).replace(/\n/g, ' '));
await mcp.close(); await fake.close();
console.log('SECOND', JSON.stringify(fake.requests[1]?.messages.slice(-2)).slice(0, 600));
