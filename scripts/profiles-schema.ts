/**
 * Writes profiles.schema.json (the JSON Schema of profiles files) from the loader's option tables:
 * `npx projen schema:profiles`. test/profile-file-schema.test.ts checks the committed file is current.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import '../src/environments';
import { profilesFileSchema } from '../src/core/profile-file-schema';

writeFileSync(join(__dirname, '..', 'profiles.schema.json'), `${JSON.stringify(profilesFileSchema(), undefined, 2)}\n`);
