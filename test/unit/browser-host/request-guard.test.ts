import { describe, expect, it } from 'vitest';
import { hostAllowed, originAllowed, refuseCall, tokenMatches } from '../../browser-host/request-guard';

const PORT = 4173;
const TOKEN = 'run-token-abcdefghijklmnop';
const good = {
  host: `127.0.0.1:${PORT}`,
  origin: `http://127.0.0.1:${PORT}`,
  'x-broker-token': TOKEN,
  'content-type': 'application/json',
  'x-broker-connection': '0b5cbd0e-9a9e-4bb8-9d0c-3d3f7f2e0a11',
};

describe('who may call the browser host', () => {
  it('lets a call from its own page, with the run token and a connection id, go ahead', () => {
    expect(refuseCall(good, PORT, TOKEN)).toBeNull();
    expect(refuseCall({ ...good, host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` }, PORT, TOKEN)).toBeNull();
  });

  it('refuses requests that name another host, as a DNS-rebinding page would', () => {
    expect(hostAllowed('evil.example:4173', PORT)).toBe(false);
    expect(hostAllowed(`127.0.0.1:${PORT + 1}`, PORT)).toBe(false);
    expect(hostAllowed(undefined, PORT)).toBe(false);
    expect(refuseCall({ ...good, host: 'rebound.example:4173' }, PORT, TOKEN)).toMatchObject({ status: 403 });
  });

  it('refuses calls from pages of any other origin, or with no origin', () => {
    expect(originAllowed('https://127.0.0.1:4173', PORT)).toBe(false);
    expect(originAllowed('http://127.0.0.1:4173.evil.example', PORT)).toBe(false);
    expect(originAllowed('null', PORT)).toBe(false);
    expect(refuseCall({ ...good, origin: undefined }, PORT, TOKEN)).toMatchObject({ status: 403, reason: 'wrong origin' });
  });

  it('refuses calls without this run’s token', () => {
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
    expect(tokenMatches('run-token-abcdefghijklmnoq', TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(refuseCall({ ...good, 'x-broker-token': 'guess' }, PORT, TOKEN)).toMatchObject({ status: 403, reason: 'missing or wrong token' });
  });

  it('refuses bodies that are not JSON, which a plain HTML form could send', () => {
    expect(refuseCall({ ...good, 'content-type': 'text/plain' }, PORT, TOKEN)).toMatchObject({ status: 415 });
    expect(refuseCall({ ...good, 'content-type': 'application/x-www-form-urlencoded' }, PORT, TOKEN)).toMatchObject({ status: 415 });
  });

  it('needs a well-formed connection id', () => {
    expect(refuseCall({ ...good, 'x-broker-connection': 'not-a-uuid' }, PORT, TOKEN)).toMatchObject({ status: 400 });
    expect(refuseCall({ ...good, 'x-broker-connection': undefined }, PORT, TOKEN)).toMatchObject({ status: 400 });
  });
});
