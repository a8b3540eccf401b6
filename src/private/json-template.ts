import { stableJson } from './names';

type Key = string | number;

/** Where the holes are: a node is a hole, or has children that lead to holes. */
interface PathTrie<H extends string> {
  hole?: H;
  readonly children: Map<Key, PathTrie<H>>;
}

/**
 * A wire-format value with holes, serialized once. Most of what the library writes per service is the same for
 * every service (a binder Job's pod template differs only in its labels and its binding spec), so the template is
 * built and serialized once, and each `fill` only copies the objects on the paths to its holes (the rest is shared,
 * frozen) and writes its stable JSON from the template's pieces.
 *
 * The pieces are exact: `stableJson` of an object is its members' JSON in key order, and the key order does not
 * depend on the values, so putting a value's stable JSON where the hole's placeholder was written gives
 * `stableJson` of the filled value (`test/private/json-template.test.ts` checks it on random values).
 */
export class JsonTemplate<H extends string> {
  private readonly value: unknown;
  private readonly trie: PathTrie<H> = { children: new Map() };
  /** The JSON around the holes, in the order the holes appear in it: one more piece than holes. */
  public readonly pieces: readonly string[];
  /** The holes in the order they appear in the JSON. */
  public readonly order: readonly H[];

  /**
   * @param value the value, with each hole's placeholder (a string unique to it) where its value goes
   * @param placeholders the placeholder of each hole: each must occur exactly once in `value`, as a whole string
   */
  constructor(value: unknown, placeholders: { readonly [hole in H]: string }) {
    const byPlaceholder = new Map(Object.entries<string>(placeholders).map(([hole, p]) => [p, hole as H]));
    const found = new Set<H>();
    const visit = (node: unknown, path: Key[]): void => {
      if (typeof node === 'string' && byPlaceholder.has(node)) {
        const hole = byPlaceholder.get(node)!;
        if (found.has(hole)) throw new Error(`JsonTemplate: placeholder of hole "${hole}" occurs more than once`);
        found.add(hole);
        let t = this.trie;
        for (const key of path) {
          if (!t.children.has(key)) t.children.set(key, { children: new Map() });
          t = t.children.get(key)!;
        }
        t.hole = hole;
        return;
      }
      if (node === null || typeof node !== 'object') return;
      Object.freeze(node);
      if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...path, i]));
      else for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
    };
    visit(value, []);
    for (const hole of byPlaceholder.values()) {
      if (!found.has(hole)) throw new Error(`JsonTemplate: placeholder of hole "${hole}" not found`);
    }
    this.value = value;

    // Split the JSON at the placeholders' JSON, in the order they occur.
    const json = stableJson(value);
    const at = [...byPlaceholder].map(([p, hole]) => ({ hole, text: JSON.stringify(p), index: json.indexOf(JSON.stringify(p)) }))
      .sort((a, b) => a.index - b.index);
    this.order = at.map((a) => a.hole);
    const pieces: string[] = [];
    let from = 0;
    for (const a of at) {
      if (json.indexOf(a.text, a.index + 1) !== -1) throw new Error(`JsonTemplate: placeholder of hole "${a.hole}" is written more than once`);
      pieces.push(json.slice(from, a.index));
      from = a.index + a.text.length;
    }
    pieces.push(json.slice(from));
    this.pieces = pieces;
  }

  /**
   * The value with the holes filled, and each hole's stable JSON in `order`: the filled value's stable JSON is
   * `pieces[0] + holes[0] + pieces[1] + … + pieces[n]` (see `json`), left to the caller to write or hash in parts.
   * @param values each hole's value: a JSON value (its objects are not copied: don't change them afterwards)
   */
  public fill(values: { readonly [hole in H]: unknown }): { readonly value: any; readonly holes: readonly string[] } {
    return { value: fillNode(this.value, this.trie, values), holes: this.order.map((hole) => stableJson(values[hole])) };
  }

  /** The stable JSON of a filled value, from the holes' JSON that `fill` returned. */
  public json(holes: readonly string[]): string {
    let json = this.pieces[0];
    for (let i = 0; i < holes.length; i++) json += holes[i] + this.pieces[i + 1];
    return json;
  }
}

function fillNode<H extends string>(node: any, trie: PathTrie<H>, values: { readonly [hole in H]: unknown }): any {
  if (trie.hole !== undefined) return values[trie.hole];
  const copy = Array.isArray(node) ? [...node] : { ...node };
  for (const [key, child] of trie.children) copy[key] = fillNode(node[key], child, values);
  return copy;
}
