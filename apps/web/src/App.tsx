import { createSignal, Match, Show, Switch } from 'solid-js';
import { parseClassRoute } from './classroom/classRoute';
import { DashboardPage } from './classroom/DashboardPage';
import { parseRoute, type RoomRoute } from './room/parseRoute';
import { RoomPage } from './room/RoomPage';
import { StartPage } from './start/StartPage';

export function App() {
  const route = parseRoute(location.pathname, location.search);
  const classRoute = parseClassRoute(location.pathname, location.search);
  return (
    <Switch fallback={<StartPage />}>
      <Match when={route}>{(r) => <FreshRoomPage route={r()} />}</Match>
      <Match when={classRoute}>{(c) => <DashboardPage route={c()} />}</Match>
    </Switch>
  );
}

/** The room page, opened again from scratch when the room starts a new generation (a class broadcast). */
function FreshRoomPage(props: { route: RoomRoute }) {
  const [generation, setGeneration] = createSignal(1);
  return (
    <Show when={generation()} keyed>
      {(_generation) => <RoomPage route={props.route} onNewGeneration={() => setGeneration((n) => n + 1)} />}
    </Show>
  );
}
