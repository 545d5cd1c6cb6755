// Types what test/helpers/global-setup.ts hands to integration tests through vitest's inject().
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** mongodb://host:port/ with no database name: each test file picks its own database. */
    mongoUri: string;
  }
}
