/** Where the dashboard is: `/c/:class?token=INSTRUCTOR_TOKEN` (the `url` of a new class). */
export interface ClassRoute {
  readonly klass: string;
  readonly token: string;
}

export function parseClassRoute(pathname: string, search: string): ClassRoute | null {
  const match = /^\/c\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  return { klass: decodeURIComponent(match[1]), token: new URLSearchParams(search).get('token') ?? '' };
}

/** The class a room page belongs to, when the page was opened from a class (`&class=ID`). */
export function classOfRoomPage(search: string): string | null {
  return new URLSearchParams(search).get('class') || null;
}
