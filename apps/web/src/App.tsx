import { Show } from 'solid-js';
import { parseRoute } from './room/parseRoute';
import { RoomPage } from './room/RoomPage';
import { StartPage } from './start/StartPage';

export function App() {
  const route = parseRoute(location.pathname, location.search);
  return (
    <Show when={route} fallback={<StartPage />}>
      {(r) => <RoomPage route={r()} />}
    </Show>
  );
}
