import { smsPumpSuite } from '../scale/sms-pump.suite';

// The closing note's figure: 30 s of a spoofed caller ID hammering a served process.
smsPumpSuite(30);
