import { IConstruct } from 'constructs';

/**
 * The root of a construct's tree: what `node.root` returns, without the array of every scope that `node.root`
 * builds (it runs a few times for every service).
 */
export function rootOf(construct: IConstruct): IConstruct {
  let root = construct;
  while (root.node.scope !== undefined) root = root.node.scope;
  return root;
}
