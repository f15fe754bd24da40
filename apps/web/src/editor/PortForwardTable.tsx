/**
 * VirtualBox's Port Forwarding Rules: Name / Protocol / Host IP / Host Port / Guest IP /
 * Guest Port, a row per rule, rows added and removed in place. Used for a NAT adapter
 * (guest IP optional) and for a NAT network (guest IP needed).
 */
import { insertItem, type LabPath, removeItem } from '@vnetlab/shared';
import { Index, Show } from 'solid-js';
import { asArray, asObject } from '../util/json';
import { useEditor } from './createEditor';
import { numberParse, SelectField, TextField } from './fields';
import { t } from './words';

export function PortForwardTable(props: { path: LabPath; rules: unknown }) {
  const editor = useEditor();
  const rules = () => asArray(props.rules).map(asObject);
  const add = () =>
    editor.act((doc, origin) =>
      insertItem(
        doc,
        props.path,
        {
          name: `Rule ${rules().length + 1}`,
          proto: 'tcp',
          hostIp: '',
          hostPort: 2222 + rules().length,
          guestIp: '',
          guestPort: 22,
        },
        origin,
      ),
    );
  return (
    <div class="port-forwards">
      <table class="edit-table">
        <caption>{t('portForwarding')}</caption>
        <Show when={rules().length > 0}>
          <thead>
            <tr>
              <th scope="col">{t('ruleName')}</th>
              <th scope="col">{t('protocol')}</th>
              <th scope="col">{t('hostIp')}</th>
              <th scope="col">{t('hostPort')}</th>
              <th scope="col">{t('guestIp')}</th>
              <th scope="col">{t('guestPort')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('removeRule')}</span>
              </th>
            </tr>
          </thead>
        </Show>
        <tbody>
          <Index each={rules()}>
            {(rule, index) => {
              const at = (field: string): LabPath => [...props.path, index, field];
              const label = (column: string) => `${column}, ${t('rule')} ${index + 1}`;
              return (
                <tr>
                  <td>
                    <TextField
                      labelHidden
                      label={label(t('ruleName'))}
                      path={at('name')}
                      value={rule().name}
                      parse={(s) => s}
                    />
                  </td>
                  <td>
                    <SelectField
                      labelHidden
                      label={label(t('protocol'))}
                      path={at('proto')}
                      value={String(rule().proto ?? 'tcp')}
                      choices={[
                        { value: 'tcp', label: 'TCP' },
                        { value: 'udp', label: 'UDP' },
                      ]}
                      onChange={(value) => editor.set(at('proto'), value)}
                    />
                  </td>
                  <td>
                    <TextField
                      labelHidden
                      mono
                      label={label(t('hostIp'))}
                      path={at('hostIp')}
                      value={rule().hostIp}
                      parse={(s) => s.trim()}
                    />
                  </td>
                  <td>
                    <TextField
                      labelHidden
                      mono
                      label={label(t('hostPort'))}
                      path={at('hostPort')}
                      value={rule().hostPort}
                      parse={numberParse}
                    />
                  </td>
                  <td>
                    <TextField
                      labelHidden
                      mono
                      label={label(t('guestIp'))}
                      path={at('guestIp')}
                      value={rule().guestIp}
                      parse={(s) => s.trim()}
                    />
                  </td>
                  <td>
                    <TextField
                      labelHidden
                      mono
                      label={label(t('guestPort'))}
                      path={at('guestPort')}
                      value={rule().guestPort}
                      parse={numberParse}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={label(t('removeRule'))}
                      title={t('removeRule')}
                      onClick={() => editor.act((doc, origin) => removeItem(doc, props.path, index, origin))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            }}
          </Index>
        </tbody>
      </table>
      <Show when={rules().length === 0}>
        <p class="empty">{t('noRules')}</p>
      </Show>
      <button type="button" class="small-button" onClick={add}>
        <span aria-hidden="true">+ </span>
        {t('addRule')}
      </button>
    </div>
  );
}
