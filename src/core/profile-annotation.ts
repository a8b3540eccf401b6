import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Profile } from './profile';
import { rootOf } from '../private/root';

/** The annotation that names the profile an object was synthesized for. */
export const PROFILE_ANNOTATION = 'portabledata.io/profile';

const annotated = new WeakSet<IConstruct>();

/**
 * Makes every object of the app carry the name of the profile it was synthesized for (`portabledata.io/profile`),
 * the app's own objects included: the profile of each object's scope (`Profile.of`), written just before the app is
 * serialized. cdk8s runs the validations of every construct before it serializes a chart (`app.synth()`,
 * `chart.toJson()`, `Testing.synth()`), so a validation of the root that returns no error is that hook. Once per app.
 */
export function annotateProfiles(scope: IConstruct): void {
  const root = rootOf(scope);
  if (annotated.has(root)) return;
  annotated.add(root);
  root.node.addValidation({
    validate: () => {
      // One walk from the root, carrying the nearest attached profile down (what `Profile.of` finds for each object,
      // without walking up from every object); the selected profile where none is attached.
      let selected: Profile | undefined;
      const visit = (c: IConstruct, inherited: Profile | undefined): void => {
        const profile = Profile._attachedTo(c) ?? inherited;
        if (c instanceof ApiObject) c.metadata.addAnnotation(PROFILE_ANNOTATION, (profile ?? (selected ??= Profile.of(root))).name);
        for (const child of c.node.children) visit(child, profile);
      };
      visit(root, undefined);
      return [];
    },
  });
}
