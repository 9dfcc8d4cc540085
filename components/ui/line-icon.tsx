/**
 * A drawn line icon (24-unit grid, round ends, the text's colour), hidden from assistive technology:
 * the button or link around it carries the name. `paths` are SVG path data.
 */
export function LineIcon({ paths, className = "h-6 w-6" }: { paths: readonly string[]; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
    >
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

/** The icons more than one place draws. */
export const ICONS = {
  menu: ["M4 6h16M4 12h16M4 18h16"],
  close: ["M6 6l12 12M18 6L6 18"],
} as const;
