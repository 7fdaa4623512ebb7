import { Card, Statistic } from 'antd';
import { Link } from 'react-router';

interface FigureCardProps {
  title: string;
  value: number;
  /** The list behind the figure; without it the card only shows the number. */
  to?: string;
  tone?: 'danger';
  /** Shown after the number, e.g. 小时. */
  suffix?: string;
  precision?: number;
}

/** One headline figure; when it has a list behind it, the whole card links there. */
export function FigureCard({ title, value, to, tone, suffix, precision }: FigureCardProps) {
  const card = (
    <Card hoverable={to !== undefined} size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        suffix={suffix}
        precision={precision}
        styles={{ content: tone === 'danger' ? { color: '#c8161d' } : undefined }}
      />
    </Card>
  );
  if (to === undefined) return <div aria-label={`${title}: ${value}`}>{card}</div>;
  return (
    <Link to={to} aria-label={`${title}: ${value}`}>
      {card}
    </Link>
  );
}
