/** Cost and token figures for displays; the price table itself is events/usage-cost.ts. */
export { PRICE_PROVIDERS, type Pricer, priceProviderId, usageCost } from '../events/usage-cost.js';

/** `$0.0123` below a dollar (4 decimals, `<$0.0001` for tiny amounts), `$1.23` above. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** `950`, `12.3k`, `4.5M` tokens. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}
