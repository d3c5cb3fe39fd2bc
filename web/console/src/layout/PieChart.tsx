// A pie chart of counts by name, in plain SVG like the dashboard's bars. Each slice carries its
// count as a tooltip, the legend names them, and a hidden table gives screen readers (and
// tests) the figures the chart is drawn from.
import { fillWith, paint } from "../lib/paint";
import { swatch } from "../lib/statusColors";

// For slices that are not statuses (card types), in order.
const palette = ["#1864ab", "#2b8a3e", "#e8590c", "#862e9c", "#c92a2a", "#5c940d", "#0b7285"];

// The SVG path of a slice from angle a to b (radians, clockwise from the top) of a circle of
// radius r centred at (r, r).
function slice(a: number, b: number, r: number) {
  const point = (t: number) => `${r + r * Math.sin(t)} ${r - r * Math.cos(t)}`;
  if (b - a >= 2 * Math.PI - 1e-9) {
    return `M ${r} 0 A ${r} ${r} 0 1 1 ${r} ${2 * r} A ${r} ${r} 0 1 1 ${r} 0 Z`;
  }
  return `M ${r} ${r} L ${point(a)} A ${r} ${r} 0 ${b - a > Math.PI ? 1 : 0} 1 ${point(b)} Z`;
}

// `colorOf` names a slice's colour (a status's, from lib/statusColors), so that a status has
// the same colour in every chart and badge; without it slices take the palette in order.
export function PieChart({
  title,
  counts,
  colorOf,
}: {
  title: string;
  counts: [string, number][];
  colorOf?: (name: string) => string;
}) {
  const shown = counts.filter(([, n]) => n > 0);
  const fill = (name: string, i: number) =>
    colorOf ? swatch(colorOf(name)) : palette[i % palette.length]!;
  const total = shown.reduce((sum, [, n]) => sum + n, 0);
  const r = 80;
  let angle = 0;
  return (
    <figure className="daily-chart">
      <svg viewBox={`0 0 ${2 * r} ${2 * r}`} role="img" aria-label={title} className="pie-chart">
        {total === 0 ? (
          <>
            <circle cx={r} cy={r} r={r - 1} className="daily-chart-grid" fill="none" />
            <text x={r} y={r + 4} textAnchor="middle" className="daily-chart-label">
              nothing to show
            </text>
          </>
        ) : (
          shown.map(([name, n], i) => {
            const start = angle;
            angle += (n / total) * 2 * Math.PI;
            return (
              <path key={name} d={slice(start, angle, r)} ref={fillWith(fill(name, i))}>
                <title>{`${name}: ${n}`}</title>
              </path>
            );
          })
        )}
      </svg>
      <figcaption>
        <ul className="daily-chart-legend">
          {shown.map(([name, n], i) => (
            <li key={name}>
              <span className="daily-chart-swatch" ref={paint(fill(name, i))} />
              {name}: {n}
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="visually-hidden">
        <table aria-label={`${title}, the figures`}>
          <thead>
            <tr>
              <th>Name</th>
              <th>Count</th>
            </tr>
          </thead>
          <tbody>
            {counts.map(([name, n]) => (
              <tr key={name}>
                <td>{name}</td>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
