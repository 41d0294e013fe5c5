/**
 * Users and roles (admins only): the list of accounts with their role, scope and whether they are
 * disabled, and a form to create one. Scope follows the role: a sector for a department officer,
 * a district for a district officer. The server checks every field; its problems appear next to
 * the field they name. Each other account can be disabled or enabled (after a confirmation) and
 * have its password reset, in a panel under its row; your own password changes on #/account.
 */
import { useState } from 'preact/hooks';
import type { Role } from '../../domain/identity/roles.ts';
import { OFFICE_ROLES, ROLES, ROLE_LABELS } from '../../domain/identity/roles.ts';
import { officesOf } from '../../domain/cases/offices.ts';
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import type { UserView } from '../../domain/plan/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { areaName } from '../format.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage, Loading } from './error-message.tsx';
import { ConfirmPanel } from './confirm-panel.tsx';
import { useScopeOptions } from './scope-options.ts';
import { SelectField } from './select-field.tsx';
import { TextField } from './text-field.tsx';

type Panel = { id: number; kind: 'toggle' | 'password' } | null;

export function UserAdmin({ onChanged }: { onChanged?: () => void }) {
  const { t, pick, lang, meta, user: me } = useApp();
  const users = useApi<UserView[]>('/api/users');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [sector, setSector] = useState('');
  const [districtCode, setDistrictCode] = useState('');
  const [officeCode, setOfficeCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [changed, setChanged] = useState<string | null>(null);

  const toggle = (id: number, kind: 'toggle' | 'password') => {
    setChanged(null);
    setPanel(panel && panel.id === id && panel.kind === kind ? null : { id, kind });
  };
  /** Close a row's panel and put the keyboard back on the button that opened it. */
  const closePanel = (message?: string) => {
    const opened = panel;
    setPanel(null);
    if (message) {
      setChanged(message);
      users.reload();
      onChanged?.();
    }
    if (opened)
      requestAnimationFrame(() => document.getElementById(`user-${opened.id}-${opened.kind}`)?.focus());
  };

  const scopeOptions = useScopeOptions();
  const offices = officesOf(meta.areas);
  const hasOffice = (OFFICE_ROLES as readonly Role[]).includes(role);
  const problemsFor = (field: string) => error?.problemsFor(field);

  const scopeOf = (u: UserView): string => {
    switch (u.role) {
      case 'departmentOfficer':
        return u.sector ? pick(SECTOR_LABELS[u.sector]) : '—';
      case 'districtOfficer':
        return u.districtCode ? areaName(meta.areas, u.districtCode, lang) : '—';
      case 'viewer':
        return t('scopeReadOnly');
      case 'auditor':
        return t('scopeAuditLog');
      case 'resident':
        return t('scopeOwnData');
      case 'caseWorker':
      case 'supervisor': {
        const office = offices.find((o) => o.code === u.officeCode);
        return office ? (lang === 'zh' ? office.name : office.nameEn) : '—';
      }
      default:
        return t('scopeEverything');
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    setError(null);
    setBusy(true);
    try {
      const user = await api.post<UserView>('/api/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        password,
        role,
        sector: role === 'departmentOfficer' ? sector || undefined : undefined,
        districtCode: role === 'districtOfficer' ? districtCode || undefined : undefined,
        officeCode: hasOffice ? officeCode || undefined : undefined,
      });
      setCreated(t('userCreated', { username: user.username, role: pick(ROLE_LABELS[user.role]) }));
      setUsername('');
      setDisplayName('');
      setPassword('');
      users.reload();
      onChanged?.();
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('usersTitle')}</h2>
      <p>{t('usersIntro')}</p>
      {users.error && <ErrorMessage error={users.error} onRetry={users.reload} />}
      {users.loading && !users.data && <Loading />}
      {users.data && users.data.length === 0 && <p>{t('noUsers')}</p>}
      {changed && (
        <p class="message message-ok" role="status">
          {changed}
        </p>
      )}
      {users.data && users.data.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="users-heading" tabIndex={0}>
          <table data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('colUsername')}</th>
                <th scope="col">{t('colDisplayName')}</th>
                <th scope="col">{t('colRole')}</th>
                <th scope="col">{t('colScope')}</th>
                <th scope="col">{t('colAccountStatus')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => {
                const open = panel?.id === u.id ? panel.kind : null;
                const panelId = `user-panel-${u.id}`;
                const self = u.id === me.id;
                return [
                  <tr
                    key={u.id}
                    data-testid={`user-row-${u.username}`}
                    class={u.disabled ? 'user-disabled' : undefined}
                  >
                    <th scope="row">
                      <code>{u.username}</code>
                    </th>
                    <td>{u.displayName}</td>
                    <td>{pick(ROLE_LABELS[u.role])}</td>
                    <td>{scopeOf(u)}</td>
                    <td data-testid={`user-status-${u.username}`}>
                      {u.disabled ? (
                        <span class="account-badge account-badge-disabled">{t('accountDisabled')}</span>
                      ) : (
                        t('accountActive')
                      )}
                    </td>
                    <td class="actions">
                      {self ? (
                        <a href="#/account">{t('ownAccountLink')}</a>
                      ) : (
                        <>
                          <button
                            type="button"
                            id={`user-${u.id}-toggle`}
                            class={u.disabled ? undefined : 'danger'}
                            aria-expanded={open === 'toggle'}
                            aria-controls={open === 'toggle' ? panelId : undefined}
                            onClick={() => toggle(u.id, 'toggle')}
                          >
                            {u.disabled ? t('enableUser') : t('disableUser')}
                            <span class="visually-hidden"> {u.username}</span>
                          </button>
                          <button
                            type="button"
                            id={`user-${u.id}-password`}
                            aria-expanded={open === 'password'}
                            aria-controls={open === 'password' ? panelId : undefined}
                            onClick={() => toggle(u.id, 'password')}
                          >
                            {t('resetPassword')}
                            <span class="visually-hidden"> {u.username}</span>
                          </button>
                        </>
                      )}
                    </td>
                  </tr>,
                  open && (
                    <tr key={`${u.id}-panel`} class="panel-row">
                      <td colSpan={6} id={panelId}>
                        {open === 'toggle' && <ToggleForm user={u} onClose={closePanel} />}
                        {open === 'password' && <PasswordForm user={u} onClose={closePanel} />}
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </div>
      )}

      <form class="form" onSubmit={submit} noValidate aria-labelledby="create-user-heading">
        <h3 id="create-user-heading">{t('createUserTitle')}</h3>
        {error && <ErrorMessage error={error} />}
        {created && (
          <p class="message message-ok" role="status">
            {created}
          </p>
        )}
        <div class="field-row">
          <TextField
            id="user-username"
            label={t('username')}
            hint={t('usernameHint')}
            required
            problems={problemsFor('username')}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={username}
            onValue={setUsername}
          />
          <TextField
            id="user-display-name"
            label={t('displayName')}
            hint={t('displayNameHint')}
            problems={problemsFor('displayName')}
            autocomplete="off"
            value={displayName}
            onValue={setDisplayName}
          />
        </div>
        <TextField
          id="user-password"
          label={t('password')}
          hint={t('newPasswordHint')}
          required
          problems={problemsFor('password')}
          type="password"
          autocomplete="new-password"
          value={password}
          onValue={setPassword}
        />
        <div class="field-row">
          <SelectField
            id="user-role"
            label={t('role')}
            required
            problems={problemsFor('role')}
            value={role}
            onValue={(r) => setRole(r as Role)}
            options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
          />
          {role === 'departmentOfficer' && (
            <SelectField
              id="user-sector"
              label={t('userSector')}
              required
              problems={problemsFor('sector')}
              value={sector}
              onValue={setSector}
              placeholder={t('chooseSector')}
              options={scopeOptions.sectors}
            />
          )}
          {role === 'districtOfficer' && (
            <SelectField
              id="user-district"
              label={t('userDistrict')}
              required
              problems={problemsFor('districtCode')}
              value={districtCode}
              onValue={setDistrictCode}
              placeholder={t('chooseDistrict')}
              options={scopeOptions.districts}
            />
          )}
          {hasOffice && (
            <SelectField
              id="user-office"
              label={t('userOffice')}
              required
              problems={problemsFor('officeCode')}
              value={officeCode}
              onValue={setOfficeCode}
              placeholder={t('chooseOffice')}
              options={offices.map((o) => ({ value: o.code, label: lang === 'zh' ? o.name : o.nameEn }))}
            />
          )}
        </div>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('creatingUser') : t('createUser')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ToggleForm(props: { user: UserView; onClose: (message?: string) => void }) {
  const { t } = useApp();
  const u = props.user;
  const disable = !u.disabled;
  return (
    <ConfirmPanel
      titleId={`user-${u.id}-toggle-title`}
      title={t(disable ? 'disableUserTitle' : 'enableUserTitle', { username: u.username })}
      text={t(disable ? 'disableUserText' : 'enableUserText')}
      confirmLabel={t(disable ? 'confirmDisable' : 'confirmEnable')}
      danger={disable}
      action={async () => {
        await api.patch(`/api/users/${u.id}`, { disabled: disable });
        return t(disable ? 'userDisabledDone' : 'userEnabledDone', { username: u.username });
      }}
      onClose={props.onClose}
    />
  );
}

/** The API names the field `newPassword` (the rule shared with changing one's own) or `password`. */
const passwordProblems = (error: ApiError | null) =>
  error ? [...error.problemsFor('password'), ...error.problemsFor('newPassword')] : undefined;

function PasswordForm(props: { user: UserView; onClose: (message?: string) => void }) {
  const { t } = useApp();
  const u = props.user;
  const [password, setPassword] = useState('');
  // A problem with the password is shown at the field (which takes the focus), anything else above it.
  return (
    <ConfirmPanel
      titleId={`user-${u.id}-password-title`}
      title={t('resetPasswordTitle', { username: u.username })}
      text={t('resetPasswordText')}
      confirmLabel={t('confirmResetPassword')}
      busyLabel={t('saving')}
      action={async () => {
        await api.patch(`/api/users/${u.id}`, { password });
        return t('passwordResetDone', { username: u.username });
      }}
      onClose={props.onClose}
      shownAtFields={(error) => (passwordProblems(error)?.length ?? 0) > 0}
    >
      {(error) => (
        <TextField
          id={`user-${u.id}-new-password`}
          label={t('newPassword')}
          hint={t('newPasswordHint')}
          required
          problems={passwordProblems(error)}
          type="password"
          autocomplete="new-password"
          value={password}
          onValue={setPassword}
        />
      )}
    </ConfirmPanel>
  );
}
