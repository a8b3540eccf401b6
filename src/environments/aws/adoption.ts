/** ACK annotation: what the controller does when the AWS resource already exists (runtime feature `ResourceAdoption`). */
const ACK_ADOPTION_POLICY_ANNOTATION = 'services.k8s.aws/adoption-policy';
/** ACK annotation: the fields (JSON, the CRD's field names) that identify the AWS resource to adopt. */
const ACK_ADOPTION_FIELDS_ANNOTATION = 'services.k8s.aws/adoption-fields';

/**
 * The annotations that let a retained AWS resource be taken back: with the ACK deletion policy `retain`, deleting the
 * object (`kubectl delete -f`) leaves the resource in AWS, and applying the object again would find it "already
 * exists" and stop in `ACK.Terminal`. With `adopt-or-create` the controller adopts the resource it finds by `fields`
 * (and updates it to the spec), or creates it when there is none (ACK docs, "Resource Adoption"; the controller's
 * `ResourceAdoption` feature gate must be on). Only for retained resources: a deleted one leaves nothing to adopt,
 * and adopting is what keeps a `delete` object from taking over a resource it did not create.
 *
 * @param fields the resource's identifying fields as the CRD names them (`dbInstanceIdentifier`, `name`)
 */
export function adoptRetained(fields: { [field: string]: string }): { [annotation: string]: string } {
  return {
    [ACK_ADOPTION_POLICY_ANNOTATION]: 'adopt-or-create',
    [ACK_ADOPTION_FIELDS_ANNOTATION]: JSON.stringify(fields),
  };
}
