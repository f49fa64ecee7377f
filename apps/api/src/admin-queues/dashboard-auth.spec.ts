import { crossSite, DashboardRequest, readCookie } from './dashboard-auth';

const request = (method: string, headers: DashboardRequest['headers'] = {}): DashboardRequest => ({
  method,
  headers,
  host: 'huiqi.example.gov.cn',
  secure: true,
  ip: '203.0.113.7',
});

describe('queue dashboard request checks', () => {
  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; huiqi_queues=tok.en.x; b=2', 'huiqi_queues')).toBe('tok.en.x');
    expect(readCookie('xhuiqi_queues=1', 'huiqi_queues')).toBeNull();
    expect(readCookie(undefined, 'huiqi_queues')).toBeNull();
  });

  it('lets reads through and refuses state changes another site started', () => {
    expect(crossSite(request('GET', { 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(crossSite(request('PUT', { 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(crossSite(request('PUT', { 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(crossSite(request('PUT', { 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(crossSite(request('PUT', { origin: 'https://evil.example' }))).toBe(true);
    expect(crossSite(request('PUT', { origin: 'https://huiqi.example.gov.cn' }))).toBe(false);
    expect(crossSite(request('PUT', { origin: 'null' }))).toBe(true);
    expect(crossSite(request('PUT'))).toBe(false); // scripts and curl send neither
  });
});
