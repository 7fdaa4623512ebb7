import { Card, Statistic } from 'antd';
import { Link } from 'react-router';

interface FigureCardProps {
  title: string;
  value: number;
  /** The list behind the figure; without it the card only shows the number. */
  to?: string;
  tone?: 'danger' | 'warning';
  /** Shown after the number, e.g. 小时. */
  suffix?: string;
  precision?: number;
  loading?: boolean;
}

/** One headline figure; when it has a list behind it, the whole card links there. */
const TONES = { danger: '#c8161d', warning: '#ad6800' } as const;

export function FigureCard({ title, value, to, tone, suffix, precision, loading }: FigureCardProps) {
  const card = (
    <Card hoverable={to !== undefined} size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        suffix={suffix}
        precision={precision}
        loading={loading}
        styles={{ content: tone ? { color: TONES[tone] } : undefined }}
      />
    </Card>
  );
  // Named by what it shows (title, number, unit), so that speech input finds it by its words.
  if (to === undefined) return card;
  return (
    <Link to={to} className="figure-card-link">
      {card}
    </Link>
  );
}
