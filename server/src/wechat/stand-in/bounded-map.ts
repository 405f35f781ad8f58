/**
 * A Map that forgets its oldest entries beyond a cap, so a stand-in left
 * running for days of development keeps a fixed footprint. Map keeps insertion
 * order, so the first key is always the oldest.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly cap: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.cap) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }
}
