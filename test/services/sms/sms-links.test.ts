import { SimulatedClock } from '../../../src/platform/clock';
import { createCallerServices } from '../../../src/services/caller-services';
import { memoryAccountDirectory } from '../../../src/services/accounts/account-directory';
import { memoryOtpStore } from '../../../src/services/identity/otp-store';
import { recordingSmsSender } from '../../../src/services/sms/sms-sender';
import { memoryTicketStore } from '../../../src/services/tickets/ticket-store';
import { CONTRACT_ACCOUNTS } from '../contracts/account-directory.contract';
import { anEffect } from '../effects';
import { shippedCentre } from '../../helpers/call-centre';

describe('links in the SMS a flow sends', () => {
  const sms = recordingSmsSender();
  const services = createCallerServices({ centre: shippedCentre(),
    stores: { accounts: memoryAccountDirectory(CONTRACT_ACCOUNTS), otp: memoryOtpStore(), tickets: memoryTicketStore() },
    clock: new SimulatedClock(Date.UTC(2026, 10, 23, 2, 0)),
    smsSender: sms,
    smsFrom: () => '+8610690000001',
    links: { face_verify: 'https://id.example.com/face?u={accountId}', reset_link: 'https://id.example.com/reset' },
  });

  it('fills the verified account into a FACE_VERIFY_URL template', async () => {
    await services.handlers.sendSms(anEffect('sendSms', { kind: 'face_verify', to: 'account', text: '请点击链接完成人脸识别：{link}' }, { accountId: 'U10001' }));
    expect(sms.sent.at(-1)!.body).toBe('请点击链接完成人脸识别：https://id.example.com/face?u=U10001');
  });

  it('leaves a plain link as configured', async () => {
    await services.handlers.sendSms(anEffect('sendSms', { kind: 'reset_link', to: 'caller', text: '重置链接：{link}' }, { key: 'CAtest/t2/sendSms' }));
    expect(sms.sent.at(-1)!.body).toBe('重置链接：https://id.example.com/reset');
  });
});
