/**
 * The lifecycle on the test cluster for the cloud profiles (AWS ACK, GCP Config Connector, Azure Service Operator, Crossplane claims): the
 * objects of the YAML go, what the binder made stays, and binding again gives the credentials of before.
 */
import { lifecycleCases } from './lifecycle-cases';
import { killPrograms } from '../util/programs';

afterEach(() => killPrograms());

lifecycleCases([
  ['wordpress', 'aws'], ['photos', 'aws'], ['worker', 'aws'],
  ['wordpress', 'gcp'], ['photos', 'gcp'], ['worker', 'gcp'],
  ['wordpress', 'crossplane'], ['photos', 'crossplane'], ['worker', 'crossplane'],
  ['wordpress', 'azure'], ['photos', 'azure'], ['worker', 'azure'],
]);
