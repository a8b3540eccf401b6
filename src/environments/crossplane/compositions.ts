import { Construct } from 'constructs';
import { CLOUD_TITLES, CLOUDS, CrossplaneCloud, PerCloud } from './clouds';
import { ComposedTemplate } from './patch-and-transform';

/**
 * How one cloud implements a portable API: it checks the cloud's options (the platform construct's `aws`, `gcp` …
 * prop) and gives the composed resources of its Composition.
 *
 * @typeParam O the cloud's options
 */
export interface CloudComposition<O> {
  /**
   * The composed resources of the Composition, for the cloud's options (`undefined` when the platform got none);
   * fails at synth naming the option that is missing or wrong.
   */
  readonly compose: (scope: Construct, options: O | undefined, secretNamespace: string) => ComposedTemplate[];
}

/** A cloud that has no Composition of an API: why, and what the user can do instead. */
export class CompositionRefusal {
  /**
   * @param reason why the cloud has no Composition of the API (e.g. `GCP has no managed AMQP 0-9-1 service`)
   * @param fix what to do instead (e.g. run the service in the cluster)
   */
  constructor(public readonly reason: string, public readonly fix: string) {}
}

/**
 * The Compositions of an API: every cloud answers, with an implementation or a refusal. A cloud answers with an
 * implementation only if the platform has options for it (a key of `O`); adding a cloud to `CrossplaneCloud` makes
 * the compiler list every API whose record lacks it.
 *
 * @typeParam O each implemented cloud's options, by cloud (`{ [CrossplaneCloud.AWS]: CrossplaneCacheAwsOptions, … }`)
 * @typeParam X what each implementation offers beyond its resources (e.g. the catalog checks of a claim)
 */
export type Compositions<O, X = {}> = {
  readonly [C in CrossplaneCloud]: (C extends keyof O ? CloudComposition<O[C]> & X : never) | CompositionRefusal;
};

/** Any API's Compositions, for code that only tells implementations from refusals. */
export type AnyCompositions = PerCloud<CloudComposition<any> | CompositionRefusal>;

/** The clouds with an implementation, in the order of `CrossplaneCloud`. */
export function implementedClouds(compositions: AnyCompositions): CrossplaneCloud[] {
  return CLOUDS.filter((cloud) => !(compositions[cloud] instanceof CompositionRefusal));
}

/** The implementations, by cloud, in the order of `CrossplaneCloud`. */
export function implementations<X>(compositions: PerCloud<X | CompositionRefusal>): Array<[CrossplaneCloud, X]> {
  return CLOUDS.flatMap((cloud) => {
    const composition = compositions[cloud];
    return composition instanceof CompositionRefusal ? [] : [[cloud, composition] as [CrossplaneCloud, X]];
  });
}

/** Why a cloud has no Composition of an API, as messages say it: `has no GCP Composition (<reason>)`. */
export function refusalText(cloud: CrossplaneCloud, refusal: CompositionRefusal): string {
  return `has no ${CLOUD_TITLES[cloud]} Composition (${refusal.reason})`;
}
