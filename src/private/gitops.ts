/**
 * Annotations that keep an object in the cluster when a GitOps tool prunes it because it left the manifests
 * (Argo CD `Delete=false`, Flux `prune: disabled`). Used on objects whose deletion would delete data.
 */
export const KEEP_ON_PRUNE: { readonly [key: string]: string } = {
  'argocd.argoproj.io/sync-options': 'Delete=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};
