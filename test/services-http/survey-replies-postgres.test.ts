import { describeWith } from '../helpers/external-services';
import { postgresWorld, type ServicesWorld } from '../helpers/services-app';

const ZHANG = '+8613800138000';
const THANKS_RATING = '感谢您的评价，祝您生活愉快！';

/**
 * Survey replies reaching two servers that share PostgreSQL, through signed webhooks the fake
 * Twilio posts over HTTP; what is texted back is counted at the fake Twilio.
 */
describeWith({ postgres: true }, 'survey replies on two servers sharing PostgreSQL', () => {
  const pg = postgresWorld();
  const twoServers = () => pg.servers();
  /** Zhang calls server A, presses 0 for a person and hangs up; the survey goes out. */
  async function surveyedCall(server: Awaited<ReturnType<ServicesWorld['openServer']>>) {
    const caller = server.caller(ZHANG);
    await caller.ring();
    await caller.press('0');
    await caller.hangUp();
    expect(await server.flush()).toMatchObject({ sent: 1 });
    return caller;
  }
  const repliesTo = (phone: string) => pg.world().twilio.messages.filter((m) => m.to === phone && m.direction === 'outbound-reply').map((m) => m.body);

  it('records a rating once and thanks once when Twilio delivers the same reply to both servers at the same moment', async () => {
    const [a, b] = await twoServers();
    const caller = await surveyedCall(a);
    const messageSid = 'SM0000000000000000000000000000beef';
    const answers = await Promise.all([a.textBack(ZHANG, '5', undefined, { messageSid }), b.textBack(ZHANG, '5', undefined, { messageSid }), a.textBack(ZHANG, '5', undefined, { messageSid })]);
    expect(answers.map((x) => x.status)).toEqual([200, 200, 200]);
    expect(answers.flatMap((x) => x.replies)).toEqual([THANKS_RATING]);
    expect(repliesTo(ZHANG)).toEqual([THANKS_RATING]);

    expect((await b.admin.get(`/api/calls/${caller.sid}`)).body.survey).toMatchObject({ rating: 5 });
    const pool = await pg.db.open();
    expect((await pool.query('SELECT message_sid, kind, call_sid FROM sms_replies')).rows).toEqual([{ message_sid: messageSid, kind: 'rating', call_sid: caller.sid }]);
  });

  it('thanks once when an auto-responder’s texts reach both servers at once', async () => {
    const [a, b] = await twoServers();
    const caller = await surveyedCall(a);
    const auto = '[自动回复] 您好，我现在不方便，稍后联系您。';
    await Promise.all([a.textBack(ZHANG, '4'), b.textBack(ZHANG, auto), a.textBack(ZHANG, auto), b.textBack(ZHANG, auto)]);
    await Promise.all([a.textBack(ZHANG, auto), b.textBack(ZHANG, auto)]);
    expect(repliesTo(ZHANG)).toHaveLength(1);
    const survey = (await a.admin.get(`/api/calls/${caller.sid}`)).body.survey;
    expect(survey).toMatchObject({ rating: 4 });
    expect((survey.comment as string).split('\n')).toEqual(Array(5).fill(auto));
  });
});
