/**
 * A function of a plan's own object (a rule, a state, a selector, a `who`), computed once per object:
 * plans are immutable, so what is derived from one part of them never changes, and evaluation asks
 * for the same few dozen answers for every family. Keyed weakly, so nothing outlives the plan.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
}
