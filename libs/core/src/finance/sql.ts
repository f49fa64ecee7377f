export { updateReturning } from '../database/update-returning';
