import { DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { statusForDomainCode } from './problem-details';

describe('domain error → HTTP status', () => {
  it.each(Object.values(DomainErrorCode))('%s maps to a 4xx/5xx status with a title', (code) => {
    const { status, title } = statusForDomainCode(code);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(title.zh.length).toBeGreaterThan(0);
    expect(title.en.length).toBeGreaterThan(0);
  });

  it('keeps the statuses the API contract promises', () => {
    expect(statusForDomainCode(DomainErrorCode.TransitionNotAllowed).status).toBe(409);
    expect(statusForDomainCode(DomainErrorCode.TransitionForbidden).status).toBe(403);
    expect(statusForDomainCode(DomainErrorCode.StaleVersion).status).toBe(409);
    expect(statusForDomainCode(DomainErrorCode.IdempotencyKeyReused).status).toBe(422);
    expect(statusForDomainCode(DomainErrorCode.InsufficientFunds).status).toBe(409);
    expect(statusForDomainCode(DomainErrorCode.NotFound).status).toBe(404);
  });
});
