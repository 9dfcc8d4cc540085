"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Text,
  XAxis,
  type XAxisTickContentProps,
  YAxis,
} from "recharts";

/** A bar: its label (the table's), the short text under it on the axis, and its number. */
export type ChartBar = { label: string; tick: string; value: number };

/**
 * Hatchings tell the bars apart without colour, and each bar carries its number; the chart is hidden
 * from screen readers, which read the same numbers from the table beside it.
 */
const PATTERNS = ["solid", "diagonal", "dots"] as const;

/**
 * An axis label wrapped to its bar's width ("Not started yet" on two lines on a phone), so that
 * neighbours never run into each other, whatever the width or the language.
 */
function WrappedTick({ x, y, payload, width, visibleTicksCount, className }: XAxisTickContentProps) {
  return (
    <Text
      className={className}
      x={Number(x)}
      y={Number(y)}
      width={Math.max(Number(width) / Math.max(visibleTicksCount, 1) - 6, 24)}
      textAnchor="middle"
      verticalAnchor="start"
      fontSize={12}
      fill="#334155"
    >
      {String(payload.value)}
    </Text>
  );
}

/**
 * A bar chart of a few labelled bars (`wrap`: every label shown, wrapped) or of many short ones
 * (the histogram: labels are dropped where they would overlap, the first and last always kept).
 */
export function StatisticsBarChart({
  id,
  bars,
  patterned = false,
  wrap = false,
}: {
  id: string;
  bars: ChartBar[];
  patterned?: boolean;
  wrap?: boolean;
}) {
  return (
    <div aria-hidden="true" className="h-60 w-full" data-testid={`statistics-${id}-chart`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={bars} margin={{ top: 20, right: 8, bottom: 4, left: -16 }}>
          <defs>
            <pattern id={`${id}-diagonal`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="8" height="8" fill="#e0e7ff" />
              <line x1="0" y1="0" x2="0" y2="8" stroke="#3730a3" strokeWidth="3" />
            </pattern>
            <pattern id={`${id}-dots`} width="8" height="8" patternUnits="userSpaceOnUse">
              <rect width="8" height="8" fill="#f1f5f9" />
              <circle cx="4" cy="4" r="1.8" fill="#334155" />
            </pattern>
          </defs>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {wrap ? (
            <XAxis dataKey="tick" interval={0} height={40} tick={WrappedTick} />
          ) : (
            <XAxis dataKey="tick" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={6} />
          )}
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Bar dataKey="value" isAnimationActive={false} stroke="#1e293b">
            {bars.map((bar, index) => {
              const pattern = patterned ? PATTERNS[index % PATTERNS.length] : "solid";
              return <Cell key={bar.label} fill={pattern === "solid" ? "#4338ca" : `url(#${id}-${pattern})`} />;
            })}
            <LabelList dataKey="value" position="top" fontSize={12} fill="#0f172a" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
