import { ServiceBinding } from './backend';
import { Answers, BIND_FEATURES, COMMON_FEATURES, CommonAnswers, FeatureTable } from './features';
import { IKindBackend, KindModule, ServiceSpec } from './kind-module';
import { Support } from './support';

/**
 * The backend of a kind in a profile that has none to offer (an environment without a managed service of the
 * kind, not told to run it in the cluster): it refuses every service of the kind, and answers every feature with
 * the same reason and fix.
 */
export class RefusingBackend<S extends ServiceSpec, T extends FeatureTable<S>> implements IKindBackend<S, ServiceBinding, T> {
  public readonly refusal: Support;
  public readonly capabilities: Answers<T> & CommonAnswers;

  /**
   * @param kind the kind refused
   * @param name the backend's name (e.g. `gcp-none`)
   * @param reason why the profile has no backend of the kind
   * @param fix what the user can do (e.g. the option that runs the kind in the cluster)
   */
  constructor(kind: KindModule<S, T>, public readonly name: string, private readonly reason: string, private readonly fix: string) {
    this.refusal = Support.refused(reason, fix);
    const rows = [...Object.keys(kind.features), ...Object.keys(COMMON_FEATURES), ...Object.keys(BIND_FEATURES)];
    this.capabilities = Object.fromEntries(rows.map((row) => [row, this.refusal])) as Answers<T> & CommonAnswers;
  }

  public bind(): never {
    throw new Error(`${this.reason}. Fix: ${this.fix}`);
  }
}
