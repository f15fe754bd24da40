/** A steering wheel, drawn (not an emoji: not every system has a font that draws 🛞). */
export function Wheel() {
  return (
    <svg class="wheel" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.8" />
      <circle cx="8" cy="8" r="1.8" fill="currentColor" />
      <path
        d="M1.8 7.2 L6.3 7.6 M14.2 7.2 L9.7 7.6 M8 9.8 L8 14.3"
        stroke="currentColor"
        stroke-width="1.8"
      />
    </svg>
  );
}
