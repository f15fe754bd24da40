import { createSignal, Match, Show, Switch } from 'solid-js';
import { parseClassRoute } from './classroom/classRoute';
import { DashboardPage } from './classroom/DashboardPage';
import type { CarriedView } from './room/carryOver';
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

/**
 * The room page, opened again from scratch when the room starts a new generation (a class
 * broadcast), showing what the last one showed until the fresh documents arrive.
 */
function FreshRoomPage(props: { route: RoomRoute }) {
  const [generation, setGeneration] = createSignal<{ carried?: CarriedView }>({});
  return (
    <Show when={generation()} keyed>
      {(current) => (
        <RoomPage
          route={props.route}
          carried={current.carried}
          onNewGeneration={(carried) => setGeneration({ carried })}
        />
      )}
    </Show>
  );
}
