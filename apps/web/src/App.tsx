import { Match, Switch } from 'solid-js';
import { parseClassRoute } from './classroom/classRoute';
import { DashboardPage } from './classroom/DashboardPage';
import { parseRoute } from './room/parseRoute';
import { RoomPage } from './room/RoomPage';
import { StartPage } from './start/StartPage';

export function App() {
  const route = parseRoute(location.pathname, location.search);
  const classRoute = parseClassRoute(location.pathname, location.search);
  return (
    <Switch fallback={<StartPage />}>
      <Match when={route}>{(r) => <RoomPage route={r()} />}</Match>
      <Match when={classRoute}>{(c) => <DashboardPage route={c()} />}</Match>
    </Switch>
  );
}
