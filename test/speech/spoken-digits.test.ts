import { spokenDigits } from '../../src/speech/spoken-digits';

describe('spokenDigits: a number entry said aloud', () => {
  it.each([
    ['一三八零零一三八零零零', '13800138000'],
    ['幺三八 洞洞幺三 八洞洞洞', '13800138000'],
    ['一三八〇〇一三八〇〇〇', '13800138000'],
    ['我的号码是一三八零零一三八零零零，谢谢', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['1 3 8 0 0 1 3 8 0 0 0', '13800138000'],
    ['一三八 0013 八千', '13800138000'],
    ['一百二十三', '123'],
    ['两千零五', '2005'],
    ['查一下 一三八零零一三八零零零', '13800138000'],
  ])('a Mandarin caller says "%s": %s', (said, digits) => {
    expect(spokenDigits(said, 'zh-CN')).toBe(digits);
  });

  it.each([
    ['one three eight double oh one three eight triple zero', '13800138000'],
    ['1 3 8 0 0 1 3 8 0 0 0', '13800138000'],
    ["my number is one three eight, oh oh one three, eight oh oh oh, thanks", '13800138000'],
    ["it's 138 0013 8000", '13800138000'],
    ['one hundred twenty three', '123'],
    ['one hundred and five', '105'],
    ['double eight', '88'],
    ['triple 0', '000'],
    ['nineteen eighty four', '1984'],
  ])('an English caller says "%s": %s', (said, digits) => {
    expect(spokenDigits(said, 'en-US')).toBe(digits);
  });

  it.each([
    ['帮我查一下', 'zh-CN'],
    ['我有两个账号', 'zh-CN'],
    ['一三八，还有一三九', 'zh-CN'],
    ['万一', 'zh-CN'],
    ['谢谢', 'zh-CN'],
    ['', 'zh-CN'],
    ['I do not know it', 'en-US'],
    ['oh', 'en-US'],
    ['one three eight or maybe one three nine', 'en-US'],
    ['double', 'en-US'],
  ] as const)('hears no single number in "%s"', (said, lang) => {
    expect(spokenDigits(said, lang)).toBeUndefined();
  });
});
