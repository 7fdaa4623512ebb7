import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import type { RatingPageData } from './publicApi';
import { RatingPage } from './RatingPage';

const TOKEN = 'AbCdEfGhIjKlMnOpQrSt';
const PATH = `/api/v1/public/ratings/${TOKEN}`;

function page(overrides: Partial<RatingPageData> = {}): RatingPageData {
  return {
    subject: 'organization',
    organization_name: '青山社区党委',
    secretary_name: null,
    cycle_name: '2026 年度考核',
    year: 2026,
    open: true,
    opens_at: '2026-11-01T00:00:00Z',
    closes_at: '2026-12-01T00:00:00Z',
    questionnaire: {
      scale: [
        { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
        { value: 2, zh: '不满意', en: 'Dissatisfied' },
        { value: 3, zh: '一般', en: 'Neutral' },
        { value: 4, zh: '满意', en: 'Satisfied' },
        { value: 5, zh: '非常满意', en: 'Very satisfied' },
      ],
      questions: [
        { code: 'q1', text: '对党组织服务群众的总体评价', text_en: null },
        { code: 'q2', text: '对党员发挥作用的评价', text_en: null },
      ],
      comment: { text: '您对我们还有什么意见建议？', text_en: null },
    },
    ...overrides,
  };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  const q1 = await screen.findByRole('radiogroup', { name: /总体评价/ });
  await user.click(within(q1).getByRole('radio', { name: /5 非常满意/ }));
  const q2 = screen.getByRole('radiogroup', { name: /发挥作用/ });
  await user.click(within(q2).getByRole('radio', { name: /4 满意/ }));
  await user.click(screen.getByRole('radio', { name: '群众或服务对象' }));
  await user.type(screen.getByLabelText('您对我们还有什么意见建议？'), '服务很及时');
  await user.type(screen.getByRole('textbox', { name: '邀请码' }), 'K7QH-2M9P');
}

describe('RatingPage', () => {
  it('shows the organization and the 5-point questions, and submits a rating with an invitation code', async () => {
    const { requests } = mockServer({
      [`GET ${PATH}`]: () => json(page()),
      [`POST ${PATH}`]: () => json({ received: true }, 201),
    });
    const user = userEvent.setup();
    render(<RatingPage token={TOKEN} />);

    expect(await screen.findByRole('heading', { name: '青山社区党委' })).toBeInTheDocument();
    const q1 = screen.getByRole('radiogroup', { name: /总体评价/ });
    expect(within(q1).getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual([
      '5 非常满意',
      '4 满意',
      '3 一般',
      '2 不满意',
      '1 非常不满意',
    ]);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: '提交测评' }));

    expect(await screen.findByText('提交成功，感谢您的参与！')).toBeInTheDocument();
    const sent = requests.find((r) => r.method === 'POST');
    expect(sent?.body).toEqual({
      answers: { q1: 5, q2: 4 },
      rater_group: 'resident',
      comment: '服务很及时',
      invitation_code: 'K7QH-2M9P',
    });
    expect(localStorage.getItem(`grassroots.rating.${TOKEN}`)).toBeNull();
  });

  it('asks for every answer before sending anything', async () => {
    const { requests } = mockServer({ [`GET ${PATH}`]: () => json(page()) });
    const user = userEvent.setup();
    render(<RatingPage token={TOKEN} />);
    const q1 = await screen.findByRole('radiogroup', { name: /总体评价/ });
    await user.click(within(q1).getByRole('radio', { name: /3 一般/ }));
    await user.click(screen.getByRole('button', { name: '提交测评' }));
    expect(screen.getByRole('alert')).toHaveTextContent('还有 1 道题未作答。');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('keeps the answers on the device when the network drops, and restores them on reload', async () => {
    mockServer({
      [`GET ${PATH}`]: () => json(page()),
      [`POST ${PATH}`]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const user = userEvent.setup();
    const first = render(<RatingPage token={TOKEN} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: '提交测评' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('网络中断，您的填写已保存在本机');
    first.unmount();

    render(<RatingPage token={TOKEN} />);
    expect(await screen.findByText('已恢复您上次填写的内容。')).toBeInTheDocument();
    const q1 = screen.getByRole('radiogroup', { name: /总体评价/ });
    expect(within(q1).getByRole('radio', { name: /5 非常满意/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: '群众或服务对象' })).toBeChecked();
    expect(screen.getByLabelText('您对我们还有什么意见建议？')).toHaveValue('服务很及时');
  });

  it('says so when this code has rated already', async () => {
    mockServer({
      [`GET ${PATH}`]: () => json(page()),
      [`POST ${PATH}`]: () => problem(409, 'rating_already_given'),
    });
    const user = userEvent.setup();
    render(<RatingPage token={TOKEN} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: '提交测评' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('已经参加过本次测评');
  });

  it('tells how long to wait when throttled', async () => {
    mockServer({
      [`GET ${PATH}`]: () => json(page()),
      [`POST ${PATH}`]: () => {
        const reply = problem(429, 'rating_throttled');
        return { ...reply, headers: { ...reply.headers, 'Retry-After': '120' } };
      },
    });
    const user = userEvent.setup();
    render(<RatingPage token={TOKEN} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: '提交测评' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('操作过于频繁，请 120 秒后再试。');
  });

  it('shows the window instead of the form when rating is closed', async () => {
    mockServer({ [`GET ${PATH}`]: () => json(page({ open: false })) });
    render(<RatingPage token={TOKEN} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('测评未在进行');
    expect(screen.queryByRole('button', { name: '提交测评' })).not.toBeInTheDocument();
  });

  it('sends a one-time code to a phone and rates with it', async () => {
    const { requests } = mockServer({
      [`GET ${PATH}`]: () => json(page()),
      [`POST ${PATH}/otp`]: () => json({ expires_in: 600, attempts: 5 }, 202),
      [`POST ${PATH}`]: () => json({ received: true }, 201),
    });
    const user = userEvent.setup();
    render(<RatingPage token={TOKEN} />);
    const q1 = await screen.findByRole('radiogroup', { name: /总体评价/ });
    await user.click(within(q1).getByRole('radio', { name: /5 非常满意/ }));
    await user.click(within(screen.getByRole('radiogroup', { name: /发挥作用/ })).getByRole('radio', { name: /5 非常满意/ }));
    await user.click(screen.getByRole('radio', { name: '党员' }));
    await user.click(screen.getByRole('radio', { name: '手机验证码' }));
    await user.type(screen.getByLabelText('手机号码'), '13800138000');
    await user.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('验证码已发送，10 分钟内有效。')).toBeInTheDocument();
    await user.type(screen.getByLabelText('短信验证码'), '123456');
    await user.click(screen.getByRole('button', { name: '提交测评' }));
    expect(await screen.findByText('提交成功，感谢您的参与！')).toBeInTheDocument();
    expect(requests.find((r) => r.path === `${PATH}/otp`)?.body).toEqual({ phone: '13800138000' });
    expect(requests.find((r) => r.method === 'POST' && r.path === PATH)?.body).toEqual({
      answers: { q1: 5, q2: 5 },
      rater_group: 'member',
      comment: null,
      phone: '13800138000',
      otp_code: '123456',
    });
  });
});
