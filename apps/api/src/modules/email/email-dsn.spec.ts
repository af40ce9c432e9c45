import { parseDeliveryStatus } from './email-dsn';

describe('parseDeliveryStatus', () => {
  it('lists failed recipients, not delayed or delivered ones', () => {
    const body = [
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; <Gone@Example.com>',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1',
      '  User unknown',
      '',
      'Final-Recipient: rfc822; slow@example.com',
      'Action: delayed',
      'Status: 4.4.1',
    ].join('\r\n');
    expect(parseDeliveryStatus(body)).toEqual([{ address: 'gone@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 User unknown' }]);
  });
});
