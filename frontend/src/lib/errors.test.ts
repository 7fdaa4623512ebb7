import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/problem';
import { describeError, errorText } from './errors';
import { translator } from './i18n';

const zh = translator('zh-CN');
const en = translator('en-US');

describe('describeError', () => {
  it('chooses the message by the problem code, in the user language', () => {
    const refused = new ApiError({ status: 409, code: 'organization_not_empty', detail: 'Organization has 3 children.' });
    expect(describeError(refused, zh).message).toBe('该组织下还有下级组织，不能删除。请先移走或删除它的下级组织。');
    expect(describeError(refused, en).message).toMatch(/still has subordinate organizations/);
  });

  it('never shows the English detail of the server in Chinese', () => {
    const refused = new ApiError({ status: 409, code: 'organization_code_taken', detail: "Another organization already has the code 'X'." });
    expect(errorText(refused, zh)).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('falls back to a message chosen by the HTTP status for an unknown code', () => {
    const unknown = new ApiError({ status: 409, code: 'something_new' });
    expect(describeError(unknown, zh).message).toBe('操作与现有数据冲突，请刷新后重试。');
    expect(describeError(new ApiError({ status: 418, code: '' }), en).message).toBe(
      'The request could not be completed. Check it and try again.',
    );
    expect(describeError(new ApiError({ status: 502, code: '' }), zh).message).toBe('无法连接服务器，请稍后重试。');
    expect(describeError(new ApiError({ status: 500, code: 'boom' }), zh).message).toBe('服务器出错了，请稍后重试。');
  });

  it('says in minutes how long to wait when the server asks for more than a minute', () => {
    const throttled = new ApiError({ status: 429, code: 'member_id_number_checks_throttled', retryAfter: 540 });
    expect(describeError(throttled, zh).message).toBe(
      '核对的身份证号中有太多属于您管理范围以外的党员，暂时不能继续核对。 请在 9 分钟后重试。',
    );
    expect(describeError(throttled, en).message).toMatch(/Try again in 9 minutes\.$/);
    expect(describeError(new ApiError({ status: 429, code: 'too_many_requests', retryAfter: 61 }), zh).message).toMatch(/请在 2 分钟后重试。$/);
    expect(describeError(new ApiError({ status: 429, code: 'too_many_requests', retryAfter: 30 }), zh).message).toMatch(/请在 30 秒后重试。$/);
  });

  it('explains a member kept by another organization, and a phone the server refused', () => {
    expect(describeError(new ApiError({ status: 403, code: 'member_not_yours' }), zh).message).toBe(
      '该党员只是在您这里报到，档案由其所在党组织管理，您不能修改。',
    );
    const phone = new ApiError({
      status: 422,
      code: 'validation_error',
      fieldErrors: [{ field: 'phone', message: 'must be a mobile number …', code: 'phone_invalid' }],
    });
    expect(describeError(phone, zh).fields).toEqual(['手机号：应为手机号（如 13812345678）或带区号的固定电话（如 0571-87654321）']);
  });

  it('lists each invalid field with its label and a translated reason', () => {
    const invalid = new ApiError({
      status: 422,
      code: 'validation_error',
      fieldErrors: [
        { field: 'code', message: "String should match pattern '^...'", code: 'string_pattern_mismatch' },
        { field: 'name', message: 'Field required', code: 'missing' },
        { field: 'query.limit', message: 'Input should be less than or equal to 200', code: 'less_than_equal' },
        { field: 'mystery_field', message: 'odd', code: 'odd_code' },
      ],
    });
    expect(describeError(invalid, zh)).toEqual({
      message: '提交的内容有误，请检查后重试。',
      fields: ['组织代码：格式不正确', '名称：不能为空', '每页条数：数值太大', '某一项：填写的内容无效'],
    });
    expect(describeError(invalid, en).fields).toEqual([
      'Code: has the wrong format',
      'Name: is required',
      'Page size: is too large',
      'A field: is not valid',
    ]);
  });

  it('says when to try again after a 429', () => {
    const throttled = new ApiError({ status: 429, code: 'too_many_attempts', retryAfter: 60 });
    expect(describeError(throttled, zh).message).toBe('登录失败次数过多，请稍后再试。 请在 60 秒后重试。');
    expect(describeError(throttled, en).message).toBe('Too many failed sign-ins. Wait a while, then try again. Try again in 60 seconds.');
  });

  it('explains a lost connection and anything unexpected', () => {
    expect(describeError(new NetworkError(new TypeError('Failed to fetch')), zh).message).toBe('无法连接服务器，请检查网络后重试。');
    expect(describeError(new Error('bug'), en).message).toBe('Something unexpected went wrong. Reload the page and try again.');
  });
});
