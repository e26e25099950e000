import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TUTORIAL_PATHS, TUTORIAL_TURNS_PER_CALL } from '../../src/bench/call-paths';
import { drive, gatherAction } from '../../src/bench/load-driver';

/**
 * A stand-in for the tutorial app's three routes, answering as it does (relative Gather actions,
 * no status callback), so the driver's tutorial mode can be checked without installing it.
 */
function fakeTutorial(seen: string[], opts: { planetsEnd?: string } = {}): Server {
  const gather = (action: string, text: string) => `<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="${action}" numDigits="1" method="POST"><Say loop="3">${text}</Say></Gather></Response>`;
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const digits = new URLSearchParams(body).get('Digits');
      seen.push(`${req.url} ${digits ?? ''}`.trim());
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/ivr/welcome') return res.end(gather('/ivr/menu', 'Press 1 for directions. Press 2 for a list of planets.'));
      if (req.url === '/ivr/menu' && digits === '1') return res.end('<?xml version="1.0" encoding="UTF-8"?><Response><Say>we are having technical trouble getting you home</Say><Hangup/></Response>');
      if (req.url === '/ivr/menu' && digits === '2') return res.end(gather('/ivr/planets', 'To call the planet Broh doe As O G, press 2.'));
      if (req.url === '/ivr/planets') return res.end(opts.planetsEnd ?? `<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+1929556648${digits}</Dial></Response>`);
      res.statusCode = 404;
      res.end('Not Found');
    });
  });
}

/**
 * A caller still in a call when the run ends is cut off, so the run lasts long enough for each of
 * the callers (one per path) to finish a whole call even on a busy machine (150 ms was not, in CI).
 */
async function callTutorial(server: Server, callers: number) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await drive({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, publicUrl: 'http://bench.local', authToken: 't', callers, durationMs: 1500, thinkMs: 0, paths: TUTORIAL_PATHS, target: { kind: 'tutorial' } });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('following a Gather to where Twilio would post the answer', () => {
  it('resolves the tutorial app’s relative action against the URL the reply came from', () => {
    expect(gatherAction('<Response><Gather action="/ivr/menu" numDigits="1"><Say>hi</Say></Gather></Response>', 'http://bench.local/ivr/welcome')).toBe('http://bench.local/ivr/menu');
  });

  it('keeps the engine’s absolute action as it is, its escaped ampersands read back', () => {
    expect(gatherAction('<Gather input="dtmf" action="http://bench.local/twilio/voice/turn?n=2&amp;x=1">', 'http://bench.local/twilio/voice')).toBe('http://bench.local/twilio/voice/turn?n=2&x=1');
  });

  it('finds nothing to follow when the reply ends the call', () => {
    expect(gatherAction('<Response><Dial>+17262043675</Dial></Response>', 'http://bench.local/ivr/planets')).toBeUndefined();
  });
});

describe('callers ringing the tutorial app', () => {
  it('walk welcome, then directions or a planet, and end each call the way its path expects, without a status callback', async () => {
    const seen: string[] = [];
    // Its directions happen to say "technical trouble": only the engine's apologies are faults.
    const result = await callTutorial(fakeTutorial(seen), 4);
    expect(result.errors).toBe(0);
    expect(result.calls).toBeGreaterThanOrEqual(4);
    expect(new Set(seen)).toEqual(new Set(['/ivr/welcome', '/ivr/menu 1', '/ivr/menu 2', '/ivr/planets 2', '/ivr/planets 3', '/ivr/planets 4']));
    expect(seen.some((s) => s.startsWith('/twilio'))).toBe(false);
    expect(TUTORIAL_TURNS_PER_CALL).toBe(2.75);
  });

  it('count a call that does not end the way its path expects as an error', async () => {
    const result = await callTutorial(fakeTutorial([], { planetsEnd: '<Response><Say>Returning to the main menu</Say><Redirect>/ivr/welcome</Redirect></Response>' }), 4);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.errorSamples[0]).toMatch(/tutorial: planets, .*: expected <Dial> at the end/);
  });
});
