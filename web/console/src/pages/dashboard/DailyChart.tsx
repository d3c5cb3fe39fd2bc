// A stacked bar chart of one kind of client request per day, by result. Loaded on its own
// (React.lazy) so that the chart library does not weigh on the console's first load.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { seriesByResult, type Day } from "./series";

echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

interface Props {
  days: Day[];
  kind: "activations" | "validations";
  title: string;
}

export default function DailyChart({ days, kind, title }: Props) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: "svg" });
    const { dates, series } = seriesByResult(days, kind);
    chart.setOption({
      aria: { enabled: true, label: { description: title } },
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: dates.map((d) => d.slice(5)) },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) => ({
        name: s.result,
        type: "bar",
        stack: "total",
        data: s.counts,
        itemStyle: { color: s.color },
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [days, kind, title]);
  return <div ref={element} role="img" aria-label={title} className="daily-chart" />;
}
