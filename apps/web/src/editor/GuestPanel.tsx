/**
 * What the guest OS sets that is not one interface's: the services it listens on, its
 * firewall, IP forwarding and masquerade (a router VM, OS-1), and static routes.
 */
import { insertItem, isDisabledAdapter, type LabPath, removeItem } from '@vnetlab/shared';
import { Index, Show } from 'solid-js';
import { asArray, asObject, type Json } from '../util/json';
import { useEditor } from './createEditor';
import { CheckField, listFormat, listParse, TextField } from './fields';
import { t } from './words';

export function GuestPanel(props: { vmId: string; vm: Json }) {
  const editor = useEditor();
  const path = (field: string): LabPath => ['vms', props.vmId, field];
  const firewall = () => asObject(props.vm.firewall);
  // WIN-7: a firewall turned off admits everything; its other fields wait for it to be on again.
  const firewallOn = () => firewall().enabled !== false;
  // WIN-1: a Windows guest drops echo requests unless its rule is enabled; a Linux guest answers.
  const windows = () => props.vm.os === 'windows';
  const answersPing = () =>
    !firewallOn() || (windows() ? firewall().icmp === true : firewall().icmp !== false);
  const icmpValue = (on: boolean) => (windows() ? (on ? true : undefined) : on ? undefined : false);
  const masquerade = () =>
    asArray(props.vm.masquerade).filter((slot): slot is number => typeof slot === 'number');
  const adapters = () => asArray(props.vm.adapters);
  const toggleMasquerade = (slot: number, on: boolean) => {
    const next = new Set(masquerade());
    if (on) next.add(slot);
    else next.delete(slot);
    editor.set(path('masquerade'), next.size === 0 ? undefined : [...next].sort((a, b) => a - b));
  };
  const routes = () => asArray(props.vm.routes).map(asObject);
  // A new route starts via the guest's own gateway when it has one, so the lab stays valid.
  const firstGateway = () => {
    for (const adapter of adapters()) {
      const gateway = asObject(asObject(adapter).ip).gateway;
      if (typeof gateway === 'string' && gateway) return gateway;
    }
    return '10.0.2.2';
  };
  return (
    <fieldset class="group guest">
      <legend>{t('insideGuest')}</legend>
      <div class="field-row">
        <TextField
          label={t('listen')}
          mono
          path={path('listen')}
          value={props.vm.listen}
          placeholder="tcp/22, tcp/80"
          hint={t('listCommas')}
          parse={listParse}
          format={listFormat}
        />
      </div>
      <div class="field-row">
        <CheckField
          label={t('firewallOn')}
          path={[...path('firewall'), 'enabled']}
          checked={firewallOn()}
          onChange={(on) => editor.set([...path('firewall'), 'enabled'], on ? undefined : false)}
        />
        <CheckField
          label={t('answersPing')}
          path={[...path('firewall'), 'icmp']}
          checked={answersPing()}
          disabled={!firewallOn()}
          onChange={(on) => editor.set([...path('firewall'), 'icmp'], icmpValue(on))}
        />
        <TextField
          disabled={!firewallOn()}
          label={`${t('firewall')}: ${t('allowOnly')}`}
          mono
          path={[...path('firewall'), 'allow']}
          value={firewall().allow}
          placeholder="tcp/22"
          parse={listParse}
          format={listFormat}
        />
      </div>
      <div class="field-row">
        <CheckField
          label={t('ipForwarding')}
          path={path('ipForwarding')}
          checked={props.vm.ipForwarding === true}
          onChange={(on) => editor.set(path('ipForwarding'), on ? true : undefined)}
        />
      </div>
      <Show when={adapters().length > 0}>
        <fieldset class="field-row plain">
          <legend class="row-label">{t('masquerade')}</legend>
          <Index each={adapters()}>
            {(adapter, slot) => (
              <Show when={!isDisabledAdapter(adapter())}>
                <CheckField
                  label={`${t('adapter')} ${slot + 1}`}
                  checked={masquerade().includes(slot)}
                  onChange={(on) => toggleMasquerade(slot, on)}
                />
              </Show>
            )}
          </Index>
        </fieldset>
      </Show>
      <table class="edit-table">
        <caption>{t('routes')}</caption>
        <Show when={routes().length > 0}>
          <thead>
            <tr>
              <th scope="col">{t('routeTo')}</th>
              <th scope="col">{t('routeVia')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('removeRoute')}</span>
              </th>
            </tr>
          </thead>
        </Show>
        <tbody>
          <Index each={routes()}>
            {(route, index) => (
              <tr>
                <td>
                  <TextField
                    labelHidden
                    mono
                    label={`${t('routeTo')} ${index + 1}`}
                    path={[...path('routes'), index, 'to']}
                    value={route().to}
                    parse={(text) => text.trim()}
                  />
                </td>
                <td>
                  <TextField
                    labelHidden
                    mono
                    label={`${t('routeVia')} ${index + 1}`}
                    path={[...path('routes'), index, 'via']}
                    value={route().via}
                    parse={(text) => text.trim()}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={`${t('removeRoute')} ${index + 1}`}
                    onClick={() =>
                      editor.act((doc, origin) => removeItem(doc, path('routes'), index, origin))
                    }
                  >
                    ✕
                  </button>
                </td>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
      <Show when={routes().length === 0}>
        <p class="empty">{t('noRoutes')}</p>
      </Show>
      <button
        type="button"
        class="small-button"
        onClick={() =>
          editor.act((doc, origin) =>
            insertItem(doc, path('routes'), { to: '10.0.0.0/8', via: firstGateway() }, origin),
          )
        }
      >
        <span aria-hidden="true">+ </span>
        {t('addRoute')}
      </button>
    </fieldset>
  );
}
