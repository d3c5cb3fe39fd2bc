// A stacked bar chart of one kind of client request per day, by result: plain SVG in a
// hundred lines instead of a chart library, so that the dashboard fits the console's
// first-load budget. Each bar's parts carry their numbers as tooltips, and a hidden table gives
// screen readers the same figures.
import { paint } from "../../lib/paint";
import { seriesByResult, niceMax, type Day } from "./series";

interface Props {
  days: Day[];
  kind: "activations" | "validations";
  title: string;
}

const width = 600;
const height = 220;
const left = 40;
const bottom = 24;
const top = 8;

export function DailyChart({ days, kind, title }: Props) {
  const { dates, series } = seriesByResult(days, kind);
  const totals = dates.map((_, i) => series.reduce((sum, s) => sum + s.counts[i]!, 0));
  const max = niceMax(Math.max(1, ...totals));
  const plotHeight = height - top - bottom;
  const step = (width - left) / Math.max(1, dates.length);
  const barWidth = Math.max(2, step * 0.7);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, max / 2, max];

  return (
    <figure className="daily-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width} y1={y(t)} y2={y(t)} className="daily-chart-grid" />
            <text x={left - 6} y={y(t) + 4} textAnchor="end" className="daily-chart-label">
              {t.toLocaleString("en")}
            </text>
          </g>
        ))}
        {dates.map((date, i) => {
          let base = 0;
          const x = left + i * step + (step - barWidth) / 2;
          return (
            <g key={date}>
              {series.map((s) => {
                const value = s.counts[i]!;
                if (value === 0) return null;
                const rect = (
                  <rect
                    key={s.result}
                    x={x}
                    width={barWidth}
                    y={y(base + value)}
                    height={y(base) - y(base + value)}
                    fill={s.color}
                  >
                    <title>{`${date}: ${value.toLocaleString("en")} ${s.result}`}</title>
                  </rect>
                );
                base += value;
                return rect;
              })}
              {i % 5 === 0 && (
                <text
                  x={x + barWidth / 2}
                  y={height - 6}
                  textAnchor="middle"
                  className="daily-chart-label"
                >
                  {date.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="daily-chart-legend">
          {series.map((s) => (
            <li key={s.result}>
              <span className="daily-chart-swatch" ref={paint(s.color)} />
              {s.result}
            </li>
          ))}
        </ul>
      </figcaption>
      {/* A table is as wide as its cells whatever its own width: the box around it hides it. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th>Day</th>
              {series.map((s) => (
                <th key={s.result}>{s.result}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dates.map((date, i) => (
              <tr key={date}>
                <td>{date}</td>
                {series.map((s) => (
                  <td key={s.result}>{s.counts[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
