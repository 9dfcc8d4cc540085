"use client";

import type { ReactElement } from "react";
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, XAxis, YAxis } from "recharts";

export type OverTimeChartPoint = { label: string; averagePercent: number; done: number; halfway: number; notStarted: number };
type Series = Exclude<keyof OverTimeChartPoint, "label">;
type Marker = "circle" | "square" | "triangle" | "diamond";

/**
 * Each line has a dash pattern and a marker of its own, so the lines are told apart without colour;
 * the legend names them. Hidden from screen readers, which read the table beside it, and out of the
 * tab order (recharts would make it focusable, for a keyboard tooltip, inside an aria-hidden box).
 */
const LINES: { key: Series; dash?: string; marker: Marker; color: string; axis: "percent" | "count" }[] = [
  { key: "averagePercent", marker: "circle", color: "#312e81", axis: "percent" },
  { key: "done", dash: "8 4", marker: "square", color: "#15803d", axis: "count" },
  { key: "halfway", dash: "2 3", marker: "triangle", color: "#b45309", axis: "count" },
  { key: "notStarted", dash: "12 4 2 4", marker: "diamond", color: "#475569", axis: "count" },
];

function markerShape(marker: Marker, color: string) {
  function MarkerDot({ cx, cy, index }: { cx?: number; cy?: number; index?: number }): ReactElement<SVGElement> {
    const key = `${marker}-${index}`;
    if (cx === undefined || cy === undefined) return <g key={key} />;
    const props = { key, fill: "#fff", stroke: color, strokeWidth: 1.5 };
    if (marker === "square") return <rect {...props} x={cx - 3} y={cy - 3} width={6} height={6} />;
    if (marker === "triangle") return <polygon {...props} points={`${cx},${cy - 4} ${cx + 4},${cy + 3} ${cx - 4},${cy + 3}`} />;
    if (marker === "diamond") return <polygon {...props} points={`${cx},${cy - 4} ${cx + 4},${cy} ${cx},${cy + 4} ${cx - 4},${cy}`} />;
    return <circle {...props} fill={color} cx={cx} cy={cy} r={3} />;
  }
  return MarkerDot;
}

export function OverTimeChart({ points, names }: { points: OverTimeChartPoint[]; names: Record<Series, string> }) {
  // Markers on a long history would blur into the line; from a month on the dashes carry it alone.
  const showMarkers = points.length <= 31;
  return (
    <div aria-hidden="true" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 12, right: 8, bottom: 4, left: -8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis yAxisId="percent" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {LINES.map((line) => (
            <Line
              key={line.key}
              yAxisId={line.axis}
              dataKey={line.key}
              name={names[line.key]}
              stroke={line.color}
              strokeWidth={line.key === "averagePercent" ? 3 : 2}
              strokeDasharray={line.dash}
              dot={showMarkers ? markerShape(line.marker, line.color) : false}
              isAnimationActive={false}
              type="monotone"
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
