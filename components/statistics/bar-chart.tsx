"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";

export type ChartBar = { label: string; value: number };

/**
 * Hatchings tell the bars apart without colour, and each bar carries its number; the chart is hidden
 * from screen readers, which read the same numbers from the table beside it.
 */
const PATTERNS = ["solid", "diagonal", "dots"] as const;

export function StatisticsBarChart({ id, bars, patterned = false }: { id: string; bars: ChartBar[]; patterned?: boolean }) {
  return (
    <div aria-hidden="true" className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 20, right: 8, bottom: 4, left: -16 }} accessibilityLayer={false}>
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
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
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
