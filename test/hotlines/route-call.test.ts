import { HotlinesFileSchema, routeCall, callerCountry, type Hotline } from '../../src/hotlines';
import { loadHotlinesYaml } from './fixtures';

const hotlines: Hotline[] = HotlinesFileSchema.parse(loadHotlinesYaml()).hotlines;
const routed = (call: Parameters<typeof routeCall>[1]) => routeCall(hotlines, call)?.id;

describe('routeCall', () => {
  it('sends a caller from a US number dialling 400-0066-888 to the international line', () => {
    expect(routed({ to: '+864000066888', from: '+14155550100' })).toBe('international');
  });

  it('sends a caller from a Chinese mobile dialling the same number to the general line', () => {
    expect(routed({ to: '+864000066888', from: '+8613800138000' })).toBe('general');
    expect(routed({ to: '400-0066-888', from: '13800138000' })).toBe('general');
  });

  it('treats every spelling of the dialled number alike', () => {
    for (const to of ['400-0066-888', '4000066888', '+86 400 0066 888', '86-400-0066-888', '+86-400-0066-888']) {
      expect(routed({ to, from: '+442071838750' })).toBe('international');
      expect(routed({ to, from: '+8613800138000' })).toBe('general');
    }
  });

  it("trusts the carrier's FromCountry over the caller's number", () => {
    // A Chinese SIM roaming in the US is reported by Twilio as US.
    expect(routed({ to: '+864000066888', from: '+8613800138000', fromCountry: 'US' })).toBe('international');
    expect(routed({ to: '+864000066888', from: '+14155550100', fromCountry: 'CN' })).toBe('general');
  });

  it('treats a withheld caller as domestic and sends them to the general line', () => {
    expect(routed({ to: '+864000066888' })).toBe('general');
    expect(routed({ to: '+864000066888', from: 'anonymous', fromCountry: '' })).toBe('general');
  });

  it('answers the single-line numbers for callers from anywhere', () => {
    expect(routed({ to: '400-101-5454', from: '+8613800138000' })).toBe('commerce');
    expect(routed({ to: '+864001015454', from: '+14155550100' })).toBe('commerce');
    expect(routed({ to: '4008108800', from: '+14155550100' })).toBe('enterprise');
  });

  it('finds no hotline for a number we do not run, or garbage', () => {
    expect(routed({ to: '+14155550100', from: '+8613800138000' })).toBeUndefined();
    expect(routed({ to: 'sip:foo@example.com' })).toBeUndefined();
  });

  it('lets the first matching hotline in file order win', () => {
    const [general, commerce] = hotlines;
    const twin = { ...commerce, id: 'twin' };
    expect(routeCall([commerce, twin], { to: '400-101-5454' })?.id).toBe('commerce');
    expect(routeCall([twin, commerce, general], { to: '400-101-5454' })?.id).toBe('twin');
  });
});

describe('callerCountry', () => {
  it('derives the country from the number, upper-cases reported ones, and defaults to CN', () => {
    expect(callerCountry({ from: '+442071838750' })).toBe('GB');
    expect(callerCountry({ fromCountry: 'us' })).toBe('US');
    expect(callerCountry({})).toBe('CN');
  });
});
