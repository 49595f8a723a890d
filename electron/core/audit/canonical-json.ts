/**
 * Canonical JSON: object keys sorted, no whitespace, undefined dropped. The same event always gives
 * the same text, so its hash can be recomputed by anyone verifying the chain.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalise);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error('Audit details may only hold finite numbers.');
      return value;
    case 'bigint':
      return value.toString();
    case 'object': {
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(value).sort()) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined) out[key] = normalise(v);
      }
      return out;
    }
    default:
      throw new Error(`Audit details cannot hold a ${typeof value}.`);
  }
}
