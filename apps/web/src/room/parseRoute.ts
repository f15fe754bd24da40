/** Where the page is: `/r/:room?token=TOKEN`. */
export interface RoomRoute {
  readonly room: string;
  readonly token: string;
}

export function parseRoute(pathname: string, search: string): RoomRoute | null {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  const token = new URLSearchParams(search).get('token') ?? '';
  return { room: decodeURIComponent(match[1]), token };
}
