// Admin: the staff accounts: who has which roles and districts, who is locked out, who signed in when;
// plus the forms to add and change accounts.
import { useCallback, useEffect, useState } from 'react';
import type { TUserItem } from '../../../../server/contract/staff';
import { formatVnDateTime } from '../../respondent/dates';
import { api, ApiError } from '../api';
import { st, type Locale } from '../i18n';
import { Loading } from '../Shell';
import { CreateUser } from './CreateUser';
import { EditUser } from './EditUser';

export function UsersPage({ locale }: { locale: Locale }) {
  const [users, setUsers] = useState<TUserItem[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const { items } = await api<{ items: TUserItem[] }>('GET', '/users');
      setUsers(items);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error : new ApiError({ status: 0, code: 'unknown', detail: String(error) }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = (user: TUserItem) =>
    setUsers((list) => {
      const rest = (list ?? []).filter((u) => u.username !== user.username);
      return [...rest, user].sort((a, b) => a.username.localeCompare(b.username));
    });

  const editedUser = users?.find((u) => u.username === editing);

  return (
    <div className="page">
      <h1 className="page__title">{st(locale, 'users.title')}</h1>
      {done ? (
        <p className="message message--success" role="status" data-testid="users-done">
          {done}
        </p>
      ) : null}
      <section className="card" aria-labelledby="users-list-title">
        <h2 id="users-list-title" className="card__title">
          {st(locale, 'users.list')}
        </h2>
        {loadError ? (
          <div className="message message--error" role="alert">
            <p>
              {st(locale, 'users.loadFailed')} {loadError.message}
            </p>
            <button type="button" className="button button--small" onClick={() => void load()}>
              {st(locale, 'retry')}
            </button>
          </div>
        ) : users === null ? (
          <Loading locale={locale} />
        ) : users.length === 0 ? (
          <p>{st(locale, 'users.empty')}</p>
        ) : (
          <UsersTable users={users} locale={locale} editing={editing} onEdit={(name) => (setEditing(name), setDone(null))} />
        )}
      </section>
      {editedUser ? (
        <EditUser
          key={editedUser.username}
          user={editedUser}
          locale={locale}
          onClose={() => setEditing(null)}
          onSaved={(user, message) => {
            replace(user);
            setEditing(null);
            setDone(message);
          }}
        />
      ) : null}
      <CreateUser
        locale={locale}
        onCreated={(user) => {
          replace(user);
          setDone(null);
          void load();
        }}
      />
    </div>
  );
}

interface TableProps {
  users: TUserItem[];
  locale: Locale;
  editing: string | null;
  onEdit: (username: string) => void;
}

function UsersTable({ users, locale, editing, onEdit }: TableProps) {
  return (
    <div className="table-wrap" tabIndex={0} aria-labelledby="users-list-title">
      <table className="table table--stack" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{st(locale, 'users.col.username')}</th>
            <th scope="col">{st(locale, 'users.col.displayName')}</th>
            <th scope="col">{st(locale, 'users.col.roles')}</th>
            <th scope="col">{st(locale, 'users.col.districts')}</th>
            <th scope="col">{st(locale, 'users.col.status')}</th>
            <th scope="col">{st(locale, 'users.col.lastLogin')}</th>
            <th scope="col">
              <span className="visually-hidden">{st(locale, 'users.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.username} className={user.disabled ? 'table__row--muted' : undefined}>
              <th scope="row" data-label={st(locale, 'users.col.username')}>
                <code>{user.username}</code>
              </th>
              <td data-label={st(locale, 'users.col.displayName')}>{user.displayName ?? ''}</td>
              <td data-label={st(locale, 'users.col.roles')}>{user.roles.map((role) => st(locale, `role.${role}`)).join(', ')}</td>
              <td data-label={st(locale, 'users.col.districts')}>{user.roles.includes('fieldwork') ? user.districts.join(', ') || st(locale, 'users.allDistricts') : '—'}</td>
              <td data-label={st(locale, 'users.col.status')}>
                <span className={`badge ${user.disabled ? 'badge--off' : 'badge--on'}`}>
                  {st(locale, user.disabled ? 'users.disabled' : 'users.active')}
                </span>
              </td>
              <td className="table__nowrap" data-label={st(locale, 'users.col.lastLogin')}>
                {user.lastLoginAt ? formatVnDateTime(user.lastLoginAt, locale) : st(locale, 'users.never')}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  aria-pressed={editing === user.username}
                  aria-label={st(locale, 'users.editUser', { username: user.username })}
                  onClick={() => onEdit(user.username)}
                >
                  {st(locale, 'users.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
