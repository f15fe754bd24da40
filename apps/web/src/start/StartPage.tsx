import { createResource, createSignal, For, Show } from 'solid-js';
import { JoinForm, TeachForm } from '../classroom/ClassDoor';
import { LocaleToggle } from '../i18n/LocaleToggle';
import { locale } from '../i18n/locale';
import { hypervisorOf, PRODUCT_NAMES } from '../lab/labView';
import { asArray, asNumber, asObject, asString } from '../util/json';
import { createRoom, describeProblem, type OpenRoomResult, parseLabText, type RoomProblem } from './openRoom';
import { startWord } from './words';

interface ScenarioCard {
  readonly id: string;
  readonly title: string;
  readonly hypervisor: string;
  readonly vms: number;
  readonly goals: number;
}

async function loadScenarios(): Promise<ScenarioCard[]> {
  const response = await fetch('/api/scenarios');
  return asArray(await response.json()).map((value) => {
    const scenario = asObject(value);
    return {
      id: asString(scenario.id),
      title: asString(scenario.title) || asString(scenario.id),
      hypervisor: PRODUCT_NAMES[hypervisorOf(scenario.hypervisor)],
      vms: asNumber(scenario.vms),
      goals: asNumber(scenario.goals),
    };
  });
}

/** The front door: open a ready scenario, an empty lab, or a lab file, as a new room. */
export function StartPage() {
  const [scenarios] = createResource(loadScenarios);
  const [errors, setErrors] = createSignal<readonly RoomProblem[]>([]);
  const [busy, setBusy] = createSignal(false);

  async function open(lab: Promise<unknown> | undefined) {
    setBusy(true);
    setErrors([]);
    const result: OpenRoomResult = await createRoom(lab === undefined ? undefined : await lab).catch(
      (error: Error) => ({
        ok: false as const,
        errors: [{ kind: 'unreachable' as const, detail: error.message }],
      }),
    );
    setBusy(false);
    if (result.ok) location.assign(result.url);
    else setErrors(result.errors);
  }

  async function openFile(file: File | undefined) {
    if (!file) return;
    const parsed = parseLabText(await file.text());
    if (parsed.ok) await open(Promise.resolve(parsed.lab));
    else setErrors(parsed.errors);
  }

  return (
    <main class="start">
      <header class="start-header">
        <div class="start-title">
          <h1>VNet Lab</h1>
          <LocaleToggle />
        </div>
        <p class="muted">{startWord('intro')}</p>
      </header>
      <div class="class-doors">
        <JoinForm />
        <TeachForm />
      </div>
      <section class="panel" aria-labelledby="h-new">
        <h2 id="h-new">{startWord('newRoom')}</h2>
        <div class="start-actions">
          <button class="action-button" type="button" disabled={busy()} onClick={() => open(undefined)}>
            {startWord('emptyLab')}
          </button>
          <label class="file-button">
            {startWord('labFile')}
            <input
              type="file"
              accept=".json,application/json"
              disabled={busy()}
              onChange={(event) => openFile(event.currentTarget.files?.[0])}
            />
          </label>
        </div>
        <Show when={errors().length > 0}>
          <ul class="start-errors" role="alert">
            <For each={errors()}>{(error) => <li>{describeProblem(error, locale())}</li>}</For>
          </ul>
        </Show>
      </section>
      <section class="panel" aria-labelledby="h-scenarios">
        <h2 id="h-scenarios">{startWord('scenarios')}</h2>
        <Show when={!scenarios.loading} fallback={<p class="empty">{startWord('loading')}</p>}>
          <ul class="scenario-list">
            <For each={scenarios()} fallback={<li class="empty">{startWord('noScenarios')}</li>}>
              {(scenario) => (
                <li class="scenario" data-scenario={scenario.id}>
                  <div>
                    <h3>{scenario.title}</h3>
                    <p class="muted">
                      {scenario.hypervisor} · {scenario.vms} {startWord('vms')} · {scenario.goals}{' '}
                      {startWord('goals')}
                    </p>
                  </div>
                  <button
                    class="action-button"
                    type="button"
                    disabled={busy()}
                    onClick={() =>
                      open(fetch(`/api/scenarios/${encodeURIComponent(scenario.id)}`).then((r) => r.json()))
                    }
                  >
                    {startWord('open')}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </main>
  );
}
