import { smsPumpSuite } from './sms-pump.suite';

// Long enough for the caps to be hit many times over; `npm run measure` runs the 30 s version.
smsPumpSuite(4);
