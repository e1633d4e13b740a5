// What the SMTP and SMS-gateway simulators received (their HTTP read-outs), and the one-time code in a message.
import { stack } from '../setup';
import { waitFor } from './wait';

export interface ReceivedMail {
  messageId: string | null;
  envelopeTo: string[];
  from: string | null;
  subject: string | null;
  text: string;
}
export interface ReceivedSms {
  to: string;
  text: string;
  sourceAddress: string;
}

export async function mailTo(address: string): Promise<ReceivedMail[]> {
  const res = await fetch(`${stack.simulators.urls.smtp}/messages?to=${encodeURIComponent(address)}`);
  return ((await res.json()) as { items: ReceivedMail[] }).items;
}

export async function smsTo(number: string): Promise<ReceivedSms[]> {
  const res = await fetch(`${stack.simulators.urls.smsGateway}/messages?to=${encodeURIComponent(number)}`);
  return ((await res.json()) as { items: ReceivedSms[] }).items;
}

const codeIn = (text: string) => /\b([0-9]{6})\b/.exec(text)?.[1] ?? null;

/** The code in the newest of `count` messages to the address (waits until that many arrived). */
export async function codeMailedTo(address: string, count = 1): Promise<string> {
  const mails = await waitFor(`${count} mail(s) to ${address}`, async () => {
    const got = await mailTo(address);
    return got.length >= count ? got : null;
  });
  const code = codeIn(mails[0].text);
  if (!code) throw new Error(`no code in the mail to ${address}: ${mails[0].text}`);
  return code;
}

export async function codeTextedTo(number: string, count = 1): Promise<string> {
  const texts = await waitFor(`${count} SMS to ${number}`, async () => {
    const got = await smsTo(number);
    return got.length >= count ? got : null;
  });
  const code = codeIn(texts[0].text);
  if (!code) throw new Error(`no code in the SMS to ${number}: ${texts[0].text}`);
  return code;
}
