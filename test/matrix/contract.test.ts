import { contractMatrix, MATRIX_SERVICES } from '../util/matrix';

/** The connection contract of every kind on every profile. */
contractMatrix(MATRIX_SERVICES);
