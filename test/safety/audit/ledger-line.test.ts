import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainLine,
  GENESIS,
  lineHash,
  lineJson,
} from '../../../src/safety/audit/ledger-line.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the ledger line format', () => {
  it('writes canonical JSON: keys sorted at every level, arrays in order, no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units, not by locale (upper case before lower case)', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, é: 4 })).toBe('{"B":2,"a":3,"b":1,"é":4}');
  });

  it('puts seq, prev and hash first in a line, then the other members sorted', () => {
    expect(lineJson({ toolName: 't', hash: 'h', agentId: 'a', prev: 'p', seq: 1 })).toBe(
      '{"seq":1,"prev":"p","hash":"h","agentId":"a","toolName":"t"}',
    );
  });

  it('hashes prev followed by the canonical line without its hash', () => {
    const line = chainLine({ toolName: 'write_file', agentId: 'agent1' }, 1, GENESIS);
    const body = `{"seq":1,"prev":"${GENESIS}","agentId":"agent1","toolName":"write_file"}`;
    expect(line.hash).toBe(sha256(GENESIS + body));
    expect(line.text).toBe(
      `{"seq":1,"prev":"${GENESIS}","hash":"${line.hash}","agentId":"agent1","toolName":"write_file"}`,
    );
    expect(lineHash(JSON.parse(line.text))).toBe(line.hash);
  });

  it('starts every chain from 64 zeros', () => {
    expect(GENESIS).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('keeps a "__proto__" key as a plain member, hashed like any other', () => {
    const fields = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    const line = chainLine(fields, 1, GENESIS);
    expect(line.text).toContain('"__proto__":{"polluted":true}');
    expect(lineHash(JSON.parse(line.text))).toBe(line.hash);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
