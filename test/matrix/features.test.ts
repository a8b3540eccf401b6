import { featureMatrix, MATRIX_SERVICES } from '../util/matrix';

/** Every portable prop and workload kind of every service on every profile: honoured and visible, or refused exactly. */
featureMatrix(MATRIX_SERVICES);
