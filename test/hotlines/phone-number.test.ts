import { countryOfNumber, maskPhone, normalizeNumber, tryNormalizeNumber } from '../../src/hotlines';

describe('normalizeNumber', () => {
  it.each([
    '400-0066-888',
    '4000066888',
    '+86 400 0066 888',
    '+864000066888',
    '86-400-0066-888',
    '+86-400-0066-888',
    '(400) 0066.888',
    '0086 400 0066 888',
    '＋８６ ４００ ００６６ ８８８',
  ])('treats %s as the same 400 service number', (raw) => {
    expect(normalizeNumber(raw)).toBe('+864000066888');
  });

  it('recognises the other service lines without a country code', () => {
    expect(normalizeNumber('400-101-5454')).toBe('+864001015454');
    expect(normalizeNumber('400-810-8800')).toBe('+864008108800');
    expect(normalizeNumber('800-810-8800')).toBe('+868008108800');
  });

  it('reads a mobile written without a country code as Chinese', () => {
    expect(normalizeNumber('13800138000')).toBe('+8613800138000');
    expect(normalizeNumber('138 0013 8000')).toBe('+8613800138000');
    expect(normalizeNumber('+86 138-0013-8000')).toBe('+8613800138000');
  });

  it('reads a Beijing landline with its trunk prefix as Chinese', () => {
    expect(normalizeNumber('010-8888 6666')).toBe('+861088886666');
  });

  it('keeps foreign numbers in E.164 as they are', () => {
    expect(normalizeNumber('+14155550100')).toBe('+14155550100');
    expect(normalizeNumber('+1 (415) 555-0100')).toBe('+14155550100');
    expect(normalizeNumber('+44 20 7183 8750')).toBe('+442071838750');
  });

  it('refuses things that are not phone numbers, without echoing them', () => {
    expect(tryNormalizeNumber('anonymous')).toBeUndefined();
    expect(tryNormalizeNumber('client:alice')).toBeUndefined();
    expect(tryNormalizeNumber('')).toBeUndefined();
    expect(tryNormalizeNumber('12')).toBeUndefined();
    expect(() => normalizeNumber('1-800-FLOWERS')).toThrow(RangeError);
  });
});

describe('countryOfNumber', () => {
  it.each([
    ['+14155550100', 'US'],
    ['+8613800138000', 'CN'],
    ['+864000066888', 'CN'],
    ['+442071838750', 'GB'],
    ['+85261234567', 'HK'],
  ])('places %s in %s', (number, country) => {
    expect(countryOfNumber(number)).toBe(country);
  });

  it('still places an unallocated +1 number abroad rather than nowhere', () => {
    expect(countryOfNumber('+15555550100')).toBe('US');
  });

  it('knows no country for non-numbers', () => {
    expect(countryOfNumber('anonymous')).toBeUndefined();
  });
});

describe('maskPhone', () => {
  it('shows a Chinese mobile the way the caller reads it, middle four hidden', () => {
    expect(maskPhone('+8613800138000')).toBe('138****8000');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
  });

  it('keeps only country code and last four of other numbers', () => {
    expect(maskPhone('+14155550100')).toBe('+1******0100');
    expect(maskPhone('+442071838750')).toBe('+44******8750');
    expect(maskPhone('400-0066-888')).toBe('+86******6888');
  });

  it('masks all but the last two digits of something unparseable', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('call 98-76')).toBe('**76');
  });

  it.each(['+8613800138000', '+14155550100', '400-0066-888', '12345', '12', '7'])(
    'never reveals the whole of %s',
    (raw) => {
      const digits = raw.replace(/\D/g, '');
      expect(maskPhone(raw).replace(/\D/g, '')).not.toBe(digits);
    },
  );
});
