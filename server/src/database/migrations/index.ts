import { Foundation1763740800000 } from './1763740800000-foundation.js';

/** Every migration, oldest first. Listed as classes so jest (src) and the CLI (dist) both find them. */
export const MIGRATIONS = [Foundation1763740800000];
