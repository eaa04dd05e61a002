/** Prints Vietnam's local time of the given instants, as this process (with its own TZ) computes it. */
import { localDate, localTime } from '../../src/core/time.ts';

process.stdout.write(JSON.stringify(process.argv.slice(2).map((iso) => `${localDate(iso)} ${localTime(iso)}`)));
