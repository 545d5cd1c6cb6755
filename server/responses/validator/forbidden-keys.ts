// Finds keys that must never reach MongoDB or a JavaScript object merge: operator-like keys ("$gt"),
// dotted keys (read as paths by MongoDB) and prototype-polluting names, at any depth.
const POISONED = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || POISONED.has(key);
}

/**
 * Paths of every forbidden key in `value`, e.g. `q1["a.b"]`, `m.r1.$gt`, `list[2].__proto__`.
 * Iterative on purpose: a 256 KiB body can nest deep enough to overflow a recursive walk.
 */
export function findForbiddenKeys(value: unknown): string[] {
  return hasForbiddenKey(value) ? forbiddenPaths(value) : [];
}

/** The same walk without paths: every submission is checked, almost none has such a key. */
function hasForbiddenKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push(node[i]);
      continue;
    }
    for (const k of Object.keys(node)) {
      if (isForbiddenKey(k)) return true;
      stack.push((node as Record<string, unknown>)[k]);
    }
  }
  return false;
}

function forbiddenPaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: { node: unknown; path: string; key?: string }[] = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path, key } = stack.pop()!;
    if (key !== undefined && isForbiddenKey(key)) found.push(path);
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: `${path}[${i}]` });
      continue;
    }
    // Object.keys sees an own "__proto__" created by JSON.parse, which `in`/`for…in` checks can miss.
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      stack.push({ node: (node as Record<string, unknown>)[k], path: joinPath(path, k), key: k });
    }
  }
  return found;
}

function joinPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}
