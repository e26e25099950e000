import type { AccountDirectory } from '../../../src/services/accounts/account-directory';
import type { AccountRecord } from '../../../src/services/accounts/account.schema';
import { fixtures, type MakeStore } from './fixture';

export const CONTRACT_ACCOUNTS: AccountRecord[] = [
  { id: 'U10001', phone: '+8613800138000', email: 'zhang.wei@example.com', name: '张伟', tier: 'standard', status: 'active' },
  { id: 'U10002', phone: '+8613700137000', name: '李娜', tier: 'standard', status: 'banned' },
  { id: 'E20001', phone: '+8613900139000', name: '示例品牌旗舰店', tier: 'enterprise', status: 'active', enterpriseId: '88001234' },
  { id: 'U10009', phone: '+8613800138000', name: 'Second holder of a shared phone', tier: 'standard', status: 'active' },
];

/** What every AccountDirectory must do; `make` builds one holding exactly `accounts`. */
export function accountDirectoryContract(name: string, make: MakeStore<AccountDirectory, [accounts: AccountRecord[]]>) {
  describe(`AccountDirectory contract: ${name}`, () => {
    const directory = fixtures(make);

    it('finds a caller by phone, by account id and by enterprise id, with every field intact', async () => {
      const d = await directory(CONTRACT_ACCOUNTS);
      expect(await d.findByPhone('+8613800138000')).toEqual(CONTRACT_ACCOUNTS[0]);
      expect(await d.findById('U10002')).toEqual(CONTRACT_ACCOUNTS[1]);
      expect(await d.findByEnterpriseId('88001234')).toEqual(CONTRACT_ACCOUNTS[2]);
    });

    it('answers undefined for a stranger, an unknown id and an unknown enterprise', async () => {
      const d = await directory(CONTRACT_ACCOUNTS);
      expect(await d.findByPhone('+8613111111111')).toBeUndefined();
      expect(await d.findById('U99999')).toBeUndefined();
      expect(await d.findByEnterpriseId('00000000')).toBeUndefined();
    });

    it('leaves optional fields out rather than filling them with null', async () => {
      const d = await directory(CONTRACT_ACCOUNTS);
      const banned = await d.findById('U10002');
      expect(banned).not.toHaveProperty('email');
      expect(banned).not.toHaveProperty('enterpriseId');
    });

    it('gives a phone shared by two accounts to the first one listed', async () => {
      const d = await directory(CONTRACT_ACCOUNTS);
      expect((await d.findByPhone('+8613800138000'))?.id).toBe('U10001');
    });

    it('finds nothing in an empty directory', async () => {
      const d = await directory([]);
      expect(await d.findByPhone('+8613800138000')).toBeUndefined();
    });
  });
}
