// The SMTP server and the SMS gateway (SMPP 3.4 SMSC) simulators really receive: a message sent with nodemailer and
// one submitted over SMPP show in their HTTP read-outs, filtered by recipient; an ESME with a wrong password is not
// bound, and nothing it sends is kept.
import { expect } from 'chai';
import nodemailer from 'nodemailer';
import * as smpp from 'smpp';
import { startSmtpSimulator, type RunningSmtpSimulator } from '../../simulators/smtp/server';
import { startSmsGatewaySimulator, type RunningSmsGatewaySimulator } from '../../simulators/sms-gateway/server';

const portOf = (url: string) => Number(new URL(url).port);

function bind(url: string, password: string): Promise<{ session: smpp.Session; status: number }> {
  return new Promise((resolve, reject) => {
    const session = smpp.connect({ url });
    session.on('error', reject);
    session.on('connect', () =>
      session.bind_transmitter({ system_id: 'sdp', password }, (pdu) => resolve({ session, status: pdu.command_status })),
    );
  });
}

describe('simulators: SMTP server and SMS gateway', () => {
  let smtp: RunningSmtpSimulator;
  let sms: RunningSmsGatewaySimulator;
  before(async () => {
    smtp = await startSmtpSimulator({ smtpPort: 0 });
    sms = await startSmsGatewaySimulator({ smppPort: 0 });
  });
  after(async () => {
    await smtp?.close();
    await sms?.close();
  });

  it('keeps mail received over SMTP and lists it per recipient', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: portOf(smtp.smtpUrl), secure: false });
    await transport.sendMail({ from: 'a@sdp.localhost', to: 'Anna@Example.lv', subject: 'Sveiki', text: 'Ā č ē' });
    await transport.sendMail({ from: 'a@sdp.localhost', to: 'other@example.lv', subject: 'Other', text: 'x' });
    const res = await fetch(`${smtp.url}/messages?to=anna@example.lv`);
    const { items } = (await res.json()) as { items: Array<{ subject: string; text: string; envelopeTo: string[] }> };
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ subject: 'Sveiki' });
    expect(items[0].text.trim()).to.equal('Ā č ē');
    expect(items[0].envelopeTo).to.deep.equal(['anna@example.lv']);
    expect(((await (await fetch(`${smtp.url}/messages`)).json()) as { items: unknown[] }).items).to.have.length(2);
  });

  it('binds an ESME with the right password only, and keeps what it submits', async () => {
    const refused = await bind(sms.smppUrl, 'wrong');
    expect(refused.status).to.not.equal(0);
    refused.session.destroy();

    const { session, status } = await bind(sms.smppUrl, 'dev-smpp');
    expect(status).to.equal(0);
    const response = await new Promise<smpp.PDU>((resolve) =>
      session.submit_sm({ destination_addr: '37120000001', source_addr: 'Latvija', short_message: 'Kods: 123456' }, resolve),
    );
    expect(response.command_status).to.equal(0);
    session.close();
    const { items } = (await (await fetch(`${sms.url}/messages?to=%2B37120000001`)).json()) as {
      items: Array<{ to: string; text: string; messageId: string }>;
    };
    expect(items).to.deep.equal([{ ...items[0], to: '+37120000001', text: 'Kods: 123456', messageId: String(response.message_id) }]);
  });
});
