/** Errors of `massgen optimize`. */
import { MassGenError } from '../errors.js';

/** The optimiser failed for a reason other than the budget. */
export class OptimizerError extends MassGenError {}
