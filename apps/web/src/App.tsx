import { Show } from 'solid-js';
import { parseRoute } from './room/parseRoute';
import { RoomPage } from './room/RoomPage';

export function App() {
  const route = parseRoute(location.pathname, location.search);
  return (
    <Show when={route} fallback={<NoRoom />}>
      {(r) => <RoomPage route={r()} />}
    </Show>
  );
}

function NoRoom() {
  return (
    <main class="no-room">
      <h1>VNet Lab</h1>
      <p>
        Open a room with its link: <code>/r/ROOM?token=TOKEN</code>.
      </p>
    </main>
  );
}
